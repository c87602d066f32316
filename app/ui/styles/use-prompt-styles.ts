"use client";
// The styles of styles.csv for the styles selector, read from /sdapi/v1/prompt-styles (A1111's shape) and
// replaced by what the editor's save and delete answer.
import { useCallback, useEffect, useState } from "react";
import type { PromptStyle } from "@/lib/infotext/styles";

export function usePromptStyles() {
  const [styles, setStyles] = useState<PromptStyle[]>([]);
  const reload = useCallback(async () => {
    const res = await fetch("/sdapi/v1/prompt-styles");
    if (!res.ok) return;
    const list = (await res.json()) as Array<{ name: string; prompt: string; negative_prompt: string }>;
    setStyles(list.map((s) => ({ name: s.name, prompt: s.prompt, negativePrompt: s.negative_prompt })));
  }, []);
  useEffect(() => void reload(), [reload]);
  return { styles, setStyles, reload };
}

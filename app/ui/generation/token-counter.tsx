"use client";
// A1111's `n/75` counter in the corner of a prompt box: recounted on the server (app/actions/token-count.ts)
// shortly after typing stops; the latest answer wins.
import { useEffect, useRef, useState } from "react";
import { countTokens } from "@/app/actions/token-count";
import type { TokenCount } from "@/lib/prompts/token-counter";

interface TokenCounterProps {
  id: string;
  text: string;
  steps: number;
  styles: string[];
  isPositive: boolean;
}

const DELAY_MS = 250;

export function TokenCounter({ id, text, steps, styles, isPositive }: TokenCounterProps) {
  const [count, setCount] = useState<TokenCount | null>(null);
  const serial = useRef(0);
  const stylesKey = JSON.stringify(styles);
  useEffect(() => {
    const mine = ++serial.current;
    const timer = setTimeout(() => {
      countTokens(text, steps, JSON.parse(stylesKey) as string[], isPositive)
        .then((result) => mine === serial.current && setCount(result))
        .catch(() => mine === serial.current && setCount(null));
    }, DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, steps, stylesKey, isPositive]);
  return (
    <span id={id} aria-label="Token count" className={`pointer-events-none absolute right-2 top-1 rounded bg-zinc-900/80 px-1 text-xs ${count && count.count > count.limit - 75 && count.limit > 75 ? "text-orange-400" : "text-zinc-500"}`}>
      {count ? `${count.count}/${count.limit}` : ""}
    </span>
  );
}

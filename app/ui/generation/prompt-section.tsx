"use client";
// Prompt and negative prompt, with A1111's shortcut hint in the placeholder, and Ctrl+Up/Down to
// change the attention weight of the selection or the word under the caret (edit-attention.ts).
import { useLayoutEffect, useRef, type KeyboardEvent } from "react";
import type { FormSectionProps } from "@/app/ui/generation/form-section";
import { editAttention, type KeyEditOptions } from "@/app/ui/generation/edit-attention";

export interface PromptFields {
  prompt: string;
  negativePrompt: string;
}

interface PromptSectionProps extends FormSectionProps<PromptFields> {
  /** The Ctrl+Up/Down settings (step sizes, word delimiters). */
  keyEdit: KeyEditOptions;
}

const SHORTCUTS = "(Press Ctrl+Enter to generate, Alt+Enter to skip, Esc to interrupt)";

export function PromptSection({ idPrefix, form, update, keyEdit }: PromptSectionProps) {
  // The selection to restore once React has written the edited text (a new value moves the caret to the end).
  const pending = useRef<{ box: HTMLTextAreaElement; start: number; end: number } | null>(null);
  useLayoutEffect(() => {
    const selection = pending.current;
    pending.current = null;
    selection?.box.setSelectionRange(selection.start, selection.end);
  }, [form.prompt, form.negativePrompt]);

  const onKeyDown = (field: keyof PromptFields) => (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!(e.ctrlKey || e.metaKey) || (e.key !== "ArrowUp" && e.key !== "ArrowDown")) return;
    e.preventDefault();
    const box = e.currentTarget;
    const edited = editAttention({ text: box.value, start: box.selectionStart, end: box.selectionEnd }, e.key === "ArrowUp", keyEdit);
    if (!edited) return;
    pending.current = { box, start: edited.start, end: edited.end };
    update({ [field]: edited.text });
  };

  const area = "w-full resize-y rounded border border-zinc-700 bg-zinc-950 px-2 py-1.5 text-sm leading-snug placeholder:text-zinc-600 focus:border-orange-500 focus:outline-none";
  return (
    <div className="flex flex-col gap-2">
      <label htmlFor={`${idPrefix}_prompt`} className="sr-only">
        Prompt
      </label>
      <textarea
        id={`${idPrefix}_prompt`}
        rows={3}
        value={form.prompt}
        onChange={(e) => update({ prompt: e.target.value })}
        onKeyDown={onKeyDown("prompt")}
        placeholder={`Prompt\n${SHORTCUTS}`}
        className={area}
      />
      <label htmlFor={`${idPrefix}_neg_prompt`} className="sr-only">
        Negative prompt
      </label>
      <textarea
        id={`${idPrefix}_neg_prompt`}
        rows={2}
        value={form.negativePrompt}
        onChange={(e) => update({ negativePrompt: e.target.value })}
        onKeyDown={onKeyDown("negativePrompt")}
        placeholder={`Negative prompt\n${SHORTCUTS}`}
        className={area}
      />
    </div>
  );
}

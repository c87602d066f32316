"use client";
// Prompt and negative prompt, with A1111's shortcut hint in the placeholder, and Ctrl+Up/Down to
// change the attention weight of the selection or the word under the caret (edit-attention.ts);
// A1111's token counter in each box's corner.
import { useLayoutEffect, useRef, type KeyboardEvent } from "react";
import type { FormSectionProps } from "@/app/ui/generation/form-section";
import { editAttention, type KeyEditOptions } from "@/app/ui/generation/edit-attention";
import { TokenCounter } from "@/app/ui/generation/token-counter";

export interface PromptFields {
  prompt: string;
  negativePrompt: string;
  /** Styles applied at generation, in the order selected (app/ui/styles/styles-field.tsx). */
  styles: string[];
}

interface PromptSectionProps extends FormSectionProps<PromptFields> {
  /** The Ctrl+Up/Down settings (step sizes, word delimiters). */
  keyEdit: KeyEditOptions;
  /** The job's steps: the counter counts the prompt-editing schedule's texts at them. */
  steps: number;
  onFocusBox?: (box: PromptBox) => void;
}

const SHORTCUTS = "(Press Ctrl+Enter to generate, Alt+Enter to skip, Esc to interrupt)";

/** Which box had the focus last: where the Extra Networks panel inserts. */
export type PromptBox = "prompt" | "negativePrompt";

export function PromptSection({ idPrefix, form, update, keyEdit, steps, onFocusBox }: PromptSectionProps) {
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
      <div className="relative">
        <textarea id={`${idPrefix}_prompt`} rows={3} onFocus={() => onFocusBox?.("prompt")} value={form.prompt} onChange={(e) => update({ prompt: e.target.value })} onKeyDown={onKeyDown("prompt")} placeholder={`Prompt\n${SHORTCUTS}`} className={area} />
        <TokenCounter id={`${idPrefix}_token_counter`} text={form.prompt} steps={steps} styles={form.styles} isPositive />
      </div>
      <label htmlFor={`${idPrefix}_neg_prompt`} className="sr-only">
        Negative prompt
      </label>
      <div className="relative">
        <textarea
          id={`${idPrefix}_neg_prompt`}
          rows={2}
          onFocus={() => onFocusBox?.("negativePrompt")}
          value={form.negativePrompt}
          onChange={(e) => update({ negativePrompt: e.target.value })}
          onKeyDown={onKeyDown("negativePrompt")}
          placeholder={`Negative prompt\n${SHORTCUTS}`}
          className={area}
        />
        <TokenCounter id={`${idPrefix}_negative_token_counter`} text={form.negativePrompt} steps={steps} styles={form.styles} isPositive={false} />
      </div>
    </div>
  );
}

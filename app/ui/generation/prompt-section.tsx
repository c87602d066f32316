"use client";
// Prompt and negative prompt, with A1111's shortcut hint in the placeholder and its token counter in the corner.
import type { FormSectionProps } from "@/app/ui/generation/form-section";
import { TokenCounter } from "@/app/ui/generation/token-counter";

export interface PromptFields {
  prompt: string;
  negativePrompt: string;
  /** Styles applied at generation, in the order selected (app/ui/styles/styles-field.tsx). */
  styles: string[];
}

const SHORTCUTS = "(Press Ctrl+Enter to generate, Alt+Enter to skip, Esc to interrupt)";

/** Which box had the focus last: where the Extra Networks panel inserts. */
export type PromptBox = "prompt" | "negativePrompt";

export function PromptSection({ idPrefix, form, update, steps, onFocusBox }: FormSectionProps<PromptFields> & { steps: number; onFocusBox?: (box: PromptBox) => void }) {
  const area = "w-full resize-y rounded border border-zinc-700 bg-zinc-950 px-2 py-1.5 text-sm leading-snug placeholder:text-zinc-600 focus:border-orange-500 focus:outline-none";
  return (
    <div className="flex flex-col gap-2">
      <label htmlFor={`${idPrefix}_prompt`} className="sr-only">
        Prompt
      </label>
      <div className="relative">
        <textarea id={`${idPrefix}_prompt`} rows={3} onFocus={() => onFocusBox?.("prompt")} value={form.prompt} onChange={(e) => update({ prompt: e.target.value })} placeholder={`Prompt\n${SHORTCUTS}`} className={area} />
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
          placeholder={`Negative prompt\n${SHORTCUTS}`}
          className={area}
        />
        <TokenCounter id={`${idPrefix}_negative_token_counter`} text={form.negativePrompt} steps={steps} styles={form.styles} isPositive={false} />
      </div>
    </div>
  );
}

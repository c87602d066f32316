"use client";
// Prompt and negative prompt, with A1111's shortcut hint in the placeholder.
import type { FormSectionProps } from "@/app/ui/generation/form-section";

export interface PromptFields {
  prompt: string;
  negativePrompt: string;
  /** Styles applied at generation, in the order selected (app/ui/styles/styles-field.tsx). */
  styles: string[];
}

const SHORTCUTS = "(Press Ctrl+Enter to generate, Alt+Enter to skip, Esc to interrupt)";

export function PromptSection({ idPrefix, form, update }: FormSectionProps<PromptFields>) {
  const area = "w-full resize-y rounded border border-zinc-700 bg-zinc-950 px-2 py-1.5 text-sm leading-snug placeholder:text-zinc-600 focus:border-orange-500 focus:outline-none";
  return (
    <div className="flex flex-col gap-2">
      <label htmlFor={`${idPrefix}_prompt`} className="sr-only">
        Prompt
      </label>
      <textarea id={`${idPrefix}_prompt`} rows={3} value={form.prompt} onChange={(e) => update({ prompt: e.target.value })} placeholder={`Prompt\n${SHORTCUTS}`} className={area} />
      <label htmlFor={`${idPrefix}_neg_prompt`} className="sr-only">
        Negative prompt
      </label>
      <textarea
        id={`${idPrefix}_neg_prompt`}
        rows={2}
        value={form.negativePrompt}
        onChange={(e) => update({ negativePrompt: e.target.value })}
        placeholder={`Negative prompt\n${SHORTCUTS}`}
        className={area}
      />
    </div>
  );
}

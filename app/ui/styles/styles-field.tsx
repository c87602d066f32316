"use client";
// A1111's styles selector beside the prompts: the selected styles (applied at generation, in the order
// picked), a button that writes them into the prompts instead (A1111's 🖌️), and a small editor that saves the
// current prompts as a style or deletes one (docs/a1111/prompts.md#styles).
import { useState } from "react";
import { Paintbrush, RefreshCw } from "lucide-react";
import { deleteStyle, saveStyle } from "@/app/actions/styles";
import { FilledButton } from "@/app/ui/controls/filled-button";
import { ToolButton } from "@/app/ui/controls/tool-button";
import type { PromptFields } from "@/app/ui/generation/prompt-section";
import type { PromptStyle } from "@/lib/infotext/styles";
import { applyStyles } from "@/lib/styles/apply-styles";

interface StylesFieldProps {
  idPrefix: string;
  form: PromptFields;
  update: (patch: Partial<PromptFields>) => void;
  styles: readonly PromptStyle[];
  onStylesChange: (styles: PromptStyle[]) => void;
  onRefresh: () => void;
}

export function StylesField({ idPrefix, form, update, styles, onStylesChange, onRefresh }: StylesFieldProps) {
  const [editName, setEditName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const unselected = styles.filter((s) => !form.styles.includes(s.name));
  const applyToPrompts = () =>
    update({
      prompt: applyStyles(form.prompt, form.styles, styles, "prompt"),
      negativePrompt: applyStyles(form.negativePrompt, form.styles, styles, "negativePrompt"),
      styles: [],
    });
  const run = async (action: () => Promise<PromptStyle[]>) => {
    try {
      onStylesChange(await action());
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="flex flex-col gap-1 text-xs">
      <div className="flex items-center gap-1">
        <label htmlFor={`${idPrefix}_styles`} className="sr-only">
          Styles
        </label>
        <select
          id={`${idPrefix}_styles`}
          value=""
          onChange={(e) => e.target.value && update({ styles: [...form.styles, e.target.value] })}
          className="h-8 min-w-0 flex-1 rounded border border-zinc-700 bg-zinc-950 px-1"
        >
          <option value="">Styles…</option>
          {unselected.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name}
            </option>
          ))}
        </select>
        <ToolButton id={`${idPrefix}_style_apply`} title="Apply all selected styles to prompts." icon={Paintbrush} onClick={applyToPrompts} disabled={form.styles.length === 0} />
        <ToolButton id={`${idPrefix}_styles_refresh`} title="Refresh the styles from styles.csv" icon={RefreshCw} onClick={onRefresh} />
      </div>
      <ul id={`${idPrefix}_styles_selected`} className="flex flex-wrap gap-1">
        {form.styles.map((name, i) => (
          <li key={`${name}-${i}`} className="flex items-center gap-1 rounded bg-zinc-800 px-1.5 py-0.5" data-style={name}>
            {name}
            <button type="button" aria-label={`Remove style ${name}`} onClick={() => update({ styles: form.styles.filter((_, j) => j !== i) })} className="text-zinc-400 hover:text-zinc-100">
              ×
            </button>
          </li>
        ))}
      </ul>
      <details>
        <summary className="cursor-pointer text-zinc-400">Edit styles</summary>
        <div className="mt-1 flex flex-col gap-1">
          <input
            id={`${idPrefix}_style_name`}
            list={`${idPrefix}_style_names`}
            value={editName}
            onChange={(e) => setEditName(e.target.value)}
            placeholder="Style name"
            className="rounded border border-zinc-700 bg-zinc-950 px-1 py-0.5"
          />
          <datalist id={`${idPrefix}_style_names`}>
            {styles.map((s) => (
              <option key={s.name} value={s.name} />
            ))}
          </datalist>
          <div className="flex gap-1">
            <FilledButton
              id={`${idPrefix}_style_save`}
              look="small"
              title="Save the current prompt and negative prompt as this style"
              onClick={() => void run(() => saveStyle({ name: editName, prompt: form.prompt, negativePrompt: form.negativePrompt }))}
            >
              Save
            </FilledButton>
            <FilledButton id={`${idPrefix}_style_delete`} look="small" disabled={!styles.some((s) => s.name === editName)} onClick={() => void run(() => deleteStyle(editName))}>
              Delete
            </FilledButton>
          </div>
          {error && (
            <p role="alert" className="text-red-400">
              {error}
            </p>
          )}
        </div>
      </details>
    </div>
  );
}

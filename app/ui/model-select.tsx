"use client";
// A quicksettings dropdown of the top bar (the checkpoint, the VAE): choosing stores the setting at once, and the
// server's answer — saved, or why not — shows beside it. Each caller says how its setting is stored.
import { useState, useTransition } from "react";

interface ModelSelectProps {
  /** The setting's key: the dropdown's id is `setting_<key>`, as on the Settings tab. */
  setting: string;
  statusId: string;
  label: string;
  choices: readonly string[];
  value: string;
  /** The one option shown while there is nothing to choose. */
  emptyText?: string;
  /** Tailwind max-width of the dropdown (long checkpoint titles need more room than VAE names). */
  maxWidth: string;
  /** Stores a choice: null once it is saved, otherwise why it was not. */
  save: (choice: string) => Promise<string | null>;
}

export function ModelSelect({ setting, statusId, label, choices, value, emptyText, maxWidth, save }: ModelSelectProps) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const id = `setting_${setting}`;

  const change = (choice: string) =>
    startTransition(async () => {
      setMessage(null);
      try {
        const error = await save(choice);
        setMessage(error === null ? { ok: true, text: "saved" } : { ok: false, text: error });
      } catch (e) {
        setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) });
      }
    });

  return (
    <div className="flex min-w-0 items-center gap-2">
      <label htmlFor={id} className="shrink-0 text-xs text-zinc-400">
        {label}
      </label>
      <select
        id={id}
        value={value}
        disabled={pending || choices.length === 0}
        onChange={(e) => change(e.target.value)}
        className={`min-w-0 ${maxWidth} rounded border border-zinc-700 bg-zinc-950 px-2 py-1 text-sm focus:border-orange-500 focus:outline-none disabled:opacity-60`}
      >
        {choices.length === 0 && <option value="">{emptyText}</option>}
        {choices.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <span id={statusId} role="status" className={`text-xs ${message && !message.ok ? "text-red-400" : "text-zinc-500"}`}>
        {pending ? "saving…" : message?.text}
      </span>
    </div>
  );
}

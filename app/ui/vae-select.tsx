"use client";
// Quicksettings: the SD VAE dropdown in the top bar, beside the checkpoint (docs/vae-choice.md). Changing it
// stores sd_vae at once through the settings action; the next generation decodes with that VAE.
import { useState, useTransition } from "react";
import { applySettings } from "@/app/actions/settings";
import type { Options } from "@/lib/settings/options";

interface VaeSelectProps {
  vaes: readonly string[];
  value: string;
  onSaved: (options: Options) => void;
}

export function VaeSelect({ vaes, value, onSaved }: VaeSelectProps) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const choices = vaes.includes(value) ? vaes : [...vaes, value];

  const change = (sdVae: string) =>
    startTransition(async () => {
      setMessage(null);
      try {
        const result = await applySettings({ sd_vae: sdVae });
        const error = result.errors.sd_vae;
        if (!error) onSaved(result.options);
        setMessage(error ? { ok: false, text: error } : { ok: true, text: "saved" });
      } catch (e) {
        setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) });
      }
    });

  return (
    <div className="flex min-w-0 items-center gap-2">
      <label htmlFor="setting_sd_vae" className="shrink-0 text-xs text-zinc-400">
        SD VAE
      </label>
      <select
        id="setting_sd_vae"
        value={value}
        disabled={pending}
        onChange={(e) => change(e.target.value)}
        className="min-w-0 max-w-60 rounded border border-zinc-700 bg-zinc-950 px-2 py-1 text-sm focus:border-orange-500 focus:outline-none disabled:opacity-60"
      >
        {choices.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <span id="vae_status" role="status" className={`text-xs ${message && !message.ok ? "text-red-400" : "text-zinc-500"}`}>
        {pending ? "saving…" : message?.text}
      </span>
    </div>
  );
}

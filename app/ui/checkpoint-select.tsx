"use client";
// Quicksettings: the Stable Diffusion checkpoint dropdown in the top bar. Changing it stores
// sd_model_checkpoint at once; the server's answer (saved or why not) shows beside it.
import { useState, useTransition } from "react";
import { selectCheckpoint } from "@/app/actions/settings";

interface CheckpointSelectProps {
  checkpoints: readonly string[];
  value: string;
  onSaved: (title: string) => void;
}

export function CheckpointSelect({ checkpoints, value, onSaved }: CheckpointSelectProps) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const change = (title: string) =>
    startTransition(async () => {
      setMessage(null);
      try {
        const result = await selectCheckpoint(title);
        if (result.ok) onSaved(result.checkpoint);
        setMessage(result.ok ? { ok: true, text: "saved" } : { ok: false, text: result.error });
      } catch (e) {
        setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) });
      }
    });

  return (
    <div className="flex min-w-0 items-center gap-2">
      <label htmlFor="setting_sd_model_checkpoint" className="shrink-0 text-xs text-zinc-400">
        Stable Diffusion checkpoint
      </label>
      <select
        id="setting_sd_model_checkpoint"
        value={value}
        disabled={pending || checkpoints.length === 0}
        onChange={(e) => change(e.target.value)}
        className="min-w-0 max-w-80 rounded border border-zinc-700 bg-zinc-950 px-2 py-1 text-sm focus:border-orange-500 focus:outline-none disabled:opacity-60"
      >
        {checkpoints.length === 0 && <option value="">no checkpoints found</option>}
        {checkpoints.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <span id="checkpoint_status" role="status" className={`text-xs ${message && !message.ok ? "text-red-400" : "text-zinc-500"}`}>
        {pending ? "saving…" : message?.text}
      </span>
    </div>
  );
}

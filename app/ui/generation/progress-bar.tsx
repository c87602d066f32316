"use client";
// A1111's progress bar: percent and ETA inside the bar, the job text (textinfo) under it.
import { formatEta } from "@/app/ui/generation/format-eta";

interface ProgressBarProps {
  id: string;
  /** 0..1 */
  progress: number;
  /** Seconds left; null when not yet known. */
  eta: number | null;
  textinfo: string;
}

export function ProgressBar({ id, progress, eta, textinfo }: ProgressBarProps) {
  const percent = Math.round(Math.min(1, Math.max(0, progress)) * 100);
  return (
    <div className="flex flex-col gap-1">
      <div
        id={id}
        role="progressbar"
        aria-label="Generation progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        data-progress={percent}
        className="relative h-6 overflow-hidden rounded border border-zinc-700 bg-zinc-950"
      >
        <div className="h-full bg-orange-600 transition-[width] duration-300" style={{ width: `${percent}%` }} />
        <span className="absolute inset-0 flex items-center justify-center text-xs font-medium tabular-nums text-white">
          {percent}%{eta !== null && percent > 0 ? ` ETA: ${formatEta(eta)}` : ""}
        </span>
      </div>
      {textinfo && (
        <p id={`${id}_text`} className="text-xs text-zinc-400">
          {textinfo}
        </p>
      )}
    </div>
  );
}

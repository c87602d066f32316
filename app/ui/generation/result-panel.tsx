"use client";
// The right-hand column of a generation tab: progress and live preview while a job runs, then the
// gallery, the selected image's infotext and the time taken; errors always visible.
import type { ReactNode } from "react";
import type { GenerationState } from "@/app/ui/generation/use-generation-task";
import { ProgressBar } from "@/app/ui/generation/progress-bar";
import { ResultGallery } from "@/app/ui/generation/result-gallery";

interface ResultPanelProps {
  /** Element id prefix: "txt2img" gives txt2img_progress, txt2img_gallery, … */
  idPrefix: string;
  state: GenerationState;
  selected: number;
  onSelect: (index: number) => void;
  /** Buttons under the gallery (later: Send to img2img, …). */
  actions?: ReactNode;
}

export function ResultPanel({ idPrefix, state, selected, onSelect, actions }: ResultPanelProps) {
  const images = state.result?.images ?? [];
  const image = images[selected];
  const report = state.report;
  // What the job could not do as asked (an image it could not save): info.warnings.
  const warnings = (state.result?.info.warnings as string[] | undefined) ?? [];

  return (
    <section aria-label="Results" className="flex flex-col gap-3">
      {state.running && (
        <ProgressBar
          id={`${idPrefix}_progress`}
          progress={report?.progress ?? 0}
          eta={report?.eta ?? null}
          textinfo={report?.textinfo ?? "Waiting..."}
        />
      )}
      {state.running && state.livePreview && (
        <div className="flex items-center justify-center rounded border border-zinc-800 bg-zinc-950 p-1">
          <img id={`${idPrefix}_preview`} src={state.livePreview} alt="Live preview" className="max-h-[50vh] max-w-full object-contain opacity-90" />
        </div>
      )}
      {state.error && (
        <p id={`${idPrefix}_error`} role="alert" className="rounded border border-red-800 bg-red-950/60 px-3 py-2 text-sm text-red-200">
          {state.error}
        </p>
      )}
      {warnings.length > 0 && (
        <ul id={`${idPrefix}_warnings`} role="status" className="flex flex-col gap-1 rounded border border-amber-700 bg-amber-950/60 px-3 py-2 text-sm text-amber-200">
          {warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      {images.length > 0 ? (
        <ResultGallery id={`${idPrefix}_gallery`} images={images} selected={selected} onSelect={onSelect} />
      ) : (
        !state.running && <div className="flex h-64 items-center justify-center rounded border border-dashed border-zinc-800 text-sm text-zinc-600">No images yet</div>
      )}
      {actions}
      {image && (
        <div className="flex flex-col gap-1">
          <pre id={`${idPrefix}_infotext`} className="whitespace-pre-wrap break-words rounded border border-zinc-800 bg-zinc-950 p-2 font-mono text-xs text-zinc-300">
            {image.infotext}
          </pre>
          {state.elapsedMs !== null && (
            <p id={`${idPrefix}_time`} className="text-xs text-zinc-500">
              Time taken: {(state.elapsedMs / 1000).toFixed(1)} sec.
            </p>
          )}
        </div>
      )}
    </section>
  );
}

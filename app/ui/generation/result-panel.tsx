"use client";
// The right-hand column of a generation tab: progress while a job runs, with the live preview in
// the place of the result image (docs/ui.md#live-preview); then the gallery, Save / Zip / Copy, the
// send-to buttons, the selected image's infotext and the time taken; errors always visible.
import type { GenerationState } from "@/app/ui/generation/use-generation-task";
import { OutputButtons } from "@/app/ui/generation/output-buttons";
import { ProgressBar } from "@/app/ui/generation/progress-bar";
import { ResultGallery } from "@/app/ui/generation/result-gallery";
import type { SendTarget, SentImage } from "@/app/ui/generation/send-to";
import { SendToButtons } from "@/app/ui/generation/send-to-buttons";

interface ResultPanelProps {
  /** Element id prefix: "txt2img" gives txt2img_progress, txt2img_gallery, … */
  idPrefix: string;
  state: GenerationState;
  selected: number;
  onSelect: (index: number) => void;
  onSend: (target: SendTarget, image: SentImage) => void;
}

export function ResultPanel({ idPrefix, state, selected, onSelect, onSend }: ResultPanelProps) {
  const images = state.result?.images ?? [];
  const image = images[selected];
  const report = state.report;
  // What the job could not do as asked (an image it could not save): info.warnings.
  const warnings = (state.result?.info.warnings as string[] | undefined) ?? [];
  // The preview takes the result image's place, so a batch or an X/Y/Z run never stacks two pictures;
  // until the first preview the previous result stays, as in A1111.
  const preview = state.running ? state.livePreview : null;

  return (
    <section aria-label="Results" className="flex flex-col gap-3">
      {state.running && (
        <ProgressBar id={`${idPrefix}_progress`} progress={report?.progress ?? 0} eta={report?.eta ?? null} textinfo={report?.textinfo ?? "Starting..."} />
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
      {preview ? (
        <div id={`${idPrefix}_preview_area`} className="flex h-[min(70vh,640px)] items-center justify-center overflow-hidden rounded border border-zinc-800 bg-zinc-950">
          <img id={`${idPrefix}_preview`} src={preview} alt="Live preview" className="h-full w-full object-contain" />
        </div>
      ) : images.length > 0 ? (
        <>
          <ResultGallery id={`${idPrefix}_gallery`} images={images} selected={selected} onSelect={onSelect} onSend={onSend} />
          <OutputButtons idPrefix={idPrefix} images={images} selected={selected} />
          <SendToButtons idPrefix={idPrefix} image={image ?? null} onSend={onSend} />
        </>
      ) : (
        !state.running && <div className="flex h-64 items-center justify-center rounded border border-dashed border-zinc-800 text-sm text-zinc-600">No images yet</div>
      )}
      {image && !preview && (
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

// What the UI's progress poll returns (A1111's POST /internal/progress, plus the finished result
// so the page needs no second request).
import type { JobProgress } from "@/lib/queue/job-progress";
import type { JobQueue } from "@/lib/queue/job-queue";
import { progressText } from "@/lib/queue/progress-text";

export interface ResultImage {
  /** Where the browser loads it: /files/… for saved images, a data URL otherwise. */
  url: string;
  width: number;
  height: number;
  infotext: string;
  /** Set when the image was saved: path relative to the outputs folder. */
  savedPath: string | null;
}

export interface JobResultView {
  images: ResultImage[];
  /** A1111's `info` object (seeds, prompts, infotexts, …). */
  info: Record<string, unknown>;
}

/** What a generation job returns: the view plus each image's encoded PNG (the API sends those bytes). */
export interface GenerationResult extends JobResultView {
  images: Array<ResultImage & { png: Buffer }>;
}

/** The result with the job's warnings in its `info.warnings` (after any the info already had). */
export function withJobWarnings(result: GenerationResult, progress: JobProgress): GenerationResult {
  if (progress.warnings.length === 0) return result;
  const earlier = Array.isArray(result.info.warnings) ? (result.info.warnings as string[]) : [];
  return { ...result, info: { ...result.info, warnings: [...new Set([...earlier, ...progress.warnings])] } };
}

function toView(result: GenerationResult): JobResultView {
  return { images: result.images.map(({ png: _png, ...image }) => image), info: result.info };
}

export interface ProgressReport {
  active: boolean;
  queued: boolean;
  completed: boolean;
  /** 0..1 */
  progress: number;
  /** Seconds left, null when unknown. */
  eta: number | null;
  livePreview: string | null;
  livePreviewId: number;
  textinfo: string;
  error: string | null;
  result: JobResultView | null;
}

export function progressReport(queue: JobQueue, id: string, knownPreviewId = -1): ProgressReport {
  const task = queue.get(id);
  const empty: ProgressReport = {
    active: false, queued: false, completed: false, progress: 0, eta: null,
    livePreview: null, livePreviewId: knownPreviewId, textinfo: "", error: null, result: null,
  };
  if (!task) return { ...empty, completed: true, error: "unknown or expired task" };
  const p = task.progress;
  switch (task.status) {
    case "queued":
      return { ...empty, queued: true, textinfo: `In queue: ${queue.position(id)}/${queue.waiting}` };
    case "running": {
      const preview = p.livePreview && p.livePreview.id !== knownPreviewId ? p.livePreview : null;
      return {
        ...empty,
        active: true,
        progress: p.fraction(),
        eta: p.jobCount > 0 ? p.etaSeconds() : null,
        livePreview: preview?.dataUrl ?? null,
        livePreviewId: p.livePreview?.id ?? knownPreviewId,
        textinfo: progressText(p, task.kind),
      };
    }
    case "done":
      return { ...empty, completed: true, progress: 1, result: toView(task.result as GenerationResult) };
    case "cancelled":
      return { ...empty, completed: true, error: "cancelled" };
    case "failed":
      return { ...empty, completed: true, error: task.error ?? "failed" };
  }
}

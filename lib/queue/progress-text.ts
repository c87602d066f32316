// The text under the UI's progress bar (textinfo): where the job is, as A1111 users read it —
// the batch or image of a multi-part job, then "Sampling step i/n" (or the upscaler's tile in Extras),
// never a stale "Waiting..." once the job runs (docs/ui.md#progress-text).
import { jobNameOf, type JobProgress } from "@/lib/queue/job-progress";

type ProgressState = Pick<JobProgress, "job" | "jobNo" | "jobCount" | "samplingStep" | "samplingSteps" | "stepLabel" | "textinfo">;

export function progressText(p: ProgressState, kind: string): string {
  // The job name A1111 starts every job with ("scripts_txt2img") says nothing; labels such as
  // "Batch 2 out of 4" or a script's "Tile 3/12" do.
  const label = p.job && p.job !== jobNameOf(kind) ? p.job : p.jobCount > 1 ? `Batch ${Math.min(p.jobNo + 1, p.jobCount)} out of ${p.jobCount}` : "";
  const step = p.samplingSteps > 0 ? `${p.stepLabel} ${p.samplingStep}/${p.samplingSteps}` : "";
  const parts = [label, step, p.textinfo].filter((part) => part !== "");
  return parts.length > 0 ? parts.join(", ") : kind === "extras" ? "Upscaling..." : "Preparing...";
}

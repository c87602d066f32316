// One entry for every generation mode, for callers that pick the mode at run time (scripts' child
// jobs, X/Y/Z cells).
import { runImg2img } from "@/lib/pipeline/img2img";
import { img2imgParamsSchema } from "@/lib/pipeline/img2img-params";
import { generationParamsSchema } from "@/lib/pipeline/params";
import { runTxt2img } from "@/lib/pipeline/txt2img";
import type { JobProgress } from "@/lib/queue/job-progress";
import type { GenerationResult } from "@/lib/queue/progress-report";
import type { ChildJobOptions, ScriptTab } from "@/lib/scripts/script";

export function runGenerationJob(
  kind: ScriptTab,
  params: Record<string, unknown>,
  progress: JobProgress,
  alwaysOnFilter?: ChildJobOptions["alwaysOnFilter"],
): Promise<GenerationResult> {
  return kind === "txt2img"
    ? runTxt2img(generationParamsSchema.parse(params), progress, undefined, alwaysOnFilter)
    : runImg2img(img2imgParamsSchema.parse(params), progress, undefined, alwaysOnFilter);
}

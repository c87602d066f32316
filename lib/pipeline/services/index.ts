// Everything `ctx.services` holds for one script in one job (docs/extensions.md#services), built from the
// job's processing object; the child runners are handed in by run-job.ts so that services do not depend on
// the job runners.
import { onyxPaths } from "@/lib/config";
import { encodePng } from "@/lib/images/png-encode";
import { openScriptSession } from "@/lib/models/script-sessions";
import { generationInfotext } from "@/lib/pipeline/infotext-fields";
import type { Processing } from "@/lib/pipeline/processing";
import { detectionService } from "@/lib/pipeline/services/detection";
import { inpaintServices, type RunPixelChild } from "@/lib/pipeline/services/inpaint";
import { modelService } from "@/lib/pipeline/services/model";
import { progressService } from "@/lib/pipeline/services/progress";
import { promptService } from "@/lib/pipeline/services/prompts";
import { saveImageService } from "@/lib/pipeline/services/save-image";
import { upscalerService } from "@/lib/pipeline/services/upscalers";
import { resultImage } from "@/lib/scripts/result-image";
import type { AnyScript } from "@/lib/scripts/script";
import type { RunChild, ScriptServices } from "@/lib/scripts/script-services";

/** The services of job `p`, one object per script (derived graphs are namespaced by the script). */
export function jobServices(p: Processing, runChild: RunChild, runPixelChild: RunPixelChild): (script: AnyScript) => ScriptServices {
  const { models, outputs } = onyxPaths();
  const shared: Omit<ScriptServices, "model"> = {
    progress: progressService(p.progress),
    settings: p.options,
    paths: { models, outputs },
    prompts: promptService(p),
    onnx: { open: openScriptSession },
    upscalers: upscalerService(p),
    detection: detectionService(),
    infotext: (index: number) => generationInfotext(p, index),
    saveImage: saveImageService(p),
    resultImage: async (image, infotext, { save = false, ...options } = {}) => resultImage(shared, await encodePng(image), image, infotext, save, options),
    runChild,
    ...inpaintServices(p, runChild, runPixelChild),
  };
  return (script) => ({ ...shared, model: modelService(p, script.id) });
}

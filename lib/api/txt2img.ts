// POST /sdapi/v1/txt2img end to end: body → A1111 request model → infotext fill → GenerationParams
// → the shared queue → `{images, parameters, info}`.
import { generationResponse, type GenerationResponse } from "@/lib/api/generation-response";
import { applyInfotext } from "@/lib/api/infotext-request";
import { runQueuedJob } from "@/lib/api/queued-job";
import { readRequestModel } from "@/lib/api/request-body";
import { validateSettings } from "@/lib/api/setting-values";
import { txt2imgParams } from "@/lib/api/txt2img-params";
import { txt2imgRequestSchema, type Txt2imgRequest } from "@/lib/api/txt2img-request";
import { runTxt2img } from "@/lib/pipeline/txt2img";
import { jobQueue } from "@/lib/queue/job-queue";
import { loadOptions, updateOptions } from "@/lib/settings/store";

export async function handleTxt2img(request: Request): Promise<GenerationResponse<Txt2imgRequest>> {
  const { data, sentKeys } = await readRequestModel(request, txt2imgRequestSchema);
  const req = applyInfotext(data, sentKeys, loadOptions());
  const params = txt2imgParams(req);
  const result = await runQueuedJob(jobQueue(), "txt2img", (progress) => runTxt2img(params, progress), request.signal, req.force_task_id);
  // override_settings_restore_afterwards: false keeps the job's overrides as the settings from now on.
  if (!req.override_settings_restore_afterwards && req.override_settings) {
    updateOptions(validateSettings(req.override_settings, ["body", "override_settings"], "drop"));
  }
  return generationResponse(req, result, req.send_images);
}

// POST /sdapi/v1/txt2img end to end: body → A1111 request model → infotext fill → GenerationParams
// → the shared queue → `{images, parameters, info}`.
import { runGenerationJob } from "@/lib/api/generation-job";
import { generationResponse, type GenerationResponse } from "@/lib/api/generation-response";
import { applyInfotext } from "@/lib/api/infotext-request";
import { readRequestModel } from "@/lib/api/request-body";
import { txt2imgParams } from "@/lib/api/txt2img-params";
import { txt2imgRequestSchema, type Txt2imgRequest } from "@/lib/api/txt2img-request";
import { runTxt2img } from "@/lib/pipeline/run-job";
import { loadOptions } from "@/lib/settings/store";

export async function handleTxt2img(request: Request): Promise<GenerationResponse<Txt2imgRequest>> {
  const { data, sentKeys } = await readRequestModel(request, txt2imgRequestSchema);
  const req = applyInfotext(data, sentKeys, loadOptions());
  const params = txt2imgParams(req);
  const result = await runGenerationJob(request, req, "txt2img", (progress) => runTxt2img(params, progress));
  return generationResponse(req, result, req.send_images);
}

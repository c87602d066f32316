// POST /sdapi/v1/img2img end to end: body → A1111 request model → infotext fill → images decoded and
// checked → Img2imgParams → the shared queue → `{images, parameters, info}`, where `parameters` echoes
// init_images and mask only when `include_init_images` asks for them (null otherwise, as in A1111).
import { decodeUploadedImage } from "@/lib/api/encoded-image";
import { ApiError } from "@/lib/api/errors";
import { runGenerationJob } from "@/lib/api/generation-job";
import { generationResponse, type GenerationResponse } from "@/lib/api/generation-response";
import { img2imgParams } from "@/lib/api/img2img-params";
import { img2imgRequestSchema, type Img2imgRequest } from "@/lib/api/img2img-request";
import { applyInfotext } from "@/lib/api/infotext-request";
import { readRequestModel } from "@/lib/api/request-body";
import { runImg2img } from "@/lib/pipeline/run-job";
import { loadOptions } from "@/lib/settings/store";

export async function handleImg2img(request: Request): Promise<GenerationResponse<Img2imgRequest>> {
  const { data, sentKeys } = await readRequestModel(request, img2imgRequestSchema);
  if (!data.init_images || data.init_images.length === 0) throw new ApiError(404, "Init image not found");
  const req = applyInfotext(data, sentKeys, loadOptions());
  const initImages = await Promise.all(data.init_images.map((text, i) => decodeUploadedImage(text, `init_images[${i}]`)));
  const mask = req.mask ? await decodeUploadedImage(req.mask, "mask") : null;
  const latentMask = req.latent_mask ? await decodeUploadedImage(req.latent_mask, "latent_mask") : null;
  const params = img2imgParams(req, { initImages, mask, latentMask });
  const result = await runGenerationJob(request, req, "img2img", (progress) => runImg2img(params, progress));
  const parameters = req.include_init_images ? req : { ...req, init_images: null, mask: null };
  return generationResponse(parameters, result, req.send_images);
}

// From an A1111 extras request (its images decoded) to the pipeline's ExtrasParams (docs/a1111/generation.md#extras):
// nothing saved (A1111 runs API extras with save_output=False), Python floats in the infotext. What would
// fail inside the job — an unknown upscaler, an upscale to nothing or to a picture beyond the upload
// limits — and face restoration (no model installed) are 422s before it is queued.
import { fieldError, parseApiParams } from "@/lib/api/api-params";
import type { DecodedImage } from "@/lib/api/encoded-image";
import { ApiError } from "@/lib/api/errors";
import type { ExtrasRequest } from "@/lib/api/extras-request";
import { INPUT_IMAGE_LIMITS } from "@/lib/images/decode-image";
import { extrasParamsSchema, type ExtrasParams } from "@/lib/pipeline/extras";
import { upscaleDestination } from "@/lib/upscalers/registry";
import { resolveUpscaler } from "@/lib/upscalers/standard-names";

export interface ExtrasUpload {
  image: DecodedImage;
  /** The request field it came from, for messages ("image", "imageList[2]"). */
  field: string;
  name?: string;
}

function requireKnownUpscaler(name: string, field: string): void {
  if (name !== "None" && !resolveUpscaler(name)) throw fieldError(field, `could not find upscaler named ${name}`);
}

/** The upscale factor A1111 asks the upscaler for: the scale-by factor, or what covers the scale-to box. */
const upscaleFactor = (req: ExtrasRequest, { width, height }: DecodedImage) =>
  req.resize_mode === 1 ? Math.max(req.upscaling_resize_w / width, req.upscaling_resize_h / height) : req.upscaling_resize;

/** The upscaled picture (before any crop to fit) must have pixels and stay within the upload limits. */
function checkUpscaledSize(req: ExtrasRequest, upload: ExtrasUpload): void {
  const { width, height } = upload.image;
  const dest = upscaleDestination(width, height, upscaleFactor(req, upload.image));
  const field = req.resize_mode === 1 ? "upscaling_resize_w" : "upscaling_resize";
  const what = `upscaling ${upload.field} (${width}x${height}) gives ${dest.width}x${dest.height}`;
  // Image upscalers land on multiples of 8, rounded down (docs/a1111/quirks.md#q13).
  if (dest.width < 8 || dest.height < 8) throw fieldError(field, `${what}: an empty picture (sides are rounded down to multiples of 8)`);
  const { maxSide, maxPixels } = INPUT_IMAGE_LIMITS;
  if (dest.width > maxSide || dest.height > maxSide || dest.width * dest.height > maxPixels) {
    throw fieldError(field, `${what}: larger than allowed (at most ${maxSide} px a side and ${maxPixels / 1024 / 1024} Mi pixels)`);
  }
}

export function extrasParams(req: ExtrasRequest, uploads: ExtrasUpload[]): ExtrasParams {
  if (req.gfpgan_visibility > 0) throw new ApiError(422, "gfpgan_visibility: no face restoration model is installed");
  if (req.codeformer_visibility > 0) throw new ApiError(422, "codeformer_visibility: no face restoration model is installed");
  requireKnownUpscaler(req.upscaler_1, "upscaler_1");
  requireKnownUpscaler(req.upscaler_2, "upscaler_2");
  if (req.upscaler_1 !== "None") for (const upload of uploads) checkUpscaledSize(req, upload);
  const input = {
    images: uploads.map(({ image, name }) => ({ data: image.bytes, name })),
    resizeMode: req.resize_mode,
    upscalingResize: req.upscaling_resize,
    upscalingResizeW: req.upscaling_resize_w,
    upscalingResizeH: req.upscaling_resize_h,
    upscalingCrop: req.upscaling_crop,
    maxSideLength: 0,
    upscaler1: req.upscaler_1,
    upscaler2: req.upscaler_2,
    upscaler2Visibility: req.extras_upscaler_2_visibility,
    saveImages: false,
    floatNumbers: true,
  };
  const renames = { images: uploads.length === 1 && uploads[0].field === "image" ? "image" : "imageList", upscaler2Visibility: "extras_upscaler_2_visibility" };
  return parseApiParams(extrasParamsSchema, input, renames);
}

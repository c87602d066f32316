// `ctx.services.inpaint` (docs/extensions.md#inpaint): one "Inpaint area: Only masked" img2img child job —
// what Ultimate SD Upscale runs per tile and ADetailer per detection. The child starts from the parent's
// parameters (prompts, sampler, steps, CFG, the first image's seed, the always-on scripts' arguments), with
// masked content "original", one image, nothing saved; the request's fields override them.
import { decodeImage } from "@/lib/images/decode-image";
import { encodePng } from "@/lib/images/png-encode";
import type { Processing } from "@/lib/pipeline/processing";
import type { InpaintRequest, InpaintResult, RunChild } from "@/lib/scripts/script-services";

/** A1111's img2img denoising default, for children of a txt2img job. */
const IMG2IMG_DENOISING = 0.75;

export function inpaintService(p: Processing, runChild: RunChild): (request: InpaintRequest) => Promise<InpaintResult> {
  return async (request) => {
    const { image, mask } = request;
    if (mask.width !== image.width || mask.height !== image.height) {
      throw new Error(`inpaint: the mask is ${mask.width}x${mask.height} but the image is ${image.width}x${image.height}`);
    }
    const params = {
      ...p.params,
      seed: p.allSeeds[0],
      subseed: p.allSubseeds[0],
      width: request.width ?? p.params.width,
      height: request.height ?? p.params.height,
      denoisingStrength: request.denoisingStrength ?? (p.kind === "img2img" ? p.params.denoisingStrength : IMG2IMG_DENOISING),
      batchSize: 1,
      nIter: 1,
      saveImages: false,
      ...request.params,
      initImages: [await encodePng(image)],
      mask: await encodePng(mask),
      resizeMode: 0,
      maskBlur: request.maskBlur ?? 4,
      inpaintingFill: request.inpaintingFill ?? 1,
      inpaintFullRes: request.onlyMasked ?? true,
      inpaintFullResPadding: request.padding ?? 32,
      inpaintingMaskInvert: false,
    };
    const result = await runChild("img2img", params, { alwaysOnFilter: request.alwaysOnFilter });
    // A grid (return_grid with grid_only_if_multiple off) comes first; the picture follows it.
    const first = Number(result.info.index_of_first_image ?? 0);
    const picture = result.images[first];
    if (!picture) throw new Error("inpaint: the child job returned no image (interrupted?)");
    return { image: await decodeImage(picture.png, "inpaint result"), infotext: picture.infotext, result };
  };
}

// `ctx.services.inpaint` and `inpaintPixels` (docs/extensions.md#inpaint): one "Inpaint area: Only masked" img2img
// child job — what Ultimate SD Upscale runs per tile and ADetailer per detection. The child starts from the
// parent's parameters (prompts, sampler, steps, CFG, the first image's seed, the always-on scripts' arguments),
// with masked content "original", one image, nothing saved; the request's fields override them. The picture and
// mask go to the child as pixels; `inpaintPixels` also takes its picture back as pixels, so no PNG is made.
import { decodeImage } from "@/lib/images/decode-image";
import type { JobPicture, Processing } from "@/lib/pipeline/processing";
import type { ScriptTab } from "@/lib/scripts/script-tab";
import type { ChildJobOptions, InpaintRequest, RunChild, ScriptServices } from "@/lib/scripts/script-services";

/** A1111's img2img denoising default, for children of a txt2img job. */
const IMG2IMG_DENOISING = 0.75;

/** A child job whose pictures come back as pixels, with no PNG made (run-job.ts hands it in beside `runChild`). */
export type RunPixelChild = (kind: ScriptTab, params: Record<string, unknown>, options?: ChildJobOptions) => Promise<{ pictures: JobPicture[]; info: Record<string, unknown> }>;

/** The child's img2img parameters for `request`. */
function childParams(p: Processing, request: InpaintRequest): Record<string, unknown> {
  const { image, mask } = request;
  if (mask.width !== image.width || mask.height !== image.height) {
    throw new Error(`inpaint: the mask is ${mask.width}x${mask.height} but the image is ${image.width}x${image.height}`);
  }
  return {
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
    // Pixels: the child reads them as it would read their PNG (lib/images/decode-image.ts).
    initImages: [image],
    mask,
    resizeMode: 0,
    maskBlur: request.maskBlur ?? 4,
    inpaintingFill: request.inpaintingFill ?? 1,
    inpaintFullRes: request.onlyMasked ?? true,
    inpaintFullResPadding: request.padding ?? 32,
    inpaintingMaskInvert: false,
  };
}

export function inpaintServices(p: Processing, runChild: RunChild, runPixelChild: RunPixelChild): Pick<ScriptServices, "inpaint" | "inpaintPixels"> {
  return {
    async inpaint(request) {
      const result = await runChild("img2img", childParams(p, request), { alwaysOnFilter: request.alwaysOnFilter });
      // A grid (return_grid with grid_only_if_multiple off) comes first; the picture follows it.
      const first = Number(result.info.index_of_first_image ?? 0);
      const picture = result.images[first];
      if (!picture) throw new Error("inpaint: the child job returned no image (interrupted?)");
      return { image: await decodeImage(picture.png, "inpaint result"), infotext: picture.infotext, info: result.info, result };
    },
    async inpaintPixels(request) {
      const { pictures, info } = await runPixelChild("img2img", childParams(p, request), { alwaysOnFilter: request.alwaysOnFilter });
      const [picture] = pictures;
      if (!picture) throw new Error("inpaint: the child job returned no image (interrupted?)");
      return { image: picture.image, infotext: picture.infotext, info };
    },
  };
}

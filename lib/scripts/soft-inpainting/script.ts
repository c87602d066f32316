// A1111's always-on "Soft Inpainting" (its built-in extension, docs/builtin-scripts.md#soft-inpainting), for
// inpainting jobs when enabled: the mask is no longer rounded (blurred edges stay partial); every step's
// latent blend becomes the magnitude-preserving blend of latent-blend.ts; the final blend after sampling
// keeps the sampled latent as it is; and the original is composited back through a mask made from how
// much each region changed (composite-mask.ts) instead of the blurred mask.
import type { GrayImage } from "@/lib/images/pixel-image";
import { resizeImage } from "@/lib/images/resize-mode";
import { defineScript } from "@/lib/scripts/script";
import { latentCompositeMasks, pictureCompositeMask } from "@/lib/scripts/soft-inpainting/composite-mask";
import { latentBlend, modifiedNmask } from "@/lib/scripts/soft-inpainting/latent-blend";
import { INFOTEXT_LABELS, type SoftInpaintingSettings } from "@/lib/scripts/soft-inpainting/settings";

/** The composite masks of the batch just sampled, at latent size (the final blend makes them). */
const LATENT_MASKS = "latentMasks";

export const softInpaintingScript = defineScript({
  title: "Soft Inpainting",
  tabs: ["img2img"],
  kind: "alwaysOn",
  params: [
    { name: "enabled", type: "bool", default: false, label: "Soft inpainting" },
    { name: "mask_blend_power", type: "number", default: 1, min: 0, max: 8, step: 0.1, label: "Schedule bias", group: "Soft inpainting" },
    { name: "mask_blend_scale", type: "number", default: 0.5, min: 0, max: 8, step: 0.05, label: "Preservation strength", group: "Soft inpainting" },
    { name: "inpaint_detail_preservation", type: "number", default: 4, min: 1, max: 32, step: 0.5, label: "Transition contrast boost", group: "Soft inpainting" },
    { name: "composite_mask_influence", type: "number", default: 0, min: 0, max: 1, step: 0.05, label: "Mask influence", group: "Pixel composite" },
    { name: "composite_difference_threshold", type: "number", default: 0.5, min: 0, max: 8, step: 0.25, label: "Difference threshold", group: "Pixel composite" },
    { name: "composite_difference_contrast", type: "number", default: 2, min: 0, max: 8, step: 0.25, label: "Difference contrast", group: "Pixel composite" },
  ],
  hooks: {
    process(ctx) {
      const inputs = ctx.job.img2img;
      if (!ctx.args.enabled || !inputs?.mask) return;
      // A1111's p.mask_round = False: blurred edges stay partial in the latent mask and the conditioning.
      inputs.maskRound = false;
      ctx.setInfotext("Soft inpainting enabled", true);
      for (const [key, label] of Object.entries(INFOTEXT_LABELS)) ctx.setInfotext(label, ctx.args[key as keyof SoftInpaintingSettings]);
    },
    maskBlend(ctx, { current, init, nmask, sigma }) {
      if (!ctx.args.enabled || !ctx.job.img2img?.mask) return undefined;
      if (sigma === null) {
        // After sampling: no blend; the latent difference decides the pixel composite instead.
        ctx.state.set(LATENT_MASKS, latentCompositeMasks(ctx.args, nmask, init.data, current.data, current.shape));
        return current;
      }
      return { data: latentBlend(ctx.args, init.data, current.data, modifiedNmask(ctx.args, nmask, sigma), current.shape), shape: current.shape };
    },
    async maskOverlay(ctx, { index, mask, box }) {
      const masks = ctx.state.get(LATENT_MASKS) as Uint8Array[] | undefined;
      if (!ctx.args.enabled || !masks) return undefined;
      const { params } = ctx.job;
      const [h, w] = [Math.floor(params.height / 8), Math.floor(params.width / 8)];
      const latent: GrayImage = { width: w, height: h, data: masks[index % params.batchSize] };
      const composite = await pictureCompositeMask(latent, params.width, params.height, box, mask);
      // Whole picture with "just resize (latent upscale)": the overlay has the original's own size.
      return composite.width === mask.width && composite.height === mask.height ? composite : resizeImage(0, composite, mask.width, mask.height);
    },
  },
});

// Ultimate SD Upscale (Coyote-A's ultimate-upscale-for-automatic1111, docs/ultimate-sd-upscale.md): a selectable
// img2img script that upscales the init image to the target size, redraws it tile by tile — one "only masked"
// inpaint child job per tile, all with the same seed, so the always-on scripts run inside every tile as in
// A1111 — and then optionally fixes the seams along the tile borders with more child jobs.
import { decodeImage, defineScript, isJobInterrupted, resizePixels, type GrayImage, type InpaintRequest, type JobContext, type ParamValues, type RgbImage } from "@onyx/sdk";
import { usduApiArgs, USDU_PARAMS } from "./args";
import { waveletColorFix } from "./color-fix";
import { seamMasks, tileMask } from "./masks";
import { planJobs, seamJobs, targetSize, tileSize, upscaleChain } from "./plan";

type Ctx = JobContext<ParamValues<typeof USDU_PARAMS>>;

/** The upscale before any redraw (docs/ultimate-sd-upscale.md#upscale-chain): the model passes, then Lanczos to exactly W × H. */
async function upscaled(ctx: Ctx, source: RgbImage, [width, height]: [number, number], upscaler: string): Promise<RgbImage> {
  let image = source;
  if (upscaler !== "None") {
    const { passes } = upscaleChain(Math.max(width, height) / Math.max(source.width, source.height));
    for (const factor of passes) image = await ctx.services.upscalers.upscale(image, factor, upscaler);
  }
  return resizePixels(image, width, height, "lanczos3");
}

/**
 * The picture after one child job, with its infotext; null when Skip or Interrupt cut the job short (its half-sampled
 * crop is dropped). The picture stays pixels from tile to tile: `inpaintPixels` encodes no PNG.
 */
async function childPass(ctx: Ctx, request: InpaintRequest): Promise<{ image: RgbImage; infotext: string } | null> {
  const { progress } = ctx.services;
  try {
    const done = await ctx.services.inpaintPixels(request);
    return progress.shouldStop ? null : done;
  } catch (error) {
    // Interrupted before its batch began (no image) or inside a hook.
    if (progress.interrupted || isJobInterrupted(error)) return null;
    throw error;
  }
}

/** The infotext of a pass at the full picture's size (the original resets `p.width`/`p.height` before writing it). */
function atSize(infotext: string, [width, height]: [number, number]): string {
  const lastLine = infotext.lastIndexOf("\n") + 1;
  return infotext.slice(0, lastLine) + infotext.slice(lastLine).replace(/(^|, )Size: \d+x\d+/, `$1Size: ${width}x${height}`);
}

export const ultimateSdUpscale = defineScript({
  title: "Ultimate SD upscale",
  tabs: ["img2img"],
  kind: "selectable",
  params: USDU_PARAMS,
  apiArgs: (args) => usduApiArgs(args),
  hooks: {
    async run(ctx) {
      const { args, services, job } = ctx;
      const init = job.img2img?.initImages[0];
      if (!init) throw new Error("Ultimate SD upscale needs an init image");
      const source = await decodeImage(init, "init image", services.settings.img2img_background_color);
      const size = targetSize(
        { type: args.target_size_type, width: job.params.width, height: job.params.height, customWidth: args.custom_width, customHeight: args.custom_height, scale: args.custom_scale },
        [source.width, source.height],
      );
      const [width, height] = size;
      const upscaler = args.upscaler;
      const [tw, th] = tileSize(args.tile_width, args.tile_height);
      const plan = planJobs({ width, height, tileWidth: tw, tileHeight: th, padding: args.padding, redrawMode: args.redraw_mode, seamsFixType: args.seams_fix_type });
      const seams = seamJobs({ width, height, tileWidth: tw, tileHeight: th, seamsFixType: args.seams_fix_type, bandWidth: args.seams_fix_width, padding: args.seams_fix_padding });

      // docs/ultimate-sd-upscale.md#the-run: the five fields, with the tile sizes after the 0-substitution.
      const fields = {
        "Ultimate SD upscale upscaler": upscaler,
        "Ultimate SD upscale tile_width": tw,
        "Ultimate SD upscale tile_height": th,
        "Ultimate SD upscale mask_blur": args.mask_blur,
        "Ultimate SD upscale padding": args.padding,
        ...(args.color_fix ? { "Ultimate SD upscale color fix": "Wavelet" } : {}),
      };
      for (const [key, value] of Object.entries(fields)) ctx.setInfotext(key, value);
      const childParams = { extraGenerationParams: { ...job.params.extraGenerationParams, ...fields } };

      const { progress } = services;
      // Both runs are announced first, so the progress bar and the ETA span every child job.
      const redrawSteps = progress.subSteps(plan.redraw.length, "USDU tile");
      const seamSteps = progress.subSteps(seams.length, "seams fix");
      const upscale = await upscaled(ctx, source, size, upscaler);
      let image = upscale;
      // The colour fix puts a result back on the upscale's colours (docs/ultimate-sd-upscale.md#colour-fix).
      const shown = (picture: RgbImage) => (args.color_fix && picture !== upscale ? waveletColorFix(picture, upscale) : picture);
      let infotext = atSize(services.infotext(0), size);
      const step = async (mask: GrayImage, request: Omit<InpaintRequest, "image" | "mask" | "params">) => {
        const pass = await childPass(ctx, { ...request, image, mask, params: childParams });
        if (!pass) return;
        image = pass.image;
        infotext = atSize(pass.infotext, size);
      };
      try {
        const [w, h] = plan.processingSize;
        for (const tile of plan.redraw) {
          if (progress.interrupted) break;
          redrawSteps.next();
          await step(tileMask(width, height, tile, tw, th), { width: w, height: h, padding: args.padding, maskBlur: args.mask_blur });
        }
      } finally {
        redrawSteps.done();
      }
      const redrawn = services.resultImage(shown(image), infotext, { save: args.save_upscaled_image });
      // A seams fix that is on shows its picture even when the grid has no inner border (the original's `enabled`).
      if (args.seams_fix_type === "None") {
        const picture = await redrawn;
        return { images: [picture], info: { width, height, infotexts: [picture.infotext] } };
      }

      const seamsFix = async () => {
        const seamMask = seamMasks(width, height, tw, th, args.seams_fix_width);
        try {
          for (const seam of seams) {
            if (progress.interrupted) break;
            seamSteps.next();
            // Band pass forces mask blur 0 (docs/ultimate-sd-upscale.md#seams-fix).
            const maskBlur = seam.mask === "band-col" || seam.mask === "band-row" ? 0 : args.seams_fix_mask_blur;
            await step(seamMask(seam.mask, seam.at), { width: seam.size[0], height: seam.size[1], padding: seam.padding, maskBlur, denoisingStrength: args.seams_fix_denoise });
          }
        } finally {
          seamSteps.done();
        }
      };
      // The redraw's picture is encoded (and saved) while the seams jobs run, and before the seams-fixed one.
      const [first] = await Promise.all([redrawn, seamsFix()]);
      const fixed = await services.resultImage(shown(image), infotext, { save: args.save_seams_fix_image });
      return { images: [first, fixed], info: { width, height, infotexts: [first.infotext, fixed.infotext] } };
    },
  },
});

export const scripts = [ultimateSdUpscale];

// A1111's "Outpainting mk2" img2img script (docs/builtin-scripts.md#outpainting-mk2): the picture grows one
// side at a time (left, right, up, down). Each step puts it on a black canvas rounded up to 64, fills the
// new border with matched noise (matched-noise.ts), and inpaints the strip at the grown edge that fits the
// processing size, with "original" content, a mask blurred 4·blur along the grown axis (its hole starting
// blur px inside the border) and a latent mask starting 2·blur inside; the result is pasted back and the
// canvas cut to picture + border. Every image of the batch goes through the same steps together.
import { imageGrid, gridRows } from "@/lib/images/grid";
import { decodeImage } from "@/lib/images/decode-image";
import { cropPixels, pastePixels, type GrayImage } from "@/lib/images/pixel-image";
import { encodePng } from "@/lib/images/png-encode";
import type { RgbImage } from "@/lib/images/tensor-image";
import { NumpyPcg64 } from "@/lib/rng/numpy-pcg64";
import { DIRECTION_PARAMS, DIRECTIONS, directionArgs, fillRectangle, outpaintExpansion, PIXELS_PARAM, whiteMask, type Direction } from "@/lib/scripts/outpainting/expansion";
import { resultImage, type EncodedImage } from "@/lib/scripts/result-image";
import { matchedNoiseImage } from "@/lib/scripts/outpainting/matched-noise";
import type { OutpaintJob } from "@/lib/scripts/outpainting/poor-mans";
import { defineScript, givenApiArgs } from "@/lib/scripts/script";

/** One growth step of one picture: the canvas, its mask, and the region inpainted at the processing size. */
export interface ExpandStep {
  /** The grown picture's size before cutting (picture + border). */
  width: number;
  height: number;
  /** The canvas: rounded up to 64, the picture at its place, black elsewhere. */
  canvas: RgbImage;
  /** White = noise and repaint, black = keep (the hole starts `blur` px inside the border). */
  mask: GrayImage;
  /** The part of the canvas inpainted, [x1, y1, x2, y2) — also the job's processing size. */
  crop: { x1: number; y1: number; x2: number; y2: number };
}

/** A1111's `expand` geometry for growing `side` by `pixels` with blur radii `blurX` / `blurY`, processing size `process`. */
export function expandStep(picture: RgbImage, side: Direction, pixels: number, blurX: number, blurY: number, process: { width: number; height: number }): ExpandStep {
  const horizontal = side === "left" || side === "right";
  const [growX, growY] = horizontal ? [pixels, 0] : [0, pixels];
  const width = picture.width + growX;
  const height = picture.height + growY;
  const canvasW = Math.ceil(width / 64) * 64;
  const canvasH = Math.ceil(height / 64) * 64;
  const canvas = pastePixels({ width: canvasW, height: canvasH, data: new Uint8Array(canvasW * canvasH * 3) }, picture, side === "left" ? growX : 0, side === "up" ? growY : 0);
  const mask = fillRectangle(
    whiteMask(canvasW, canvasH),
    side === "left" ? pixels + blurX : 0,
    side === "up" ? pixels + blurY : 0,
    side === "right" ? canvasW - pixels - blurX : width,
    side === "down" ? canvasH - pixels - blurY : height,
    0,
  );
  const targetW = horizontal ? Math.min(process.width, width) : canvasW;
  const targetH = horizontal ? canvasH : Math.min(process.height, height);
  const x1 = side === "left" ? 0 : canvasW - targetW;
  const y1 = side === "up" ? 0 : canvasH - targetH;
  return { width, height, canvas, mask, crop: { x1, y1, x2: x1 + targetW, y2: y1 + targetH } };
}

/** The latent mask of a step, at the processing size: A1111 draws it with the cropped mask's size and 2·blur insets. */
export function expandLatentMask(step: ExpandStep, side: Direction, pixels: number, blurX: number, blurY: number): GrayImage {
  const w = step.crop.x2 - step.crop.x1;
  const h = step.crop.y2 - step.crop.y1;
  return fillRectangle(
    whiteMask(w, h),
    side === "left" ? pixels + blurX * 2 : 0,
    side === "up" ? pixels + blurY * 2 : 0,
    side === "right" ? w - pixels - blurX * 2 : step.width,
    side === "down" ? h - pixels - blurY * 2 : step.height,
    0,
  );
}

export const outpaintingMk2Script = defineScript({
  title: "Outpainting mk2",
  tabs: ["img2img"],
  kind: "selectable",
  params: [
    PIXELS_PARAM,
    { name: "mask_blur", type: "int", default: 8, min: 0, max: 64, step: 1, label: "Mask blur" },
    ...DIRECTION_PARAMS,
    { name: "noise_q", type: "number", default: 1, min: 0, max: 4, step: 0.01, label: "Fall-off exponent (lower=higher detail)" },
    { name: "color_variation", type: "number", default: 0.05, min: 0, max: 1, step: 0.01, label: "Color variation" },
  ],
  // A1111's positional layout: the HTML note's value (ignored), pixels, mask_blur, direction (a list), noise_q, color_variation.
  apiArgs([, pixels, maskBlur, direction, noiseQ, colorVariation]) {
    return givenApiArgs({ pixels, mask_blur: maskBlur, ...directionArgs(direction), noise_q: noiseQ, color_variation: colorVariation });
  },
  hooks: {
    async run(ctx) {
      const a = ctx.args;
      const base = (ctx.job as OutpaintJob).request;
      const { progress, settings } = ctx.services;
      const process = { width: base.width, height: base.height };
      // The blur is 4·mask_blur, and only along an axis that grows (decided before the 64-rounding).
      const blurX = a.left || a.right ? a.mask_blur : 0;
      const blurY = a.up || a.down ? a.mask_blur : 0;
      const init = await decodeImage(base.initImages[0], "init image", settings.img2img_background_color);
      const grow = outpaintExpansion(init.width, init.height, a.pixels, a);
      const sides = DIRECTIONS.filter((d) => grow[d] > 0);
      const batchCount = Number(base.nIter) || 1;
      const batchSize = Number(base.batchSize) || 1;
      progress.reserveJobs(batchCount * sides.length);
      // The noise draws depend on the canvas size only (default_rng(0)); one set per size.
      const draws = new Map<number, Float64Array>();
      const drawsFor = (size: number) => draws.get(size) ?? draws.set(size, new NumpyPcg64(0).randomArray(size)).get(size)!;

      let first: { seed: number; info: Record<string, unknown>; infotext: string } | null = null;
      const results: RgbImage[] = [];
      for (let b = 0; b < batchCount && !progress.interrupted; b++) {
        progress.job = `Batch ${b + 1} out of ${batchCount}`;
        let pictures: RgbImage[] = Array.from({ length: batchSize }, () => init);
        for (const side of sides) {
          if (progress.interrupted) break;
          const steps = pictures.map((picture) => expandStep(picture, side, grow[side], blurX, blurY, process));
          const noised = steps.map((s) => matchedNoiseImage(s.canvas, s.mask, a.noise_q, a.color_variation, drawsFor(s.canvas.data.length)));
          const last = steps[steps.length - 1];
          const { crop } = last;
          const result = await ctx.services.runChild("img2img", {
            ...base,
            initImages: await Promise.all(noised.map((n, i) => encodePng(cropPixels(n, steps[i].crop)))),
            mask: await encodePng(cropPixels(last.mask, crop)),
            latentMask: await encodePng(expandLatentMask(last, side, grow[side], blurX, blurY)),
            width: crop.x2 - crop.x1,
            height: crop.y2 - crop.y1,
            maskBlur: blurX * 4,
            maskBlurY: blurY * 4,
            inpaintingFill: 1,
            inpaintFullRes: false,
            batchSize,
            nIter: 1,
            saveImages: false,
            overrideSettings: { ...base.overrideSettings, return_grid: false, grid_save: false },
          });
          if (result.images.length < batchSize) break;
          first ??= { seed: Number(result.info.seed), info: result.info, infotext: result.images[0].infotext };
          pictures = await Promise.all(
            steps.map(async (s, i) => {
              const done = await decodeImage(result.images[i].png);
              const x = side === "left" ? 0 : s.canvas.width - done.width;
              const y = side === "up" ? 0 : s.canvas.height - done.height;
              return cropPixels(pastePixels(noised[i], done, x, y), { x1: 0, y1: 0, x2: s.width, y2: s.height });
            }),
          );
        }
        results.push(...pictures);
      }

      const infotext = first?.infotext ?? "";
      const seed = first?.seed ?? Number(base.seed);
      const save = settings.samples_save && base.saveImages;
      const saveAs = { seed, prompt: base.prompt };
      const images: EncodedImage[] = [];
      for (const picture of results) images.push(await resultImage(ctx.services, await encodePng(picture), picture, infotext, save, saveAs));
      const wantGrid = !(images.length < 2 && settings.grid_only_if_multiple) && images.length > 0;
      let grids = 0;
      if (wantGrid && (settings.return_grid || (settings.grid_save && base.saveImages))) {
        const grid = await imageGrid(images, gridRows(images.length, settings.n_rows, 1));
        const gridImage = await resultImage(ctx.services, grid.png, grid, infotext, settings.grid_save && base.saveImages, { ...saveAs, basename: "grid", grid: true });
        if (settings.return_grid) {
          images.unshift(gridImage);
          grids = 1;
        }
      }
      return { images, info: { ...(first?.info ?? {}), seed, infotexts: images.map(() => infotext), index_of_first_image: grids } };
    },
  },
});

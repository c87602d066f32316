// A1111's "Poor man's outpainting" img2img script (docs/builtin-scripts.md#poor-mans-outpainting): the picture
// is placed on a black canvas grown by `pixels` on the chosen sides (expansion.ts), cut into overlapping
// processing-sized tiles, and every tile that reaches into the new border is inpainted on its own (seed + 1
// per tile) with a mask whose hole stops 2·blur short of the picture and a latent mask that stops blur//2
// short; the tiles are put back with A1111's blended seams. One image: the whole canvas.
import { decodeImage } from "@/lib/images/decode-image";
import { pastePixels, type GrayImage } from "@/lib/images/pixel-image";
import { encodePng } from "@/lib/images/png-encode";
import type { RgbImage } from "@/lib/images/tensor-image";
import { combineGrid, splitGrid, type TileGrid } from "@/lib/images/tile-grid";
import { fixedSeed } from "@/lib/rng/seeds";
import { DIRECTION_PARAMS, directionArgs, fillRectangle, outpaintExpansion, PIXELS_PARAM, whiteMask, type Expansion } from "@/lib/scripts/outpainting/expansion";
import { resultImage } from "@/lib/scripts/result-image";
import { defineScript, givenApiArgs } from "@/lib/scripts/script";

const MASKED_CONTENT = ["fill", "original", "latent noise", "latent nothing"] as const;

export interface OutpaintJob {
  request: {
    initImages: Uint8Array[];
    width: number;
    height: number;
    seed: number;
    prompt: string;
    saveImages: boolean;
    overrideSettings: Record<string, unknown>;
  } & Record<string, unknown>;
}

/** The canvas masks: the hole stops `inset` short of the picture on every grown side (PIL rectangle, both corners in). */
export function insetMask(e: Expansion, inset: number): GrayImage {
  const at = (side: number) => (side > 0 ? inset : 0);
  return fillRectangle(whiteMask(e.width, e.height), e.left + at(e.left), e.up + at(e.up), e.width - e.right - at(e.right), e.height - e.down - at(e.down), 0);
}

/** A tile lies wholly inside the original picture: nothing to outpaint there. */
export function insidePicture(e: Expansion, x: number, y: number, w: number, h: number): boolean {
  return x >= e.left && x + w <= e.width - e.right && y >= e.up && y + h <= e.height - e.down;
}

/** The tiles to inpaint, in grid order: [row, column] of every tile that reaches into the grown border. */
export function outpaintTiles(e: Expansion, grid: TileGrid<RgbImage>): Array<[number, number]> {
  return grid.rows.flatMap((row, r) => row.tiles.flatMap((tile, c) => (insidePicture(e, tile.x, row.y, grid.tileWidth, grid.tileHeight) ? [] : [[r, c] as [number, number]])));
}

export const poorMansOutpaintingScript = defineScript({
  title: "Poor man's outpainting",
  tabs: ["img2img"],
  kind: "selectable",
  params: [
    PIXELS_PARAM,
    { name: "mask_blur", type: "int", default: 4, min: 0, max: 64, step: 1, label: "Mask blur" },
    { name: "inpainting_fill", type: "choice", choices: MASKED_CONTENT, default: "fill", label: "Masked content" },
    ...DIRECTION_PARAMS,
  ],
  // A1111's positional layout: pixels, mask_blur, inpainting_fill (the radio's index), direction (a list).
  apiArgs([pixels, maskBlur, fill, direction]) {
    const index = typeof fill === "number" || (typeof fill === "string" && /^\s*\d+\s*$/.test(fill)) ? Number(fill) : null;
    return givenApiArgs({ pixels, mask_blur: maskBlur, inpainting_fill: index !== null ? (MASKED_CONTENT[index] ?? fill) : fill, ...directionArgs(direction) });
  },
  hooks: {
    async run(ctx) {
      const a = ctx.args;
      const base = (ctx.job as OutpaintJob).request;
      const { progress, settings } = ctx.services;
      const init = await decodeImage(base.initImages[0], "init image", settings.img2img_background_color);
      const e = outpaintExpansion(init.width, init.height, a.pixels, a);
      const canvas = pastePixels({ width: e.width, height: e.height, data: new Uint8Array(e.width * e.height * 3) }, init, e.left, e.up);
      const grid = splitGrid(canvas, base.width, base.height, a.pixels);
      const masks = splitGrid(insetMask(e, a.mask_blur * 2), base.width, base.height, a.pixels);
      const latentMasks = splitGrid(insetMask(e, Math.floor(a.mask_blur / 2)), base.width, base.height, a.pixels);
      const work = outpaintTiles(e, grid);
      progress.reserveJobs(work.length);

      let seed = fixedSeed(base.seed);
      let first: { seed: number; info: Record<string, unknown>; infotext: string } | null = null;
      let completed = 0;
      for (const [i, [r, c]] of work.entries()) {
        if (progress.interrupted) break;
        progress.job = `Batch ${i + 1} out of ${work.length}`;
        const result = await ctx.services.runChild("img2img", {
          ...base,
          initImages: [await encodePng(grid.rows[r].tiles[c].image)],
          mask: await encodePng(masks.rows[r].tiles[c].image),
          latentMask: await encodePng(latentMasks.rows[r].tiles[c].image),
          maskBlur: a.mask_blur * 2,
          maskBlurY: null,
          inpaintingFill: MASKED_CONTENT.indexOf(a.inpainting_fill),
          inpaintFullRes: false,
          batchSize: 1,
          nIter: 1,
          seed,
          saveImages: false,
          overrideSettings: { ...base.overrideSettings, return_grid: false, grid_save: false },
        });
        const image = result.images[0];
        if (!image) break;
        first ??= { seed, info: result.info, infotext: image.infotext };
        grid.rows[r].tiles[c].image = await decodeImage(image.png);
        completed++;
        seed += 1;
      }
      // Tiles that never ran (interrupted) are black, as A1111 leaves them.
      for (const [r, c] of work.slice(completed)) grid.rows[r].tiles[c].image = { width: base.width, height: base.height, data: new Uint8Array(base.width * base.height * 3) };
      const combined = combineGrid(grid);
      const infotext = first?.infotext ?? "";
      const image = await resultImage(ctx.services, await encodePng(combined), combined, infotext, settings.samples_save && base.saveImages, { seed: first?.seed ?? seed, prompt: base.prompt });
      return { images: [image], info: { ...(first?.info ?? {}), seed: first?.seed ?? seed, infotexts: [infotext], index_of_first_image: 0 } };
    },
  },
});

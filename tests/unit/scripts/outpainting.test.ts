// A1111's outpainting scripts: the canvas growth and mask rectangles (values worked through A1111's code
// by hand), the tile grid of images.split_grid / combine_grid, the positional script_args, and real
// Poor man's outpainting / Outpainting mk2 jobs on the fixture model.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { useTempJobFolders } from "../temp-job-folders";
import { decodeImage } from "@/lib/images/decode-image";
import type { GrayImage } from "@/lib/images/pixel-image";
import { combineGrid, pilBlend, splitGrid, tileStarts } from "@/lib/images/tile-grid";
import { parseGenerationParameters } from "@/lib/infotext/parser";
import { img2imgParamsSchema, type Img2imgInput } from "@/lib/pipeline/img2img-params";
import { runImg2img } from "@/lib/pipeline/run-job";
import { JobProgress } from "@/lib/queue/job-progress";
import { bindScriptArgs } from "@/lib/scripts/bind-args";
import { directionArgs, outpaintExpansion } from "@/lib/scripts/outpainting/expansion";
import { insetMask, outpaintTiles, poorMansOutpaintingScript } from "@/lib/scripts/outpainting/poor-mans";

useTempJobFolders("outpainting");

const all = { left: true, right: true, up: true, down: true };
const only = (...sides: Array<keyof typeof all>) => ({ left: false, right: false, up: false, down: false, ...Object.fromEntries(sides.map((s) => [s, true])) });

/** The [x0, y0, x1, y1] box (inclusive) of a mask's black pixels. */
function blackBox(mask: GrayImage): number[] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1];
  for (let y = 0; y < mask.height; y++) {
    for (let x = 0; x < mask.width; x++) {
      if (mask.data[y * mask.width + x] !== 0) continue;
      [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    }
  }
  return [x0, y0, x1, y1];
}

describe("the outpainting canvas", () => {
  it("rounds each axis up to 64 and splits the extra between opposite sides as A1111's integer arithmetic does", () => {
    // 64×48 by 8 on all sides: 128×64; left = 8·64 // 16 = 32, right = 32; up = 8·16 // 16 = 8, down = 8.
    expect(outpaintExpansion(64, 48, 8, all)).toEqual({ left: 32, right: 32, up: 8, down: 8, width: 128, height: 64 });
    // 71 wide by 24 both ways: 128; left = 24·57 // 48 = 28, right = 57 − 28 = 29.
    expect(outpaintExpansion(71, 64, 24, only("left", "right"))).toEqual({ left: 28, right: 29, up: 0, down: 0, width: 128, height: 64 });
    // One side takes all the extra; an axis without a chosen side still rounds up but grows no side.
    expect(outpaintExpansion(100, 48, 30, only("left"))).toEqual({ left: 92, right: 0, up: 0, down: 0, width: 192, height: 64 });
    expect(outpaintExpansion(64, 64, 128, only("down"))).toEqual({ left: 0, right: 0, up: 0, down: 128, width: 64, height: 192 });
  });

  it("reads the direction as Python's `in`: list membership, substrings of a string", () => {
    expect(directionArgs(["left", "down"])).toEqual({ left: true, right: false, up: false, down: true });
    expect(directionArgs("up,right")).toEqual({ left: false, right: true, up: true, down: false });
    expect(directionArgs([])).toEqual({ left: false, right: false, up: false, down: false });
    expect(directionArgs(undefined)).toEqual({});
    expect(() => directionArgs(3)).toThrow(/direction/);
  });

  it("draws Poor man's masks with PIL's inclusive rectangles, inset 2·blur and blur // 2", () => {
    const e = outpaintExpansion(64, 48, 8, all);
    // rectangle((32 + 8, 8 + 8, 128 − 32 − 8, 64 − 8 − 8)): both corners black.
    expect(blackBox(insetMask(e, 8))).toEqual([40, 16, 88, 48]);
    expect(blackBox(insetMask(e, 2))).toEqual([34, 10, 94, 54]);
    // A side that does not grow gets no inset: the hole runs to the canvas edge there.
    expect(blackBox(insetMask(outpaintExpansion(64, 64, 64, only("left")), 8))).toEqual([72, 0, 128, 64].map((v, i) => (i >= 2 ? Math.min(v, [127, 63][i - 2]) : v)));
  });
});

describe("A1111's tile grid", () => {
  it("spreads tile starts evenly and puts the last one flush with the edge", () => {
    expect(tileStarts(192, 128, 30)).toEqual([0, 64]); // ⌈162 / 98⌉ = 2, dx = 64
    expect(tileStarts(200, 64, 8)).toEqual([0, 45, 90, 136]); // ⌈192 / 56⌉ = 4, dx = 45.33…
    expect(tileStarts(128, 64, 8)).toEqual([0, 32, 64]);
    expect(tileStarts(64, 64, 8)).toEqual([0]);
  });

  it("fades each tile's first `overlap` columns and lines in with uint8(i·255/overlap), rounded as PIL pastes", () => {
    const width = 96;
    const flat = (value: number): GrayImage => ({ width, height: 64, data: new Uint8Array(width * 64).fill(value) });
    const grid = splitGrid(flat(0), 64, 64, 8);
    expect(grid.rows.map((r) => r.tiles.map((t) => t.x))).toEqual([[0, 32]]);
    grid.rows[0].tiles[1].image = { width: 64, height: 64, data: new Uint8Array(64 * 64).fill(200) };
    const out = combineGrid(grid);
    const ramp = [0, 31, 63, 95, 127, 159, 191, 223];
    expect(Array.from(out.data.subarray(30, 42))).toEqual([0, 0, ...ramp.map((m) => pilBlend(0, 200, m)), 200, 200]);
    expect(pilBlend(0, 200, 31)).toBe(24); // (6200 + 128 + 24) >> 8
    // Equal pixels on both sides of a seam come back unchanged.
    for (let v = 0; v < 256; v++) for (const m of ramp) expect(pilBlend(v, v, m)).toBe(v);
  });
});

const W = 64;
async function picture(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.set([(x * 4) % 256, (y * 4) % 256, 100 + ((x * y) % 100)], (y * width + x) * 3);
  return sharp(raw, { raw: { width, height, channels: 3 } }).png().toBuffer();
}
const job = async (input: Partial<Img2imgInput>) =>
  img2imgParamsSchema.parse({ initImages: [await picture(W, W)], prompt: "a meadow", width: W, height: W, seed: 11, steps: 3, samplerName: "Euler", denoisingStrength: 0.8, saveImages: false, ...input });

describe("Poor man's outpainting", () => {
  it("binds A1111's positional args: pixels, mask blur, the masked-content index, the direction list", () => {
    const bind = (args: unknown[]) => bindScriptArgs(poorMansOutpaintingScript, poorMansOutpaintingScript.apiArgs!(args, "img2img"));
    expect(bind([32, 4, 1, ["left", "up"]])).toEqual({ pixels: 32, mask_blur: 4, inpainting_fill: "original", left: true, right: false, up: true, down: false });
    expect(bind([])).toEqual({ pixels: 128, mask_blur: 4, inpainting_fill: "fill", left: true, right: true, up: true, down: true });
    expect(bind(["64", "8", "latent noise"])).toMatchObject({ pixels: 64, mask_blur: 8, inpainting_fill: "latent noise" });
    expect(() => bind([32, 4, 9])).toThrow(/inpainting_fill/);
  });

  it("inpaints only the tiles that reach into the border and keeps the picture's middle exactly", async () => {
    const progress = new JobProgress("pmo");
    const result = await runImg2img(await job({ scriptName: "Poor man's outpainting", scriptArgs: [32, 4, 0, ["left", "right"]] }), progress);
    // 64 + 2·32 = 128 wide, 64 high; 64×64 tiles with overlap 32 start at 0, 32, 64: the middle one is the picture itself.
    expect(result.images).toHaveLength(1);
    const [image] = result.images;
    expect([image.width, image.height]).toEqual([128, 64]);
    const fields = parseGenerationParameters(image.infotext);
    expect(fields).toMatchObject({ Seed: "11", "Mask blur": "8", "Masked content": "fill", "Denoising strength": "0.8", "Size-1": "64", "Size-2": "64" });
    expect(result.info).toMatchObject({ seed: 11, index_of_first_image: 0, infotexts: [image.infotext] });
    const e = outpaintExpansion(W, W, 32, only("left", "right"));
    const grid = splitGrid({ width: e.width, height: e.height, data: new Uint8Array(e.width * e.height * 3) }, W, W, 32);
    expect(outpaintTiles(e, grid)).toEqual([[0, 0], [0, 2]]);
    expect(progress.jobNo).toBe(2); // one child job per tile
    // The picture sits at x = 32…95 and the hole's edges at x = 40 and 88: pixels more than the blur's reach
    // (20 px) inside them keep their bytes, through every tile and seam.
    const original = await decodeImage(await picture(W, W));
    const out = await decodeImage(image.png);
    for (const [x, y] of [[60, 10], [64, 32], [68, 50]]) {
      expect(Array.from(out.data.subarray((y * 128 + x) * 3, (y * 128 + x) * 3 + 3))).toEqual(Array.from(original.data.subarray((y * W + x - 32) * 3, (y * W + x - 32) * 3 + 3)));
    }
  });
});

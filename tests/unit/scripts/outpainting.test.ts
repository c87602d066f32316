// A1111's outpainting scripts: the canvas growth and mask rectangles (values worked through A1111's code
// by hand), the tile grid of images.split_grid / combine_grid, the positional script_args, and real
// Poor man's outpainting / Outpainting mk2 jobs on the fixture model.
import { createHash } from "node:crypto";
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
import { expandLatentMask, expandStep, outpaintingMk2Script } from "@/lib/scripts/outpainting/mk2";
import { matchedNoise, noiseWindow, pairwiseSum } from "@/lib/scripts/outpainting/matched-noise";
import { matchCumulativeCdf, numpyInterp } from "@/lib/images/histogram-match";
import { NumpyPcg64, seedSequenceState } from "@/lib/rng/numpy-pcg64";
import { dft, fft2Ortho, fftShift } from "@/lib/signal/fft";

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

  it("assembles a 3×3 grid with PIL's bytes (A1111's split_grid / combine_grid run under Pillow 9.4)", () => {
    const [width, height] = [100, 90];
    const grid = splitGrid({ width, height, data: new Uint8Array(width * height * 3) }, 48, 40, 12);
    expect(grid.rows.map((r) => r.y)).toEqual([0, 25, 50]);
    expect(grid.rows[0].tiles.map((t) => t.x)).toEqual([0, 26, 52]);
    // Tile k holds (40·k + column) mod 256 in every channel.
    grid.rows.forEach((row, r) =>
      row.tiles.forEach((tile, c) => {
        const k = r * 3 + c;
        tile.image = { width: 48, height: 40, data: Uint8Array.from({ length: 48 * 40 * 3 }, (_, i) => (k * 40 + (Math.floor(i / 3) % 48)) % 256) };
      }),
    );
    const out = combineGrid(grid);
    const row30 = Array.from({ length: width }, (_, x) => out.data[(30 * width + x) * 3]);
    expect(row30.slice(24, 40)).toEqual([74, 75, 76, 78, 80, 82, 85, 87, 89, 91, 93, 95, 98, 100, 102, 103]);
    expect(createHash("sha256").update(out.data).digest("hex")).toBe("01664ef626bc109e83645e17f44b79370da3efae4f7f2cce5b420a3892abfcd5");
  });
});

const W = 64;
async function picture(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  // Not separable: a picture whose spectrum has exact zeros makes get_matched_noise divide 0 by 0 (NaN), in A1111 too.
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.set([(x * 4 + y) % 256, (y * 4 + ((x * x) % 13)) % 256, 100 + ((x * y) % 97)], (y * width + x) * 3);
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

describe("numpy's default_rng(0), as Outpainting mk2 draws it", () => {
  it("seeds PCG64 through SeedSequence and returns numpy's first doubles", () => {
    // np.random.SeedSequence(0).generate_state(4, np.uint64) and default_rng(0).bit_generator.random_raw(3)
    expect(seedSequenceState(0n, 4).map((w) => w.toString(16))).toEqual(["db2cd7e7b0f478be", "abf4641a2c71ba49", "20c6ed6d9d7b8d41", "2c4099de223c39d4"]);
    const raw = new NumpyPcg64(0);
    expect([raw.nextUint64(), raw.nextUint64(), raw.nextUint64()].map((w) => w.toString(16))).toEqual(["a30febcfd9c2825f", "4510bdf882d9d721", "a7d3da94ecde8b8"]);
    // default_rng(0).random(6)
    expect(Array.from(new NumpyPcg64(0).randomArray(6))).toEqual([0.6369616873214543, 0.2697867137638703, 0.04097352393619469, 0.016527635528529094, 0.8132702392002724, 0.9127555772777217]);
  });
});

describe("the Fourier transforms behind the matched noise", () => {
  const naive = (re: number[], inverse: boolean) =>
    re.map((_, k) => {
      let [sr, si] = [0, 0];
      re.forEach((x, j) => {
        const angle = ((inverse ? 2 : -2) * Math.PI * j * k) / re.length;
        [sr, si] = [sr + x * Math.cos(angle), si + x * Math.sin(angle)];
      });
      return [sr, si];
    });

  it("equals the DFT's definition for lengths with factors 2, 3, 5, 11", () => {
    for (const n of [1, 2, 12, 45, 64, 22]) {
      const re = Array.from({ length: n }, (_, j) => Math.sin(j * 1.3) + j / n);
      for (const inverse of [false, true]) {
        const out = dft(Float64Array.from(re), new Float64Array(n), inverse);
        naive(re, inverse).forEach(([r, i], k) => {
          expect(out.re[k]).toBeCloseTo(r, 10);
          expect(out.im[k]).toBeCloseTo(i, 10);
        });
      }
    }
  });

  it("matches numpy's ifftshift(fft2(fftshift(a), norm='ortho')) and inverts exactly up to rounding", () => {
    const height = 4;
    const width = 6;
    const re = Float64Array.from({ length: 24 }, (_, i) => ((Math.floor(i / 6) * 6 + (i % 6)) % 7) + 0.5 * Math.floor(i / 6));
    const plane = { re, im: new Float64Array(24), height, width };
    const f = fftShift(fft2Ortho(fftShift(plane)), true);
    // Values printed by numpy for the same 4×6 array.
    const expected: Array<[number, number, number, number]> = [
      [0, 1, -0.7144345083117604, 1.2374368670764584], [2, 2, -2.551551815399144, 0.5303300858899108],
      [1, 4, -4.618177259088197, 1.2374368670764582], [3, 5, 0.7144345083117604, 0.19143214954706256], [2, 3, 17.146428199482248, 0],
    ];
    for (const [r, c, er, ei] of expected) {
      expect(f.re[r * width + c]).toBeCloseTo(er, 12);
      expect(f.im[r * width + c]).toBeCloseTo(ei, 12);
    }
    const back = fftShift(fft2Ortho(fftShift(f), true), true);
    back.re.forEach((v, i) => expect(v).toBeCloseTo(re[i], 12));
  });
});

describe("Outpainting mk2's matched noise", () => {
  it("adds up, interpolates and matches histograms as numpy and scikit-image do", () => {
    // numpy's pairwise sum: 8 running sums per block of ≤ 128, halves above that.
    const xs = Float64Array.from({ length: 300 }, (_, i) => 1 / (i + 1));
    let plain = 0;
    for (const x of xs) plain += x;
    expect(pairwiseSum(xs)).toBeCloseTo(plain, 12);
    expect(pairwiseSum(Float64Array.of(1e16, 1, -1e16))).toBe(0); // (0 + 1e16 + 1) − 1e16 in order: 1 is lost
    expect(numpyInterp(0.5, Float64Array.of(0, 1), Float64Array.of(10, 20))).toBe(15);
    expect(numpyInterp(-1, Float64Array.of(0, 1), Float64Array.of(10, 20))).toBe(10);
    expect(numpyInterp(1, Float64Array.of(0, 1), Float64Array.of(10, 20))).toBe(20);
    // Quantiles of the source [1, 1, 2, 3] are ¼·[2, 3, 4]; the template [10, 20] has quantiles [½, 1].
    expect(Array.from(matchCumulativeCdf(Float64Array.of(1, 3, 1, 2), Float64Array.of(20, 10)))).toEqual([10, 20, 10, 15]);
  });

  it("shapes the window as 1/((x²+1)(y²+1)) over [−1, 1) scaled by the aspect", () => {
    const w = noiseWindow(4, 8);
    expect(w[0]).toBeCloseTo(1 / ((1 + 1) * (4 + 1)), 15); // x = −1, y = −2
    expect(w[2 * 8 + 4]).toBe(1); // the centre
  });

  /** The picture and mask numpy was given: a pattern kept in [4, H−5) × [6, W−3), noise (white) around it. */
  function reference(height: number, width: number) {
    const image = new Uint8Array(height * width * 3);
    const mask = new Uint8Array(height * width).fill(255);
    for (let y = 4; y < height - 5; y++) {
      for (let x = 6; x < width - 3; x++) {
        mask[y * width + x] = 0;
        image.set([(x * 7 + y * 3) % 256, (y * 11) % 256, (x * y) % 256], (y * width + x) * 3);
      }
    }
    return { image: { width, height, data: image }, mask: { width, height, data: mask } };
  }

  it("gives the bytes A1111's get_matched_noise gives (numpy run on the same picture)", () => {
    // sha256 of np.clip(get_matched_noise(img / 255, mask / 255, q, cv) * 255, 0, 255).astype(np.uint8), and its first pixels.
    const cases: Array<[number, number, number, number, string, number[], number]> = [
      [24, 40, 1.0, 0.05, "907ecd1e98ec6e47e74d4edac582da8b00cb9cad24b50a36986f88fa7bb366dd", [25, 76, 48, 33, 74, 63, 87, 69, 70, 99, 65, 78], 368762],
      [30, 20, 0.7, 0.3, "7522fa81360aefac376e57df77e43ff2ddbcdc0ae4c8308cad6b95e2272b56b6", [69, 124, 102, 90, 144, 135, 71, 123, 44, 81, 82, 6], 225289],
    ];
    for (const [height, width, q, cv, digest, head, sum] of cases) {
      const { image, mask } = reference(height, width);
      const bytes = Uint8Array.from(matchedNoise(image, mask, q, cv), (v) => Math.trunc(Math.min(255, Math.max(0, v * 255))));
      expect(Array.from(bytes.subarray(0, 12))).toEqual(head);
      expect(bytes.reduce((a, b) => a + b, 0)).toBe(sum);
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(digest);
      // The kept pixels come back as they were.
      expect(Array.from(bytes.subarray((10 * width + 10) * 3, (10 * width + 10) * 3 + 3))).toEqual(Array.from(image.data.subarray((10 * width + 10) * 3, (10 * width + 10) * 3 + 3)));
    }
  });
});

describe("Outpainting mk2", () => {
  const picture64 = { width: 64, height: 64, data: new Uint8Array(64 * 64 * 3).fill(90) };

  it("grows one side per step: canvas rounded to 64, hole from blur px inside the border, the strip at the grown edge", () => {
    // Right by 64 with blur 4, processing 128×64: rectangle((0, 0, 128 − 64 − 4, 64)) black; the latent one ends at 128 − 64 − 8.
    const right = expandStep(picture64, "right", 64, 4, 0, { width: 128, height: 64 });
    expect([right.width, right.height, right.canvas.width, right.canvas.height]).toEqual([128, 64, 128, 64]);
    expect(blackBox(right.mask)).toEqual([0, 0, 60, 63]);
    expect(right.crop).toEqual({ x1: 0, y1: 0, x2: 128, y2: 64 });
    expect(blackBox(expandLatentMask(right, "right", 64, 4, 0))).toEqual([0, 0, 56, 63]);
    // Left by 64 with blur 8, processing 64×64: the picture moves right, only the left 64 columns are inpainted.
    const left = expandStep(picture64, "left", 64, 8, 0, { width: 64, height: 64 });
    expect(blackBox(left.mask)).toEqual([72, 0, 127, 63]);
    expect(left.crop).toEqual({ x1: 0, y1: 0, x2: 64, y2: 64 });
    expect(left.canvas.data[(10 * 128 + 64) * 3]).toBe(90);
    expect(left.canvas.data[(10 * 128 + 63) * 3]).toBe(0);
    // Down by 64, processing 64×128: the bottom-aligned strip of the 64×128 canvas, i.e. all of it.
    const down = expandStep(picture64, "down", 64, 0, 4, { width: 64, height: 128 });
    expect(blackBox(down.mask)).toEqual([0, 0, 63, 60]);
    expect(down.crop).toEqual({ x1: 0, y1: 0, x2: 64, y2: 128 });
  });

  it("binds A1111's positional args, skipping the HTML note's slot", () => {
    const bind = (args: unknown[]) => bindScriptArgs(outpaintingMk2Script, outpaintingMk2Script.apiArgs!(args, "img2img"));
    expect(bind([null, 64, 4, ["right"], 1.5, 0.2])).toEqual({ pixels: 64, mask_blur: 4, left: false, right: true, up: false, down: false, noise_q: 1.5, color_variation: 0.2 });
    expect(bind(["<p>Recommended settings…</p>"])).toEqual({ pixels: 128, mask_blur: 8, left: true, right: true, up: true, down: true, noise_q: 1, color_variation: 0.05 });
  });

  it("returns each batch image grown to picture + border, a grid first, and keeps the picture away from the seam", async () => {
    const progress = new JobProgress("mk2");
    const result = await runImg2img(await job({ width: 128, height: 64, batchSize: 2, scriptName: "Outpainting mk2", scriptArgs: [null, 64, 4, ["right"], 1.0, 0.05] }), progress);
    expect(result.images.map((i) => [i.width, i.height])).toEqual([[256, 64], [128, 64], [128, 64]]);
    expect(result.info).toMatchObject({ seed: 11, index_of_first_image: 1 });
    expect(progress.jobNo).toBe(1); // one side, one batch: one child job of two images
    const fields = parseGenerationParameters(result.images[1].infotext);
    expect(fields).toMatchObject({ Seed: "11", "Size-1": "128", "Size-2": "64", "Denoising strength": "0.8" });
    // Blur 16 only along x: A1111's mask_blur is None then, so no "Mask blur"; masked content "original" is not written.
    expect(result.images[1].infotext).not.toMatch(/Mask blur|Masked content/);
    // The hole starts at x = 61; the blur reaches 40 px, so x ≤ 20 keeps the original bytes.
    const original = await decodeImage(await picture(W, W));
    const out = await decodeImage(result.images[1].png);
    for (const [x, y] of [[0, 0], [20, 33], [5, 63]]) {
      expect(Array.from(out.data.subarray((y * 128 + x) * 3, (y * 128 + x) * 3 + 3))).toEqual(Array.from(original.data.subarray((y * W + x) * 3, (y * W + x) * 3 + 3)));
    }
  });
});

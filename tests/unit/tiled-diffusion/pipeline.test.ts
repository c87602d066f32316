// Tiled Diffusion in real jobs on the onyx-tiny fixtures: byte identity of a canvas-sized tile with the plain
// job (k-diffusion and timestep samplers, both methods), A1111's positional arguments, the tile calls the UNet
// gets, regions' conditioning and noise, the hires pass, the infotext; a 2048×1024 job with Tiled VAE on the same
// job shows no seams at the tile borders and stays within fast Tiled VAE's tolerance of the untiled decode.
import { beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { useTempJobFolders } from "../temp-job-folders";
import { createGenerator } from "@onyx/sdk";
import type { UnetBatch, UnetFn } from "@onyx/sdk";
import { tiledUnet } from "@/extensions/tiled-diffusion/blend";
import { tileGrid } from "@/extensions/tiled-diffusion/grid";
import { canvasPlan } from "@/extensions/tiled-diffusion/index";
import { generationParamsSchema, type GenerationInput } from "@/lib/pipeline/params";
import { runTxt2img } from "@/lib/pipeline/run-job";
import { parseGenerationParameters } from "@/lib/infotext/parser";
import { JobProgress } from "@/lib/queue/job-progress";
import { reloadExtensions } from "@/lib/scripts/extension-registry";

useTempJobFolders("tiled-diffusion");

const job = (input: GenerationInput) =>
  generationParamsSchema.parse({ prompt: "a castle", negativePrompt: "blurry", steps: 3, width: 128, height: 128, seed: 7, samplerName: "Euler", saveImages: false, ...input });
const pixels = async (png: Buffer) => (await sharp(png).raw().toBuffer({ resolveWithObject: true })).data;
/** The probe sees the model's own calls, inside every script's wrapper. */
const recorder = () => {
  const calls: UnetBatch[] = [];
  const unetProbe = (inner: UnetFn): UnetFn => async (b) => (calls.push(b), inner(b));
  return { calls, unetProbe };
};
const infoOf = (infotext: string) => parseGenerationParameters(infotext);

beforeAll(async () => {
  const loaded = await reloadExtensions();
  expect(loaded.find((e) => e.id === "tiled-diffusion")).toMatchObject({ status: "loaded" });
});

describe("Tiled Diffusion in jobs", () => {
  it.each([
    ["Euler", "MultiDiffusion"],
    ["Euler", "Mixture of Diffusers"],
    ["DDIM", "MultiDiffusion"],
    ["DDIM", "Mixture of Diffusers"],
  ] as const)("%s, %s: one tile covering the canvas gives the plain job's image byte for byte", async (sampler, method) => {
    const params = job({ samplerName: sampler, batchSize: 2, prompt: "a castle AND a moat :0.5" });
    const plain = await runTxt2img(params, new JobProgress("plain"));
    const onePlan = canvasPlan(method, { tile_width: 96, tile_height: 96, overlap: 48, batch_size: 4 }, 16, 16, null, false);
    expect(onePlan.passes.flatMap((p) => p.boxes)).toEqual([[0, 0, 16, 16]]);
    let tiled = 0;
    const unetProbe = (inner: UnetFn): UnetFn => {
      const wrapped = tiledUnet(inner, onePlan, { shouldStop: () => false, regionContext: async (_, b) => b.context });
      return (b) => ((tiled += 1), wrapped(b));
    };
    const forced = await runTxt2img(params, new JobProgress("forced"), { unetProbe });
    expect(tiled).toBeGreaterThan(0);
    // Two images and their grid.
    expect(forced.images).toHaveLength(3);
    for (const [k, image] of forced.images.entries()) expect((await pixels(image.png)).equals(await pixels(plain.images[k].png))).toBe(true);
  });

  it("a canvas of one tile leaves the job alone: no tile calls, no infotext, the same image", async () => {
    const plain = await runTxt2img(job({}), new JobProgress("plain"));
    const { calls, unetProbe } = recorder();
    const result = await runTxt2img(job({ alwaysonScripts: { "Tiled Diffusion": { args: [true, "MultiDiffusion"] } } }), new JobProgress("inactive"), { unetProbe });
    expect(calls.every((c) => c.x.shape[2] === 16 && c.x.shape[3] === 16)).toBe(true);
    expect(result.images[0].infotext).not.toContain("Tiled Diffusion");
    expect((await pixels(result.images[0].png)).equals(await pixels(plain.images[0].png))).toBe(true);
  });

  it("positional args: overwritten size, tile batches of B' tiles × every entry in one call, the infotext dict", async () => {
    const { calls, unetProbe } = recorder();
    // 384×256 → latent 48×32; tile 24 / overlap 8 → 3 × 2 = 6 tiles; batch 4 → 2 batches of 3.
    const args = [true, "MultiDiffusion", true, true, 384, 256, 24, 24, 8, 4];
    const result = await runTxt2img(job({ batchSize: 2, steps: 2, alwaysonScripts: { "tiled diffusion": { args } } }), new JobProgress("positional"), { unetProbe });
    // The grid first, then the two images.
    expect(result.images.slice(1).map((i) => [i.width, i.height])).toEqual([[384, 256], [384, 256]]);
    // Euler, 2 steps: 2 model calls, each 2 tile calls of 3 tiles × (2 cond + 2 uncond) entries.
    expect(calls.map((c) => c.x.shape)).toEqual(new Array(4).fill([12, 4, 24, 24]));
    expect(calls[0].entries!.slice(0, 4)).toEqual([
      { image: 0, cond: true, part: 0 },
      { image: 1, cond: true, part: 0 },
      { image: 0, cond: false, part: 0 },
      { image: 1, cond: false, part: 0 },
    ]);
    const info = infoOf(result.images[1].infotext);
    expect(info["Tiled Diffusion"]).toBe("{'Method': 'MultiDiffusion', 'Tile tile width': 24, 'Tile tile height': 24, 'Tile Overlap': 8, 'Tile batch size': 4}");
    expect([info["Size-1"], info["Size-2"]]).toEqual(["384", "256"]);
  });

  it("the hires pass is not tiled: its calls have the hires size and come whole", async () => {
    const { calls, unetProbe } = recorder();
    const args = { enabled: true, method: "Mixture of Diffusers", tile_width: 16, tile_height: 16, overlap: 8, batch_size: 8 };
    await runTxt2img(job({ width: 256, height: 128, steps: 2, enableHr: true, hrScale: 1.5, hrUpscaler: "Latent", denoisingStrength: 0.5, alwaysonScripts: { "Tiled Diffusion": { args } } }), new JobProgress("hires"), { unetProbe });
    const sizes = calls.map((c) => `${c.x.shape[0]}×${c.x.shape[2]}×${c.x.shape[3]}`);
    // First pass: 32×16 latent → 3 × 1 tiles in one call; hires pass at 48×24 untouched.
    expect(sizes[0]).toBe("6×16×16");
    expect(sizes.at(-1)).toBe("2×24×48");
  });

  it("regions: their own prompts only in their calls, their own seed's noise in their boxes, the infotext lists them", async () => {
    const { calls, unetProbe } = recorder();
    const regions = [
      { x: 0, y: 0, w: 0.5, h: 1, prompt: "a red tower", neg_prompt: "fog", blend_mode: "Background", seed: 11 },
      { x: 0.5, y: 0.25, w: 0.5, h: 0.5, prompt: "a blue moon", blend_mode: "Foreground", feather_ratio: 0.2, seed: -1 },
    ];
    const args = { enabled: true, enable_bbox_control: true, draw_background: true, tile_width: 16, tile_height: 16, overlap: 8, bbox_controls: regions };
    const result = await runTxt2img(job({ width: 256, height: 128, steps: 1, alwaysonScripts: { "Tiled Diffusion": { args } } }), new JobProgress("regions"), { unetProbe });
    // One Euler step: the grid (3 tiles in one call), region 1 (16×16 box), region 2 (16×8 box).
    expect(calls.map((c) => c.x.shape)).toEqual([[6, 4, 16, 16], [2, 4, 16, 16], [2, 4, 8, 16]]);
    // Each region's conditioning is the job's own for "<prompt>, <region prompt>" / "<negative>, <region negative>".
    const contextOf = async (prompt: string, negativePrompt: string) => {
      const plain = recorder();
      await runTxt2img(job({ prompt, negativePrompt, steps: 1 }), new JobProgress("context"), { unetProbe: plain.unetProbe });
      return Array.from(plain.calls[0].context.data);
    };
    expect(Array.from(calls[1].context.data)).toEqual(await contextOf("a castle, a red tower", "blurry, fog"));
    expect(Array.from(calls[2].context.data)).toEqual(await contextOf("a castle, a blue moon", "blurry"));
    const main = await contextOf("a castle", "blurry");
    expect(Array.from(calls[0].context.data.subarray(0, main.length))).toEqual(main);
    // Region 1's box starts from its seed's noise (scaled by c_in of the first σ, the same for every pixel).
    const x = calls[0].x.data;
    const fresh = createGenerator("GPU", 11).randn(4 * 16 * 16);
    const ratio = x[0] / fresh[0];
    expect(x[5 * 16 + 3] / fresh[5 * 16 + 3]).toBeCloseTo(ratio, 4);
    expect(ratio).toBeGreaterThan(0);
    const info = infoOf(result.images[0].infotext)["Tiled Diffusion"];
    expect(info).toMatch(/^\{'Method': 'MultiDiffusion', .*'Region control': \{'Region 1': \{'enable': True, 'x': 0\.0, 'y': 0\.0, 'w': 0\.5, 'h': 1\.0, 'prompt': 'a red tower', 'neg_prompt': 'fog', 'blend_mode': 'Background', 'feather_ratio': 0\.2, 'seed': 11\}, 'Region 2': \{.*'seed': (\d+)\}\}\}$/);
    expect(info).not.toContain("'seed': -1");
  });
});

/** Mean |difference| of neighbouring pixels across each column border `x` (between x − 1 and x) of an RGB picture. */
function columnSteps(data: Buffer, width: number, height: number): number[] {
  const steps = new Array(width).fill(0);
  for (let y = 0; y < height; y++)
    for (let x = 1; x < width; x++) for (let c = 0; c < 3; c++) steps[x] += Math.abs(data[(y * width + x) * 3 + c] - data[(y * width + x - 1) * 3 + c]);
  return steps.map((s) => s / (3 * height));
}

/** The picture turned a quarter, so rows' borders are measured as columns. */
function transposed(data: Buffer, width: number, height: number): Buffer {
  const out = Buffer.alloc(data.length);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.copy(out, (x * height + y) * 3, (y * width + x) * 3, (y * width + x) * 3 + 3);
  return out;
}

/** The worst ratio of a border's step to the mean step inside, over the borders `at` (image px). */
function seamRatio(steps: number[], at: Set<number>): number {
  const inside = steps.filter((_, x) => x > 0 && !at.has(x));
  const mean = inside.reduce((a, b) => a + b, 0) / inside.length;
  return Math.max(...[...at].map((x) => steps[x] / mean));
}

describe("Tiled Diffusion with Tiled VAE", () => {
  it("2048×1024, 96/48 tiles, the decode tiled too: no seam at any tile border, close to the untiled decode", { timeout: 600_000 }, async () => {
    const [width, height] = [2048, 1024];
    const diffusion = { "Tiled Diffusion": { args: { enabled: true, method: "MultiDiffusion", tile_width: 96, tile_height: 96, overlap: 48, batch_size: 4 } } };
    const params = job({ width, height, steps: 2 });
    const { calls, unetProbe } = recorder();
    const both = await runTxt2img({ ...params, alwaysonScripts: { ...diffusion, "Tiled VAE": { args: [true, 512, 64, true, true, true, false] } } }, new JobProgress("both"), { unetProbe });
    // The UNet only ever saw tiles.
    expect(calls.every((c) => c.x.shape[2] === 96 && c.x.shape[3] === 96)).toBe(true);
    const tiledPixels = await pixels(both.images[0].png);
    const grid = tileGrid({ width: width / 8, height: height / 8, tileWidth: 96, tileHeight: 96, overlap: 48, batchSize: 4 });
    const borders = (axis: 0 | 1, size: number) => new Set(grid.tiles.flatMap((t) => [t[axis], t[axis] + t[axis + 2]]).filter((v) => v > 0 && v < size / 8).map((v) => v * 8));
    expect(borders(0, width).size).toBeGreaterThan(0);
    expect(seamRatio(columnSteps(tiledPixels, width, height), borders(0, width))).toBeLessThanOrEqual(1.5);
    expect(seamRatio(columnSteps(transposed(tiledPixels, width, height), height, width), borders(1, height))).toBeLessThanOrEqual(1.5);

    // The same job decoded whole: fast Tiled VAE's tolerance (docs/tiled-vae.md#accuracy), and not the same bytes.
    const plain = await pixels((await runTxt2img({ ...params, alwaysonScripts: diffusion }, new JobProgress("diffusion only"))).images[0].png);
    let sum = 0;
    for (let i = 0; i < plain.length; i++) sum += Math.abs(plain[i] - tiledPixels[i]);
    expect(sum / plain.length).toBeGreaterThan(0);
    expect(sum / plain.length).toBeLessThan(2);
  });
});

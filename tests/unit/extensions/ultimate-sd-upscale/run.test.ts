// Ultimate SD Upscale in real img2img jobs on the fixture model: the child jobs counted against planJobs, the
// output size, the byte identity of a run without redraw with the plain upscale, which pixels each redraw order
// and seams fix may change, Interrupt and Skip between and inside tiles, the infotext fields and saving.
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { useTempJobFolders } from "../../temp-job-folders";
import { planJobs } from "@/extensions/ultimate-sd-upscale/plan";
import { decodeImage } from "@/lib/images/decode-image";
import type { RgbImage } from "@/lib/images/tensor-image";
import { parseGenerationParameters } from "@/lib/infotext/parser";
import { img2imgParamsSchema } from "@/lib/pipeline/img2img-params";
import { runImg2img } from "@/lib/pipeline/run-job";
import { JobProgress } from "@/lib/queue/job-progress";
import { reloadExtensions } from "@/lib/scripts/extension-registry";
import { findUpscaler, upscaleImage } from "@/lib/upscalers/registry";

const folders = useTempJobFolders("usdu");

/** Counts the child jobs (each runs one batch) and can press Interrupt or Skip inside the n-th. */
class CountingProgress extends JobProgress {
  batches = 0;
  constructor(private readonly press: { interruptAt?: number; skipAt?: number } = {}) {
    super("usdu");
  }
  override beginBatch(jobNo: number, label: string): void {
    super.beginBatch(jobNo, label);
    this.batches += 1;
    if (this.batches === this.press.interruptAt) this.interrupt();
    if (this.batches === this.press.skipAt) this.skip();
  }
}

async function picture(width: number, height: number): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([(x * 255) / width, (y * 255) / height, (x * y) % 251], (y * width + x) * 3);
  return sharp(data, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

let init: Buffer;
let plainUpscale: RgbImage;
/** The smaller runs: 256² → 512² in 256² tiles, the same 2×2 grid at a quarter of the cost. */
let smallInit: Buffer;
let smallUpscale: RgbImage;

beforeAll(async () => {
  const loaded = await reloadExtensions();
  expect(loaded.find((e) => e.id === "ultimate-sd-upscale")).toMatchObject({ status: "loaded" });
  init = await picture(512, 512);
  plainUpscale = await upscaleImage(await decodeImage(init), 2, findUpscaler("Lanczos")!);
  smallInit = await picture(256, 256);
  smallUpscale = await upscaleImage(await decodeImage(smallInit), 2, findUpscaler("Lanczos")!);
});

/** The 512² → 1024² run with the Lanczos upscaler (index 1), tile 512 (`small`: 256² → 512², tile 256); `args` by name override. */
function run(args: Record<string, unknown>, progress = new CountingProgress(), extra: Record<string, unknown> = {}, small = true) {
  const side = small ? 512 : 1024;
  const params = img2imgParamsSchema.parse({
    prompt: "a harbour", steps: 2, seed: 11, samplerName: "Euler", width: side, height: side, denoisingStrength: 0.5, initImages: [small ? smallInit : init], saveImages: false,
    scriptName: "ultimate sd upscale",
    scriptArgs: { tile_width: side / 2, tile_height: 0, upscaler: "Lanczos", redraw_mode: "Linear", seams_fix_type: "None", save_upscaled_image: false, ...args },
    ...extra,
  });
  return runImg2img(params, progress).then(async (result) => ({ result, progress, images: await Promise.all(result.images.map((i) => decodeImage(i.png))) }));
}

/** Whether two pictures agree on the pixels of the box [x0, x1) × [y0, y1). */
function sameIn(a: RgbImage, b: RgbImage, [x0, y0, x1, y1]: readonly number[]): boolean {
  for (let y = y0; y < y1; y++) {
    if (!Buffer.from(a.data.subarray((y * a.width + x0) * 3, (y * a.width + x1) * 3)).equals(Buffer.from(b.data.subarray((y * b.width + x0) * 3, (y * b.width + x1) * 3)))) return false;
  }
  return true;
}

// Tile (col, row) of the 2×2 grid grows by 20 px per side under mask blur 8 (docs/ultimate-sd-upscale.md#redraw):
// what lies farther than that from every redrawn tile must come back untouched.
const INTERIOR = { "0,0": [0, 0, 492, 492], "1,0": [533, 0, 1024, 492], "0,1": [0, 533, 492, 1024], "1,1": [533, 533, 1024, 1024] } as const;
/** The same for the small runs' 256² tiles. */
const SMALL = { "0,0": [0, 0, 236, 236], "1,0": [277, 0, 512, 236], "0,1": [0, 277, 236, 512], "1,1": [277, 277, 512, 512] } as const;

// Real jobs of up to 1024² with four or more child jobs each: minutes on a loaded shared machine.
describe("Ultimate SD upscale in jobs", { timeout: 240_000 }, () => {
  it("512² → 1024², Linear: 1024², exactly planJobs' child jobs, every tile redrawn, the five fields and the tiles' inpaint fields", async () => {
    const { result, progress, images } = await run({}, new CountingProgress(), {}, false);
    const plan = planJobs({ width: 1024, height: 1024, tileWidth: 512, tileHeight: 0, redrawMode: "Linear", seamsFixType: "None" });
    expect(progress.batches).toBe(plan.redraw.length + plan.seams);
    expect(progress.batches).toBe(4);
    expect(images.map((i) => [i.width, i.height])).toEqual([[1024, 1024]]);
    for (const box of Object.values(INTERIOR)) expect(sameIn(images[0], plainUpscale, box)).toBe(false);
    const fields = parseGenerationParameters(result.images[0].infotext);
    expect(fields).toMatchObject({
      "Size-1": "1024",
      "Size-2": "1024",
      "Ultimate SD upscale upscaler": "Lanczos",
      "Ultimate SD upscale tile_width": "512",
      "Ultimate SD upscale tile_height": "512",
      "Ultimate SD upscale mask_blur": "8",
      "Ultimate SD upscale padding": "32",
      "Mask blur": "8",
      "Inpaint area": "Only masked",
      "Masked area padding": "32",
      "Denoising strength": "0.5",
      Seed: "11",
    });
    expect(JSON.parse(JSON.stringify(result.info))).toMatchObject({ width: 1024, height: 1024 });
  });

  it("redraw None, seams None: no child job, and the plain upscale byte for byte", async () => {
    const { progress, images } = await run({ redraw_mode: "None" }, new CountingProgress(), { denoisingStrength: 0 }, false);
    expect(progress.batches).toBe(0);
    expect(images).toHaveLength(1);
    expect(Buffer.from(images[0].data).equals(Buffer.from(plainUpscale.data))).toBe(true);
  });

  it("Chess: the first pass touches only the even tiles (interrupted at the first odd one, which is dropped)", async () => {
    const { progress, images } = await run({ redraw_mode: "Chess" }, new CountingProgress({ interruptAt: 3 }));
    expect(progress.batches).toBe(3);
    const [image] = images;
    expect(sameIn(image, smallUpscale, SMALL["0,0"])).toBe(false);
    expect(sameIn(image, smallUpscale, SMALL["1,1"])).toBe(false);
    expect(sameIn(image, smallUpscale, SMALL["1,0"])).toBe(true);
    expect(sameIn(image, smallUpscale, SMALL["0,1"])).toBe(true);
  });

  it("Skip drops the tile it was pressed in and goes on with the next", async () => {
    const { progress, images } = await run({}, new CountingProgress({ skipAt: 1 }));
    expect(progress.batches).toBe(4);
    expect(sameIn(images[0], smallUpscale, SMALL["0,0"])).toBe(true);
    expect(sameIn(images[0], smallUpscale, SMALL["1,1"])).toBe(false);
  });

  it("the colour fix, off by default, writes its field and moves the redraw's colours onto the upscale's", async () => {
    const args = { tile_width: 512 };
    const [plain, fixed] = [await run(args), await run({ ...args, color_fix: true })];
    expect(parseGenerationParameters(plain.result.images[0].infotext)["Ultimate SD upscale color fix"]).toBeUndefined();
    expect(parseGenerationParameters(fixed.result.images[0].infotext)["Ultimate SD upscale color fix"]).toBe("Wavelet");
    const reference = smallUpscale;
    const meanGap = (image: RgbImage) => image.data.reduce((sum, v, i) => sum + v - reference.data[i], 0) / image.data.length;
    expect(Math.abs(meanGap(fixed.images[0]))).toBeLessThan(Math.max(0.5, Math.abs(meanGap(plain.images[0]))));
  });

  it("a seams fix that is on shows its picture even when the grid has no inner border to fix", async () => {
    const { progress, images } = await run({ seams_fix_type: "Half tile offset pass", tile_width: 512 });
    expect(progress.batches).toBe(1);
    expect(images.map((i) => [i.width, i.height])).toEqual([[512, 512], [512, 512]]);
  });

  it("a seams fix runs its jobs on the redraw result, shows both pictures and saves what the save options say", async () => {
    const before = fs.existsSync(path.join(folders(), "outputs", "img2img-images")) ? fs.readdirSync(path.join(folders(), "outputs", "img2img-images"), { recursive: true }).length : 0;
    const { result, progress, images } = await run({ redraw_mode: "None", seams_fix_type: "Band pass", save_upscaled_image: true, save_seams_fix_image: true, seams_fix_denoise: 0.35 });
    // 2×2 tiles: one vertical and one horizontal band.
    expect(progress.batches).toBe(2);
    expect(images.map((i) => [i.width, i.height])).toEqual([[512, 512], [512, 512]]);
    expect(Buffer.from(images[0].data).equals(Buffer.from(smallUpscale.data))).toBe(true);
    // The bands (64 wide around x = 256 and y = 256, padding 16) leave the corners alone.
    expect(sameIn(images[1], smallUpscale, [0, 0, 200, 200])).toBe(true);
    expect(sameIn(images[1], smallUpscale, [224, 0, 288, 512])).toBe(false);
    const fields = parseGenerationParameters(result.images[1].infotext);
    expect(fields).toMatchObject({ "Size-1": "512", "Size-2": "512", "Denoising strength": "0.35", "Masked area padding": "16", "Ultimate SD upscale upscaler": "Lanczos" });
    expect(fields["Mask blur"]).toBeUndefined();
    expect(result.images.map((i) => i.savedPath !== null)).toEqual([true, true]);
    const saved = fs.readdirSync(path.join(folders(), "outputs", "img2img-images"), { recursive: true }).filter((f) => String(f).endsWith(".png"));
    expect(saved.length - before).toBe(2);
  });
});

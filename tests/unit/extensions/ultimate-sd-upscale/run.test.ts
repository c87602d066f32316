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

beforeAll(async () => {
  const loaded = await reloadExtensions();
  expect(loaded.find((e) => e.id === "ultimate-sd-upscale")).toMatchObject({ status: "loaded" });
  init = await picture(512, 512);
  plainUpscale = await upscaleImage(await decodeImage(init), 2, findUpscaler("Lanczos")!);
});

/** The 512² → 1024² run with the Lanczos upscaler (index 1), tile 512; `args` by name override. */
function run(args: Record<string, unknown>, progress = new CountingProgress(), extra: Record<string, unknown> = {}) {
  const params = img2imgParamsSchema.parse({
    prompt: "a harbour", steps: 2, seed: 11, samplerName: "Euler", width: 1024, height: 1024, denoisingStrength: 0.5, initImages: [init], saveImages: false,
    scriptName: "ultimate sd upscale",
    scriptArgs: { tile_width: 512, tile_height: 0, upscaler: "Lanczos", redraw_mode: "Linear", seams_fix_type: "None", save_upscaled_image: false, ...args },
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

describe("Ultimate SD upscale in jobs", () => {
  it("512² → 1024², Linear: 1024², exactly planJobs' child jobs, every tile redrawn, the five fields and the tiles' inpaint fields", async () => {
    const { result, progress, images } = await run({});
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
    const { progress, images } = await run({ redraw_mode: "None" }, new CountingProgress(), { denoisingStrength: 0 });
    expect(progress.batches).toBe(0);
    expect(images).toHaveLength(1);
    expect(Buffer.from(images[0].data).equals(Buffer.from(plainUpscale.data))).toBe(true);
  });

  it("Chess: the first pass touches only the even tiles (interrupted at the first odd one, which is dropped)", async () => {
    const { progress, images } = await run({ redraw_mode: "Chess" }, new CountingProgress({ interruptAt: 3 }));
    expect(progress.batches).toBe(3);
    const [image] = images;
    expect(sameIn(image, plainUpscale, INTERIOR["0,0"])).toBe(false);
    expect(sameIn(image, plainUpscale, INTERIOR["1,1"])).toBe(false);
    expect(sameIn(image, plainUpscale, INTERIOR["1,0"])).toBe(true);
    expect(sameIn(image, plainUpscale, INTERIOR["0,1"])).toBe(true);
  });

  it("Skip drops the tile it was pressed in and goes on with the next", async () => {
    const { progress, images } = await run({}, new CountingProgress({ skipAt: 1 }));
    expect(progress.batches).toBe(4);
    expect(sameIn(images[0], plainUpscale, INTERIOR["0,0"])).toBe(true);
    expect(sameIn(images[0], plainUpscale, INTERIOR["1,1"])).toBe(false);
  });

  it("the colour fix, off by default, writes its field and moves the redraw's colours onto the upscale's", async () => {
    const args = { target_size_type: "Custom size", custom_width: 512, custom_height: 512 };
    const [plain, fixed] = [await run(args), await run({ ...args, color_fix: true })];
    expect(parseGenerationParameters(plain.result.images[0].infotext)["Ultimate SD upscale color fix"]).toBeUndefined();
    expect(parseGenerationParameters(fixed.result.images[0].infotext)["Ultimate SD upscale color fix"]).toBe("Wavelet");
    const reference = await upscaleImage(await decodeImage(init), 1, findUpscaler("Lanczos")!);
    const meanGap = (image: RgbImage) => image.data.reduce((sum, v, i) => sum + v - reference.data[i], 0) / image.data.length;
    expect(Math.abs(meanGap(fixed.images[0]))).toBeLessThan(Math.max(0.5, Math.abs(meanGap(plain.images[0]))));
  });

  it("a seams fix that is on shows its picture even when the grid has no inner border to fix", async () => {
    const { progress, images } = await run({ seams_fix_type: "Half tile offset pass", target_size_type: "Custom size", custom_width: 512, custom_height: 512 });
    expect(progress.batches).toBe(1);
    expect(images.map((i) => [i.width, i.height])).toEqual([[512, 512], [512, 512]]);
  });

  it("a seams fix runs its jobs on the redraw result, shows both pictures and saves what the save options say", async () => {
    const before = fs.existsSync(path.join(folders(), "outputs", "img2img-images")) ? fs.readdirSync(path.join(folders(), "outputs", "img2img-images"), { recursive: true }).length : 0;
    const { result, progress, images } = await run({ redraw_mode: "None", seams_fix_type: "Band pass", save_upscaled_image: true, save_seams_fix_image: true, seams_fix_denoise: 0.35 });
    // 2×2 tiles: one vertical and one horizontal band.
    expect(progress.batches).toBe(2);
    expect(images.map((i) => [i.width, i.height])).toEqual([[1024, 1024], [1024, 1024]]);
    expect(Buffer.from(images[0].data).equals(Buffer.from(plainUpscale.data))).toBe(true);
    // The bands (64 wide around x = 512 and y = 512, padding 16) leave the corners alone.
    expect(sameIn(images[1], plainUpscale, [0, 0, 400, 400])).toBe(true);
    expect(sameIn(images[1], plainUpscale, [480, 0, 544, 1024])).toBe(false);
    const fields = parseGenerationParameters(result.images[1].infotext);
    expect(fields).toMatchObject({ "Size-1": "1024", "Size-2": "1024", "Denoising strength": "0.35", "Masked area padding": "16", "Ultimate SD upscale upscaler": "Lanczos" });
    expect(fields["Mask blur"]).toBeUndefined();
    expect(result.images.map((i) => i.savedPath !== null)).toEqual([true, true]);
    const saved = fs.readdirSync(path.join(folders(), "outputs", "img2img-images"), { recursive: true }).filter((f) => String(f).endsWith(".png"));
    expect(saved.length - before).toBe(2);
  });
});

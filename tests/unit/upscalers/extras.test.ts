// Extras (docs/a1111/generation.md#extras): sizes for scale by / scale to, the `extras` infotext, saving under
// extras-images/NNNNN.png with the source's own text chunks, upscaler 2 blending, batch + interrupt, and
// bad uploads rejected before anything is written.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ensureDatabase } from "@/lib/history/db";
import { ImageInputError } from "@/lib/images/decode-image";
import { readPngText, writePngText } from "@/lib/images/png-text";
import { extrasParamsSchema, runExtras, type ExtrasInput } from "@/lib/pipeline/extras";
import { JobProgress } from "@/lib/queue/job-progress";
import { pngClaimingSize } from "./png-headers";

const saved = { DATA_DIR: process.env.DATA_DIR, OUTPUTS_DIR: process.env.OUTPUTS_DIR };
let tmp = "";
const outputs = () => process.env.OUTPUTS_DIR!;
const extrasFiles = () => (fs.existsSync(path.join(outputs(), "extras-images")) ? fs.readdirSync(path.join(outputs(), "extras-images")) : []);

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-extras-"));
  process.env.DATA_DIR = path.join(tmp, "data");
  process.env.OUTPUTS_DIR = path.join(tmp, "outputs");
  ensureDatabase();
});

beforeEach(() => fs.rmSync(path.join(outputs(), "extras-images"), { recursive: true, force: true }));

afterAll(() => {
  process.env.DATA_DIR = saved.DATA_DIR;
  process.env.OUTPUTS_DIR = saved.OUTPUTS_DIR;
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function gradientPng(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) raw.set([(i * 5) % 256, (i * 3) % 256, 90], i * 3);
  return sharp(raw, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

const run = (input: Partial<ExtrasInput> & Pick<ExtrasInput, "images">, progress = new JobProgress("x")) => runExtras(extrasParamsSchema.parse(input), progress);

describe("runExtras", () => {
  it("upscales ×2 and ×4 with the fixture ESRGAN and saves extras-images/NNNNN.png with the extras text", async () => {
    const source = writePngText(await gradientPng(64, 48), { parameters: "a castle\nSteps: 20, Sampler: Euler, Seed: 5" });
    const two = await run({ images: [{ data: source }], upscaler1: "onyx-esrgan-4x", upscalingResize: 2 });
    const four = await run({ images: [{ data: source }], upscaler1: "onyx-esrgan-4x", upscalingResize: 4 });
    expect([two.images[0].width, two.images[0].height]).toEqual([128, 96]);
    expect([four.images[0].width, four.images[0].height]).toEqual([256, 192]);
    expect(two.images[0].savedPath).toBe("extras-images/00000.png");
    expect(four.images[0].savedPath).toBe("extras-images/00001.png");
    const file = fs.readFileSync(path.join(outputs(), four.images[0].savedPath!));
    expect(await sharp(file).metadata()).toMatchObject({ width: 256, height: 192 });
    const text = readPngText(file);
    expect(text.extras).toBe("Postprocess upscale by: 4, Postprocess upscaler: onyx-esrgan-4x");
    expect(text.parameters).toBe("a castle\nSteps: 20, Sampler: Euler, Seed: 5");
  });

  it("scale to: factor max(W/w, H/h), centred crop to W×H, Python floats for API calls", async () => {
    const source = await gradientPng(64, 48);
    const result = await run({ images: [{ data: source }], upscaler1: "Lanczos", resizeMode: 1, upscalingResizeW: 96, upscalingResizeH: 96, saveImages: false });
    // factor max(1.5, 2) = 2 → 128×96, cropped to 96×96.
    expect([result.images[0].width, result.images[0].height]).toEqual([96, 96]);
    expect(result.images[0].infotext).toBe("Postprocess upscale to: 96x96, Postprocess crop to: 96x96, Postprocess upscaler: Lanczos");
    const api = await run({ images: [{ data: source }], upscaler1: "Nearest", upscalingResize: 2, floatNumbers: true, saveImages: false });
    expect(api.images[0].infotext).toBe("Postprocess upscale by: 2.0, Postprocess upscaler: Nearest");
    expect(extrasFiles()).toEqual([]);
  });

  it("max side length switches to scale-to without crop (limit_size_by_one_dimention)", async () => {
    const result = await run({ images: [{ data: await gradientPng(64, 48) }], upscaler1: "Lanczos", upscalingResize: 4, maxSideLength: 200, saveImages: false });
    // 256×192 exceeds 200 → 200 × (200·192 // 256 = 150); factor max(200/64, 150/48) = 3.125 → 200×150.
    expect([result.images[0].width, result.images[0].height]).toEqual([200, 144]);
    expect(result.images[0].infotext).toBe("Postprocess upscale by: 4, Max side length: 200, Postprocess upscaler: Lanczos");
  });

  it("blends upscaler 2 into upscaler 1 with its visibility: a + v·(b − a), truncated", async () => {
    const source = await gradientPng(24, 16);
    const opts = { images: [{ data: source }], upscalingResize: 2, saveImages: false };
    const pixels = async (r: Awaited<ReturnType<typeof run>>) => sharp(r.images[0].png).raw().toBuffer();
    const a = await pixels(await run({ ...opts, upscaler1: "Lanczos" }));
    const b = await pixels(await run({ ...opts, upscaler1: "Nearest" }));
    const blended = await run({ ...opts, upscaler1: "Lanczos", upscaler2: "Nearest", upscaler2Visibility: 0.3 });
    const c = await pixels(blended);
    expect(c.every((v, i) => v === Math.trunc(a[i] + 0.3 * (b[i] - a[i])))).toBe(true);
    expect(blended.images[0].infotext).toBe("Postprocess upscale by: 2, Postprocess upscaler: Lanczos, Postprocess upscaler 2: Nearest");
  });

  it("leaves the image alone with upscaler 1 None", async () => {
    const result = await run({ images: [{ data: await gradientPng(24, 16) }], upscaler1: "None", upscaler2: "Lanczos", upscaler2Visibility: 1, saveImages: false });
    expect([result.images[0].width, result.images[0].height, result.images[0].infotext]).toEqual([24, 16, ""]);
  });

  it("processes a batch in order and stops between images when interrupted", async () => {
    const images = await Promise.all([16, 24, 32].map(async (w) => ({ data: await gradientPng(w, 16), name: `${w}.png` })));
    const all = await run({ images, upscaler1: "Lanczos" });
    expect(all.images.map((i) => i.width)).toEqual([32, 48, 64]);
    expect(extrasFiles()).toEqual(["00000.png", "00001.png", "00002.png"]);
    const progress = new JobProgress("stop");
    const beginBatch = progress.beginBatch.bind(progress);
    progress.beginBatch = (n, label) => {
      if (n === 1) progress.interrupt();
      beginBatch(n, label);
    };
    const stopped = await run({ images, upscaler1: "onyx-esrgan-4x", saveImages: false }, progress);
    expect(stopped.images.map((i) => i.width)).toEqual([32]);
  });

  describe("bad inputs get clear errors and write nothing", () => {
    const cases: Array<[string, () => Promise<Buffer>, RegExp]> = [
      ["not an image", async () => Buffer.from("hello, this is text"), /image 2 \(b\.png\) is not a PNG, JPEG or WebP image/],
      ["empty bytes", async () => Buffer.alloc(0), /image 2 \(b\.png\) is empty/],
      ["a decompression bomb (9000×9000 header, 1 kB of data)", async () => pngClaimingSize(9000, 9000), /9000x9000 = 81\.0 megapixels/],
      ["a huge side", async () => pngClaimingSize(20000, 10), /20000x10; the largest side allowed is 16384/],
      ["a zero size", async () => pngClaimingSize(0, 10), /image 2 \(b\.png\)/],
    ];
    for (const [label, bytes, message] of cases) {
      it(label, async () => {
        const images = [{ data: await gradientPng(16, 16), name: "a.png" }, { data: await bytes(), name: "b.png" }];
        const attempt = run({ images, upscaler1: "Lanczos" });
        await expect(attempt).rejects.toBeInstanceOf(ImageInputError);
        await expect(run({ images, upscaler1: "Lanczos" })).rejects.toThrow(message);
        expect(extrasFiles()).toEqual([]);
      });
    }

    it("an unknown upscaler", async () => {
      await expect(run({ images: [{ data: await gradientPng(16, 16) }], upscaler1: "No Such Upscaler" })).rejects.toThrow(/unknown upscaler "No Such Upscaler"/);
      expect(extrasFiles()).toEqual([]);
    });
  });
});

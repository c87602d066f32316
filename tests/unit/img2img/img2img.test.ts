// img2img and inpaint end to end on the onyx-tiny fixtures: the denoising → steps mapping as UNet calls,
// denoising 0 ≈ the re-encoded input, only-masked inpaint keeps every pixel the blurred mask leaves at 0,
// infotext keys in A1111's order, the 9-channel inpainting UNet, and bad inputs rejected with no files.
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { useTempJobFolders } from "../temp-job-folders";
import { ImageInputError } from "@/lib/images/decode-image";
import { onlyMaskedRegion } from "@/lib/images/inpaint-region";
import { blurMask } from "@/lib/images/mask-blur";
import { tensorToRgb } from "@/lib/images/tensor-image";
import { loadCheckpoint } from "@/lib/models/checkpoints";
import { WHOLE_ATTENTION } from "@/lib/models/graph-options";
import { encodeToLatent, imagesToTensor } from "@/lib/pipeline/image-conditioning";
import { runImg2img } from "@/lib/pipeline/run-job";
import { img2imgParamsSchema, type Img2imgInput } from "@/lib/pipeline/img2img-params";
import { JobProgress } from "@/lib/queue/job-progress";
import { stepsForDenoising } from "@/lib/sampling/sample";
import { pngClaimingSize } from "../upscalers/png-headers";

useTempJobFolders("img2img");
const imgFiles = () => {
  const dir = path.join(process.env.OUTPUTS_DIR!, "img2img-images");
  return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith(".png")) : [];
};

const W = 64;
const H = 64;

function pattern(width: number, height: number): Buffer {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set([(x * 4) % 256, (y * 4) % 256, 128 + Math.round(100 * Math.sin((x + y) / 6))], (y * width + x) * 3);
  }
  return raw;
}
const png = (raw: Buffer, width: number, height: number, channels: 1 | 3 = 3) => sharp(raw, { raw: { width, height, channels } }).png().toBuffer();

async function rectMaskPng(width: number, height: number, x1: number, y1: number, x2: number, y2: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height);
  for (let y = y1; y < y2; y++) for (let x = x1; x < x2; x++) raw[y * width + x] = 255;
  return png(raw, width, height, 1);
}

const params = async (input: Partial<Img2imgInput> = {}) =>
  img2imgParamsSchema.parse({
    initImages: [await png(pattern(W, H), W, H)],
    prompt: "a castle",
    steps: 8,
    width: W,
    height: H,
    seed: 7,
    samplerName: "Euler",
    saveImages: false,
    ...input,
  });

const rgbOf = async (bytes: Buffer) => sharp(bytes).removeAlpha().raw().toBuffer();

describe("denoising strength → steps", () => {
  it("matches A1111's t_enc = int(min(d, 0.999)·steps), running t_enc + 1 steps", () => {
    const table: Array<[number, number, number]> = [
      [20, 0.75, 16], [20, 1, 20], [20, 0, 1], [20, 0.5, 11], [50, 0.3, 16], [20, 0.999, 20], [30, 0.05, 2], [10, 0.99, 10],
    ];
    for (const [steps, d, runs] of table) expect([steps, d, stepsForDenoising(steps, d).runs]).toEqual([steps, d, runs]);
    // "Do exactly the amount of steps": schedule int(steps / d), exactly `steps` run.
    expect(stepsForDenoising(20, 0.5, true)).toEqual({ scheduleSteps: 40, tEnc: 19, runs: 20 });
    expect(stepsForDenoising(20, 0.75, true).scheduleSteps).toBe(26);
    // At denoising 0 A1111's fixed-steps schedule is empty: nothing runs.
    expect(stepsForDenoising(20, 0, true)).toEqual({ scheduleSteps: 0, tEnc: 19, runs: 0 });
  });

  it("runs that many UNet calls in img2img (Euler: one per step)", async () => {
    for (const [steps, d, calls] of [[20, 0.75, 16], [10, 0.3, 4]] as const) {
      let count = 0;
      await runImg2img(await params({ steps, denoisingStrength: d }), new JobProgress("steps"), {
        unetProbe: (inner) => (batch) => (count++, inner(batch)),
      });
      expect([steps, d, count]).toEqual([steps, d, calls]);
    }
  });

  it("with img2img_fix_steps at denoising 0 runs no step at all (A1111's step count 0)", async () => {
    let count = 0;
    await runImg2img(await params({ steps: 20, denoisingStrength: 0, overrideSettings: { img2img_fix_steps: true } }), new JobProgress("fix0"), {
      unetProbe: (inner) => (batch) => (count++, inner(batch)),
    });
    expect(count).toBe(0);
  });
});

describe("img2img", () => {
  it("at denoising 0 returns the re-encoded input", async () => {
    const result = await runImg2img(await params({ denoisingStrength: 0 }), new JobProgress("d0"));
    const { model } = await loadCheckpoint("onyx-tiny");
    const rgb = { width: W, height: H, data: new Uint8Array(pattern(W, H)) };
    const graph = { tiling: false, attention: WHOLE_ATTENTION };
    const reencoded = tensorToRgb(await model.decodeLatents(await encodeToLatent(model, imagesToTensor([rgb]), graph), graph));
    const out = await rgbOf(result.images[0].png);
    const diff = (a: Uint8Array, b: Uint8Array) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;
    expect(diff(out, reencoded.data)).toBeLessThan(4); // of 255: one Euler step at the smallest σ
    // …and that is not trivially true: denoising 0.9 moves far away from it.
    const strong = await runImg2img(await params({ denoisingStrength: 0.9 }), new JobProgress("d9"));
    expect(diff(await rgbOf(strong.images[0].png), reencoded.data)).toBeGreaterThan(10);
  });

  it("writes Denoising strength at its fixed place and saves under img2img-images", async () => {
    const result = await runImg2img(await params({ saveImages: true, denoisingStrength: 0.5 }), new JobProgress("save"));
    expect(result.images[0].savedPath).toMatch(/^img2img-images\/\d{4}-\d{2}-\d{2}\/\d{5}-7\.png$/);
    expect(result.images[0].infotext).toMatch(/Seed: 7, Size: 64x64, Model hash: \w+, Model: onyx-tiny, Denoising strength: 0.5, Version/);
    expect(result.info.denoising_strength).toBe(0.5);
  });

  it("resizes with the resize modes to the processing size", async () => {
    for (const mode of [0, 1, 2, 3] as const) {
      const result = await runImg2img(await params({ initImages: [await png(pattern(72, 144), 72, 144)], resizeMode: mode, width: 96, height: 64, steps: 2 }), new JobProgress("rm"));
      expect([mode, result.images[0].width, result.images[0].height]).toEqual([mode, 96, 64]);
    }
  });
});

describe("inpaint", () => {
  it("only masked: every pixel where the blurred mask is 0 keeps its bytes; infotext in A1111's order", async () => {
    const size = 96;
    const source = pattern(size, size);
    const maskPng = await rectMaskPng(size, size, 40, 44, 56, 60);
    const result = await runImg2img(
      await params({
        initImages: [await png(source, size, size)],
        mask: maskPng,
        maskBlur: 4,
        inpaintFullRes: true,
        inpaintFullResPadding: 8,
        inpaintingFill: 0,
        denoisingStrength: 0.9,
        width: 64,
        height: 64,
      }),
      new JobProgress("only-masked"),
    );
    const out = await rgbOf(result.images[0].png);
    expect([result.images[0].width, result.images[0].height]).toEqual([size, size]);
    const raw = new Uint8Array(size * size);
    for (let y = 44; y < 60; y++) for (let x = 40; x < 56; x++) raw[y * size + x] = 255;
    const blurred = blurMask({ width: size, height: size, data: raw }, 4);
    const box = onlyMaskedRegion(blurred, 8, 64, 64)!;
    expect(box).toEqual({ x1: 22, y1: 26, x2: 74, y2: 78 }); // 30..66 × 34..70 + 8, then already square
    let unchangedOutside = true;
    let changedInside = 0;
    for (let i = 0; i < size * size; i++) {
      const same = out[i * 3] === source[i * 3] && out[i * 3 + 1] === source[i * 3 + 1] && out[i * 3 + 2] === source[i * 3 + 2];
      if (blurred.data[i] === 0 && !same) unchangedOutside = false;
      if (blurred.data[i] > 128 && !same) changedInside++;
    }
    expect(unchangedOutside).toBe(true);
    expect(changedInside).toBeGreaterThan(100); // the core of the 16×16 hole was repainted
    expect(result.images[0].infotext).toMatch(/Denoising strength: 0.9, Mask blur: 4, Inpaint area: Only masked, Masked area padding: 8, Masked content: fill, Version/);
  });

  it("whole picture with latent nothing and inverted mask: mode and content keys; untouched area kept", async () => {
    const maskPng = await rectMaskPng(W, H, 0, 0, 32, 64); // inverted → repaint the right half
    const result = await runImg2img(await params({ mask: maskPng, inpaintingMaskInvert: true, maskBlur: 0, inpaintingFill: 3 }), new JobProgress("whole"));
    expect(result.images[0].infotext).toMatch(/Denoising strength: 0.75, Mask mode: Inpaint not masked, Masked content: latent nothing, Version/);
    const out = await rgbOf(result.images[0].png);
    const source = pattern(W, H);
    // Left half: overlay mask 0 → the original bytes exactly.
    for (let y = 0; y < H; y++) for (let x = 0; x < 32; x++) for (let c = 0; c < 3; c++) expect(out[(y * W + x) * 3 + c]).toBe(source[(y * W + x) * 3 + c]);
  });

  it("feeds the 9-channel inpainting UNet mask + masked-image conditioning", async () => {
    const seen: number[][] = [];
    const result = await runImg2img(
      await params({ mask: await rectMaskPng(W, H, 16, 16, 48, 48), overrideSettings: { sd_model_checkpoint: "onyx-tiny-inpainting" }, steps: 3 }),
      new JobProgress("inpaint-model"),
      { unetProbe: (inner) => (batch) => (seen.push(batch.imageCond!.shape), inner(batch)) },
    );
    expect(seen[0]).toEqual([2, 5, 8, 8]); // cond + uncond entries, mask + 4 latent channels
    expect(result.images[0].infotext).toMatch(/Denoising strength: 0.75, Conditional mask weight: 1, /);
    expect(result.info.is_using_inpainting_conditioning).toBe(true);
  });

  it("latent noise fill and a blank only-masked mask (falls back to img2img) both run", async () => {
    const noise = await runImg2img(await params({ mask: await rectMaskPng(W, H, 8, 8, 24, 24), inpaintingFill: 2, steps: 3 }), new JobProgress("ln"));
    expect(noise.images[0].infotext).toMatch(/Masked content: latent noise/);
    const blank = await runImg2img(await params({ mask: await rectMaskPng(W, H, 0, 0, 0, 0), inpaintFullRes: true, steps: 3 }), new JobProgress("blank"));
    expect(blank.images[0].infotext).not.toMatch(/Inpaint area/);
  });
});

describe("bad inputs", () => {
  const cases: Array<[string, () => Promise<Partial<Img2imgInput>>, RegExp]> = [
    ["not an image", async () => ({ initImages: [Buffer.from("GIF89a but not really")] }), /init image is not a PNG, JPEG or WebP image/],
    ["a decompression bomb", async () => ({ initImages: [pngClaimingSize(10000, 9000)] }), /init image is 10000x9000 = 90\.0 megapixels/],
    ["a huge side", async () => ({ initImages: [pngClaimingSize(30000, 8)] }), /largest side allowed is 16384/],
    ["a zero size", async () => ({ initImages: [pngClaimingSize(8, 0)] }), /init image/],
    ["a mask of another size", async () => ({ mask: await rectMaskPng(32, 64, 0, 0, 8, 8) }), /mask is 32x64 but the init image is 64x64/],
    ["a mask that is not an image", async () => ({ mask: Buffer.from("nope") }), /mask is not a PNG, JPEG or WebP image/],
  ];
  for (const [label, input, message] of cases) {
    it(`${label} → clear error, no files`, async () => {
      const before = imgFiles().length;
      const attempt = runImg2img(await params({ saveImages: true, ...(await input()) }), new JobProgress("bad"));
      await expect(attempt).rejects.toBeInstanceOf(ImageInputError);
      await expect(runImg2img(await params({ saveImages: true, ...(await input()) }), new JobProgress("bad"))).rejects.toThrow(message);
      expect(imgFiles()).toHaveLength(before);
    });
  }
});

// Soft Inpainting (A1111's built-in extension): its blend formulas on analytic latents, its filters and
// composite masks against A1111's functions run under numpy 1.24 (float32 as its tensors), PIL's Gaussian
// blur against Pillow 9.4's bytes, and real inpainting jobs through `alwayson_scripts`.
import { createHash } from "node:crypto";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { useTempJobFolders } from "../temp-job-folders";
import { decodeImage } from "@/lib/images/decode-image";
import { boxRadiusForGaussian, pilGaussianBlur } from "@/lib/images/pil-gaussian-blur";
import { parseGenerationParameters } from "@/lib/infotext/parser";
import { img2imgParamsSchema, type Img2imgInput } from "@/lib/pipeline/img2img-params";
import { runImg2img } from "@/lib/pipeline/run-job";
import { JobProgress } from "@/lib/queue/job-progress";
import { latentCompositeMasks, maskScalar, smootherstep, taperedGaussianKernel, weightedHistogramFilter } from "@/lib/scripts/soft-inpainting/composite-mask";
import { latentBlend, modifiedNmask } from "@/lib/scripts/soft-inpainting/latent-blend";
import type { SoftInpaintingSettings } from "@/lib/scripts/soft-inpainting/settings";

useTempJobFolders("soft-inpainting");

const DEFAULTS: SoftInpaintingSettings = {
  mask_blend_power: 1, mask_blend_scale: 0.5, inpaint_detail_preservation: 4,
  composite_mask_influence: 0, composite_difference_threshold: 0.5, composite_difference_contrast: 2,
};
const closeTo = (values: ArrayLike<number>, expected: number[], digits = 6) => expected.forEach((v, i) => expect(values[i]).toBeCloseTo(v, digits));

describe("the per-step blend", () => {
  it("raises the mask to σ^power · scale", () => {
    const nmask = Float32Array.of(0, 0.5, 1);
    // σ = 2, power 1, scale ½: exponent 1; σ = 4: exponent 2; power 0: exponent ½ whatever σ.
    closeTo(modifiedNmask(DEFAULTS, nmask, 2), [0, 0.5, 1]);
    closeTo(modifiedNmask(DEFAULTS, nmask, 4), [0, 0.25, 1]);
    closeTo(modifiedNmask({ ...DEFAULTS, mask_blend_power: 0 }, nmask, 14.6), [0, Math.SQRT1_2, 1]);
    // A timestep (DDIM hands t ≈ 900 over as σ) makes a partial mask keep the original: 0.9^450.
    expect(modifiedNmask(DEFAULTS, Float32Array.of(0.9), 900)[0]).toBeLessThan(1e-20);
  });

  it("interpolates linearly, then rescales each pixel's vector to ((1−t)|a|^p + t|b|^p)^(1/p)", () => {
    // One pixel, a = (3, 4, 0, 0) with |a| = 5 and b = (0, 0, 6, 8) with |b| = 10.
    const a = Float32Array.of(3, 4, 0, 0);
    const b = Float32Array.of(0, 0, 6, 8);
    const blend = (t: number, p: number) => latentBlend({ ...DEFAULTS, inpaint_detail_preservation: p }, a, b, Float32Array.of(t), [1, 4, 1, 1]);
    const half = [1.5, 2, 3, 4]; // |·| = √31.25
    const desired = Math.pow(0.5 * 5 ** 4 + 0.5 * 10 ** 4, 1 / 4);
    closeTo(blend(0.5, 4), half.map((v) => (v * desired) / (Math.sqrt(31.25) + 1e-5)));
    closeTo(blend(0.5, 1), half.map((v) => (v * 7.5) / (Math.sqrt(31.25) + 1e-5)));
    // t = 0 and 1 give the ends, shrunk by the 1e-5 A1111 adds to the magnitude.
    closeTo(blend(0, 4), [3, 4, 0, 0].map((v) => (v * 5) / 5.00001));
    closeTo(blend(1, 4), [0, 0, 6, 8].map((v) => (v * 10) / 10.00001));
  });

  it("gives A1111's latent_blend values on a 2×4×3×5 batch (numpy float32)", () => {
    const [B, C, h, w] = [2, 4, 3, 5];
    const gen = (fn: (b: number, c: number, y: number, x: number) => number) => {
      const out = new Float32Array(B * C * h * w);
      let k = 0;
      for (let b = 0; b < B; b++) for (let c = 0; c < C; c++) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[k++] = fn(b, c, y, x);
      return out;
    };
    const init = gen((b, c, y, x) => Math.sin(1 + b * 7 + c * 3 + y * 5 + x) * 2);
    const current = gen((b, c, y, x) => Math.cos(2 + b * 5 + c * 2 + y * 3 + x * 1.5) * 3);
    const nmask = Float32Array.from({ length: h * w }, (_, i) => i / (h * w - 1));
    const t = modifiedNmask(DEFAULTS, nmask, 2.5);
    closeTo(t.subarray(5, 8), [0.27609115839004517, 0.3467600345611572, 0.4204482138156891], 6);
    const out = latentBlend(DEFAULTS, init, current, t, [B, C, h, w]);
    closeTo(out.subarray(0, 6), [1.6829359531402588, 1.7337604761123657, 0.5889889597892761, -1.3692872524261475, -2.276632308959961, -0.21597601473331451], 5);
    closeTo(out.subarray(60, 63), [1.9787113666534424, 0.7652360796928406, -1.9079681634902954], 5);
  });
});

describe("the pixel composite", () => {
  it("uses a 5×5 Gaussian (σ 1.5) tapered to 0 at distance 3", () => {
    const { weights, size } = taperedGaussianKernel();
    expect(size).toBe(5);
    expect(weights[12]).toBe(1);
    expect(weights[0]).toBeCloseTo((Math.exp(-8 / 2.25) - Math.exp(-4)) / (1 - Math.exp(-4)), 15);
    expect(weights[2]).toBeCloseTo(0.1535092973740992, 15);
  });

  it("filters like A1111's weighted_histogram_filter (its Python run on the same 7×6 picture)", () => {
    const img = Float32Array.from({ length: 42 }, (_, i) => (((i % 7) * 5 + Math.floor(i / 7) * 3) % 7) / 3);
    img[2 * 7 + 3] = 9;
    const kernel = taperedGaussianKernel();
    const peaks = weightedHistogramFilter(img, 7, 6, kernel, 0.9, 1, 1);
    const trimmed = weightedHistogramFilter(peaks, 7, 6, kernel, 0.25, 0.75, 1);
    expect(Array.from(peaks.subarray(14, 21))).toEqual([2.0, 3.0745651721954346, 6.441400527954102, 9.0, 6.441400527954102, 3.037954568862915, 1.8035221099853516]);
    expect(Array.from(trimmed.subarray(14, 21))).toEqual([2.1594996452331543, 2.854912042617798, 4.8241071701049805, 5.758796691894531, 4.816990375518799, 2.8245623111724854, 2.056328296661377]);
    expect(peaks.reduce((s, v) => s + v, 0)).toBeCloseTo(126.22582709789276, 9);
    expect(trimmed.reduce((s, v) => s + v, 0)).toBeCloseTo(116.5552430152893, 9);
  });

  it("maps the latent difference to the generated share: 0 where nothing changed, near 255 where much did", () => {
    expect(smootherstep(0)).toBe(0);
    expect(smootherstep(1)).toBe(1);
    expect(smootherstep(0.2)).toBeCloseTo(0.05792, 6);
    // Full repaint, no mask influence: s = ½ / (1.00001 − ½).
    closeTo(maskScalar(DEFAULTS, Float32Array.of(1)), [0.5 / 0.50001]);
    const flat = (d: number) => latentCompositeMasks(DEFAULTS, new Float32Array(4).fill(1), new Float32Array(16), new Float32Array(16).fill(d / 2), [1, 4, 2, 2])[0];
    expect(Array.from(flat(0))).toEqual([0, 0, 0, 0]);
    // |Δ| = 1: 1/(1 + (1/(½·s))²) ≈ 0.2 → smootherstep ≈ 0.0579 → 255·0.942 → 240.
    expect(Array.from(flat(1))).toEqual([240, 240, 240, 240]);
  });

  it("gives A1111's apply_adaptive_masks bytes at latent size (numpy float32 run on the same latents)", () => {
    const [B, C, h, w] = [2, 4, 3, 5];
    const init = new Float32Array(B * C * h * w);
    const sampled = new Float32Array(init.length);
    let k = 0;
    for (let b = 0; b < B; b++) {
      for (let c = 0; c < C; c++) {
        for (let y = 0; y < h; y++) {
          for (let x = 0; x < w; x++, k++) {
            init[k] = Math.sin(1 + b * 7 + c * 3 + y * 5 + x) * 2;
            sampled[k] = init[k] + Math.fround((((x * 3 + y * 7 + b * 5) % 11) / 10) * 0.5);
          }
        }
      }
    }
    const nmask = Float32Array.from({ length: h * w }, (_, i) => i / (h * w - 1));
    const masks = latentCompositeMasks({ ...DEFAULTS, composite_mask_influence: 0.25 }, nmask, init, sampled, [B, C, h, w]);
    expect(masks.map((m) => Array.from(m))).toEqual([
      [146, 236, 242, 245, 245, 248, 250, 250, 250, 250, 251, 252, 252, 252, 252],
      [117, 225, 239, 245, 247, 243, 246, 249, 251, 252, 249, 250, 252, 253, 253],
    ]);
  });
});

describe("PIL's GaussianBlur", () => {
  it("uses three box blurs of the radius matching the variance, with PIL's bytes", () => {
    expect(boxRadiusForGaussian(4)).toBe(3.4375);
    expect(boxRadiusForGaussian(2)).toBe(1.375);
    const [width, height] = [41, 30];
    const data = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = x > 10 && x < 30 && y > 5 && y < 22 ? 255 : ((x * 37 + y * 11) % 7) * 9;
    const blurred = pilGaussianBlur({ width, height, data }, 4);
    // Pillow 9.4: Image.fromarray(a).filter(ImageFilter.GaussianBlur(radius=4)), row 12 and the whole picture's digest.
    expect(Array.from(blurred.data.subarray(12 * width, 12 * width + 12))).toEqual([27, 28, 30, 34, 38, 46, 56, 69, 86, 104, 124, 145]);
    expect(createHash("sha256").update(blurred.data).digest("hex")).toBe("e20654a38a7d108ac3dba2de01bd1de704210f1c9eae71687d70b665bc6017c3");
    expect(createHash("sha256").update(pilGaussianBlur({ width, height, data }, 1.5).data).digest("hex")).toBe("9aab7ea605db7b6f52945efd3db596098d379822eafb5fddc9a1a3d88a6aa026");
    // A picture narrower than the box.
    expect(Array.from(pilGaussianBlur({ width: 3, height: 2, data: Uint8Array.of(0, 255, 0, 255, 255, 0) }, 4).data)).toEqual([89, 88, 86, 89, 88, 87]);
  });
});

describe("Soft Inpainting in real jobs", () => {
  const W = 128;
  async function picture(): Promise<Buffer> {
    const raw = Buffer.alloc(W * W * 3);
    for (let y = 0; y < W; y++) for (let x = 0; x < W; x++) raw.set([(x * 4 + y) % 256, (y * 4 + ((x * x) % 13)) % 256, 100 + ((x * y) % 97)], (y * W + x) * 3);
    return sharp(raw, { raw: { width: W, height: W, channels: 3 } }).png().toBuffer();
  }
  /** A centred 16×16 repaint square, blurred by the job. */
  async function squareMask(): Promise<Buffer> {
    const raw = Buffer.alloc(W * W);
    for (let y = 56; y < 72; y++) raw.fill(255, y * W + 56, y * W + 72);
    return sharp(raw, { raw: { width: W, height: W, channels: 1 } }).png().toBuffer();
  }
  const job = async (input: Partial<Img2imgInput>) =>
    img2imgParamsSchema.parse({ initImages: [await picture()], mask: await squareMask(), maskBlur: 8, prompt: "a vase", width: W, height: W, seed: 5, steps: 4, samplerName: "Euler", denoisingStrength: 0.75, saveImages: false, ...input });
  const soft = (args: unknown[]) => ({ alwaysonScripts: { "soft inpainting": { args } } });

  it("writes A1111's infotext fields and changes the result; disabled or without a mask it does nothing", async () => {
    const on = await runImg2img(await job(soft([true, 1, 0.5, 4, 0, 0.5, 2])), new JobProgress("soft"));
    const text = on.images[0].infotext;
    expect(text).toContain(
      "Soft inpainting enabled: True, Soft inpainting schedule bias: 1, Soft inpainting preservation strength: 0.5, Soft inpainting transition contrast boost: 4, " +
        "Soft inpainting mask influence: 0, Soft inpainting difference threshold: 0.5, Soft inpainting difference contrast: 2",
    );
    expect(parseGenerationParameters(text)).toMatchObject({ "Mask blur": "8", "Soft inpainting enabled": "True" });
    const off = await runImg2img(await job(soft([false])), new JobProgress("off"));
    const plain = await runImg2img(await job({}), new JobProgress("plain"));
    expect(off.images[0].infotext).not.toContain("Soft inpainting");
    expect((await decodeImage(off.images[0].png)).data).toEqual((await decodeImage(plain.images[0].png)).data);
    expect((await decodeImage(on.images[0].png)).data).not.toEqual((await decodeImage(plain.images[0].png)).data);
    const noMask = await runImg2img(await job({ mask: null, ...soft([true]) }), new JobProgress("nomask"));
    expect(noMask.images[0].infotext).not.toContain("Soft inpainting");
  });

  it("keeps the picture's bytes where the latent did not change (far from the mask)", async () => {
    const on = await runImg2img(await job({ ...soft([true, 1, 0.5, 4, 0, 0.5, 2]), overrideSettings: { overlay_inpaint: false } }), new JobProgress("keep"));
    const original = await decodeImage(await picture());
    const out = await decodeImage(on.images[0].png);
    // Far from the square the blurred mask is 0, the blend kept the init latent (up to A1111's 1e-5) and the
    // composite mask is 0 — after its latent filters (±2 latent px), the resize and the blur (~10 px) — so the
    // original comes back, even with "Overlay original for inpaint" off.
    for (const [x, y] of [[0, 0], [127, 0], [0, 127], [127, 127], [10, 64], [64, 118]]) {
      expect(Array.from(out.data.subarray((y * W + x) * 3, (y * W + x) * 3 + 3))).toEqual(Array.from(original.data.subarray((y * W + x) * 3, (y * W + x) * 3 + 3)));
    }
  });
});

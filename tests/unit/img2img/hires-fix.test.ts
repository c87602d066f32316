// Hires fix: A1111's target-size arithmetic (hand-derived), its infotext keys, and the second pass end to
// end on onyx-tiny (size, seeds, exact hires step count).
import { describe, expect, it } from "vitest";
import { useTempJobFolders } from "../temp-job-folders";
import { hiresInfotext } from "@/lib/pipeline/hires-fix";
import { hiresTarget } from "@/lib/pipeline/hires-target";
import { generationParamsSchema, type GenerationInput } from "@/lib/pipeline/params";
import { runTxt2img } from "@/lib/pipeline/run-job";
import { JobProgress } from "@/lib/queue/job-progress";

useTempJobFolders("hires");

const size = (width: number, height: number, hrScale = 2, hrResizeX = 0, hrResizeY = 0) => ({ width, height, hrScale, hrResizeX, hrResizeY });

describe("hiresTarget", () => {
  it("scale 2: int(w·2) × int(h·2)", () => {
    expect(hiresTarget(size(512, 512))).toEqual({ upscaleWidth: 1024, upscaleHeight: 1024, truncateX: 0, truncateY: 0, width: 1024, height: 1024 });
    expect(hiresTarget(size(512, 768, 1.5))).toMatchObject({ width: 768, height: 1152 });
  });

  it("520×512 × 1.33 → 691×680, the latent floors the image to 688×680", () => {
    // int(691.6) = 691, int(680.96) = 680; latent 86×85 → 688×680.
    expect(hiresTarget(size(520, 512, 1.33))).toEqual({ upscaleWidth: 691, upscaleHeight: 680, truncateX: 0, truncateY: 0, width: 688, height: 680 });
  });

  it("resize to one side: the other follows the aspect by floor division", () => {
    expect(hiresTarget(size(512, 384, 2, 1000, 0))).toMatchObject({ upscaleWidth: 1000, upscaleHeight: 750, width: 1000, height: 744 });
    expect(hiresTarget(size(512, 384, 2, 0, 700))).toMatchObject({ upscaleWidth: 933, upscaleHeight: 700, width: 928, height: 696 });
  });

  it("resize to both: cover the box, then crop the overflow in latent pixels", () => {
    // 512×512 into 1024×768: ratio 1 < 4/3 → 1024×1024; truncate_y = 256 // 8 = 32 → 128 − 32 = 96 latent rows.
    expect(hiresTarget(size(512, 512, 2, 1024, 768))).toEqual({ upscaleWidth: 1024, upscaleHeight: 1024, truncateX: 0, truncateY: 32, width: 1024, height: 768 });
    // 768×512 into 600×600: 1.5 ≥ 1 → 900×600; truncate_x = 300 // 8 = 37 → 112 − 37 = 75 → 600.
    expect(hiresTarget(size(768, 512, 2, 600, 600))).toEqual({ upscaleWidth: 900, upscaleHeight: 600, truncateX: 37, truncateY: 0, width: 600, height: 600 });
  });
});

describe("hires infotext", () => {
  it("lists the keys in A1111's order and only when they differ", () => {
    const p = generationParamsSchema.parse({ enableHr: true, prompt: "a", hrPrompt: "b, sharp", hrSamplerName: "Euler", hrSecondPassSteps: 10, hrUpscaler: "Lanczos" });
    expect(hiresInfotext(p)).toEqual([
      ["Denoising strength", 0.7],
      ["Hires sampler", "Euler"],
      ["Hires prompt", "b, sharp"],
      ["Hires upscale", 2],
      ["Hires steps", 10],
      ["Hires upscaler", "Lanczos"],
    ]);
    const api = generationParamsSchema.parse({ enableHr: true, hrResizeX: 1024, hrResizeY: 768, hrUpscaler: null, floatNumbers: true });
    expect(hiresInfotext(api).map(([k]) => k)).toEqual(["Denoising strength", "Hires resize"]);
  });
});

describe("txt2img with hires fix on onyx-tiny", () => {
  const run = (input: GenerationInput, count?: { calls: number[][] }) =>
    runTxt2img(
      generationParamsSchema.parse({ prompt: "a castle", steps: 4, width: 64, height: 64, seed: 3, samplerName: "Euler", saveImages: false, enableHr: true, ...input }),
      new JobProgress("hr"),
      { unetProbe: (inner) => (b) => (count?.calls.push(b.x.shape.slice(2)), inner(b)) },
    );

  it("upscale by 2 with a latent mode: 64 → 128, Size stays the first pass's, exactly the hires steps run", async () => {
    const count = { calls: [] as number[][] };
    const result = await run({ hrSecondPassSteps: 3, denoisingStrength: 0.5 }, count);
    expect([result.images[0].width, result.images[0].height]).toEqual([128, 128]);
    expect(count.calls).toEqual([[8, 8], [8, 8], [8, 8], [8, 8], [16, 16], [16, 16], [16, 16]]);
    expect(result.images[0].infotext).toMatch(/Size: 64x64, .*Denoising strength: 0.5, .*Hires upscale: 2, Hires steps: 3, Hires upscaler: Latent/);
  });

  it("resize to 96×80 with an image upscaler (decode → Lanczos → encode → crop)", async () => {
    const count = { calls: [] as number[][] };
    const result = await run({ hrResizeX: 96, hrResizeY: 80, hrUpscaler: "Lanczos" }, count);
    // 64×64 covers 96×80 as 96×96; truncate_y = 16 // 8 = 2 latent rows → 12×10 latent.
    expect([result.images[0].width, result.images[0].height]).toEqual([96, 80]);
    expect(count.calls.at(-1)).toEqual([10, 12]);
    expect(result.images[0].infotext).toMatch(/Hires resize: 96x80, Hires upscaler: Lanczos/);
  });

  it("denoising 0: no hires steps run and the upscaled latent is the result (A1111's own API test posts this)", async () => {
    const count = { calls: [] as number[][] };
    const result = await run({ denoisingStrength: 0 }, count);
    expect([result.images[0].width, result.images[0].height]).toEqual([128, 128]);
    expect(count.calls).toEqual([[8, 8], [8, 8], [8, 8], [8, 8]]); // the first pass only
  });

  it("uses the fixture ESRGAN as a hires upscaler", async () => {
    const result = await run({ hrScale: 1.5, hrUpscaler: "onyx-esrgan-4x", steps: 2 });
    expect([result.images[0].width, result.images[0].height]).toEqual([96, 96]);
  });

  it("rejects an unknown hires upscaler before sampling", async () => {
    await expect(run({ hrUpscaler: "No Such Upscaler" })).rejects.toThrow(/could not find upscaler named No Such Upscaler/);
  });
});

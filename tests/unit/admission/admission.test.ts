// Admission by estimated memory in real jobs on the fixture model, with ONYX_MAX_JOB_MEMORY standing
// in for a smaller machine: a job that cannot fit is refused before its first model call with a
// message naming the size, the estimate, the memory available and a size that fits (which is then
// admitted); when only the VAE decode would not fit, an installed tiled-decode script (a stand-in
// for Tiled VAE, loaded as an extension) takes over and the infotext says so; after a big job the
// inference process hands its memory back.
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { estimateJob, jobMemoryPlan } from "@/lib/admission/job-memory";
import { parseGenerationParameters } from "@/lib/infotext/parser";
import { inferenceProcess } from "@/lib/models/inference-process";
import { generationParamsSchema, type GenerationInput } from "@/lib/pipeline/params";
import { createProcessing } from "@/lib/pipeline/processing";
import { runTxt2img } from "@/lib/pipeline/run-job";
import type { UnetFn } from "@/lib/pipeline/unet-call";
import { JobProgress } from "@/lib/queue/job-progress";
import { reloadExtensions } from "@/lib/scripts/extension-registry";
import { useTempJobFolders } from "../temp-job-folders";

/** Decodes in square latent tiles without overlap: enough to stand in for Tiled VAE's contract. */
const TILED_DECODE = `
const tiled = (plan, tile) => ({ ...plan, vaeDecode: plan.vaeDecode.map((c) => ({ ...c, batch: 1, pixels: Math.min(c.pixels, tile * tile) })) });
export const scripts = [{
  title: "Tiny tiled VAE",
  tabs: ["txt2img", "img2img"],
  kind: "alwaysOn",
  params: [{ name: "enabled", type: "bool", default: false }, { name: "tile", type: "int", default: 16 }],
  hooks: {
    memoryPlan(ctx, plan) { return ctx.args.enabled || ctx.state.get("auto") ? tiled(plan, ctx.args.tile) : undefined; },
    fitVaeDecode(ctx, plan) { ctx.state.set("auto", true); return tiled(plan, ctx.args.tile); },
    wrapVaeDecode(inner, ctx) {
      return async (latent) => {
        if (!(ctx.args.enabled || ctx.state.get("auto"))) return inner(latent);
        const [b, c, h, w] = latent.shape;
        const t = ctx.args.tile;
        const out = new Float32Array(b * 3 * 64 * h * w);
        let tiles = 0;
        for (let y0 = 0; y0 < h; y0 += t) for (let x0 = 0; x0 < w; x0 += t) {
          const [th, tw] = [Math.min(t, h - y0), Math.min(t, w - x0)];
          const part = new Float32Array(b * c * th * tw);
          for (let n = 0; n < b * c; n++) for (let y = 0; y < th; y++) for (let x = 0; x < tw; x++) part[(n * th + y) * tw + x] = latent.data[(n * h + y0 + y) * w + x0 + x];
          const img = await inner({ data: part, shape: [b, c, th, tw] });
          for (let n = 0; n < b * 3; n++) for (let y = 0; y < 8 * th; y++) out.set(img.data.subarray((n * 8 * th + y) * 8 * tw, (n * 8 * th + y + 1) * 8 * tw), (n * 8 * h + 8 * y0 + y) * 8 * w + 8 * x0);
          tiles++;
        }
        ctx.setInfotext("Tiny tiled VAE", tiles + " tiles");
        return { data: out, shape: [b, 3, 8 * h, 8 * w] };
      };
    },
  },
}];
`;

const root = useTempJobFolders("admission", { EXTENSIONS_DIR: "extensions" });

beforeAll(async () => {
  const ext = path.join(root(), "extensions", "tiny-tiled-vae");
  fs.mkdirSync(ext, { recursive: true });
  fs.writeFileSync(path.join(ext, "extension.json"), JSON.stringify({ name: "tiny-tiled-vae", version: "1.0.0", entry: "index.mjs" }));
  fs.writeFileSync(path.join(ext, "index.mjs"), TILED_DECODE);
  expect((await reloadExtensions()).map((e) => e.status)).toEqual(["loaded"]);
});
afterEach(() => {
  delete process.env.ONYX_MAX_JOB_MEMORY;
});

// Chunking every attention at its whole query count keeps the estimate independent of the cap.
const params = (input: GenerationInput) =>
  generationParamsSchema.parse({ prompt: "a harbour", steps: 1, seed: 3, saveImages: false, overrideSettings: { sub_quad_chunk_threshold: 0 }, ...input });

async function estimate(input: GenerationInput) {
  const p = await createProcessing("txt2img", params(input), new JobProgress("estimate"));
  return estimateJob(p.model, jobMemoryPlan(p), p.graph.attention);
}

/** A cap under which `usable` bytes may be planned (admission plans with 90 % of what is available). */
const capFor = (usable: number) => String(Math.ceil(usable / 0.9));

describe("admission by estimated memory", () => {
  it("refuses a job that cannot fit before any model call, and the size it suggests is admitted", async () => {
    const [fits, big] = [await estimate({ width: 128, height: 128 }), await estimate({ width: 256, height: 256 })];
    // Even without its VAE decode 256² does not fit (so tiling the decode cannot help); 128² does.
    const withoutDecode = big.total - big.vaeDecode;
    expect(fits.total).toBeLessThan(withoutDecode);
    process.env.ONYX_MAX_JOB_MEMORY = capFor((fits.total + withoutDecode) / 2);
    let unetCalls = 0;
    const unetProbe = (inner: UnetFn): UnetFn => (batch) => (unetCalls++, inner(batch));
    const refusal = await runTxt2img(params({ width: 256, height: 256 }), new JobProgress("big"), { unetProbe }).then(() => null, (e: Error) => e);
    expect(refusal?.name).toBe("MemoryAdmissionError");
    expect(refusal?.message).toMatch(/^256×256 needs an estimated \d+ MB of memory \(UNet \d+ MB, VAE decode \d+ MB\), but \d+ MB is available\. It would fit with a smaller size \(about (\d+)×(\d+) fits\), or (Tiled VAE for the decode|Tiled Diffusion for the UNet), or hires fix from a smaller first pass\.$/);
    expect(unetCalls).toBe(0);
    const [, w, h] = /about (\d+)×(\d+) fits/.exec(refusal!.message)!.map(Number);
    expect(w).toBeGreaterThanOrEqual(128);
    const result = await runTxt2img(params({ width: w, height: h }), new JobProgress("suggested"));
    expect(result.images[0].width).toBe(w);
  });

  it("tiles the VAE decode with an installed tiling script when only the decode would not fit, and says so", async () => {
    const whole = await estimate({ width: 256, height: 256 });
    process.env.ONYX_MAX_JOB_MEMORY = capFor(whole.total - whole.vaeDecode / 4);
    const result = await runTxt2img(params({ width: 256, height: 256 }), new JobProgress("auto-tiled"));
    const fields = parseGenerationParameters(result.images[0].infotext);
    expect(fields["Tiled VAE"]).toBe("auto");
    expect(fields["Tiny tiled VAE"]).toBe("4 tiles");
    expect([result.images[0].width, result.images[0].height]).toEqual([256, 256]);

    delete process.env.ONYX_MAX_JOB_MEMORY;
    const plain = parseGenerationParameters((await runTxt2img(params({ width: 256, height: 256 }), new JobProgress("untiled"))).images[0].infotext);
    expect(plain["Tiled VAE"]).toBeUndefined();
    expect(plain["Tiny tiled VAE"]).toBeUndefined();
  });

  it("hands the memory of a 1536×1536 job back: the inference process ends within 1.2× its idle figure", async () => {
    const host = inferenceProcess();
    await runTxt2img(params({ width: 64, height: 64, overrideSettings: {} }), new JobProgress("idle"));
    const idle = host.rss;
    host.highWater = 0;
    await runTxt2img(params({ width: 1536, height: 1536, overrideSettings: {} }), new JobProgress("big"));
    // Far above the steady state (the chunk size follows the memory available, so the peak varies).
    expect(host.highWater).toBeGreaterThan(3 * idle);
    expect(host.rss).toBeLessThanOrEqual(1.2 * idle);
  }, 600_000);
});

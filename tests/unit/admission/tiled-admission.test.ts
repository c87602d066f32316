// Admission counts what Tiled VAE and Tiled Diffusion really run (docs/memory.md#refusal-freeing-and-tiling):
// their memoryPlan hooks replace the whole-picture calls by tile calls, so the estimate stays that of a tile
// whatever the size; with ONYX_MAX_JOB_MEMORY standing in for a smaller machine an img2img job that fits only
// with its VAE in tiles answers 200 through the API's handler with Tiled VAE on and 413 with it off, and a
// txt2img whose decode alone does not fit is decoded in tiles by Tiled VAE on its own (`Tiled VAE: auto`).
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as img2imgRoute } from "@/app/sdapi/v1/img2img/route";
import { tiledDiffusion } from "@/extensions/tiled-diffusion/index";
import { cutInfo } from "@/extensions/tiled-vae/cut-vae";
import { tiledVaeScript } from "@/extensions/tiled-vae/index";
import { latentPartRunsWhole, wholeLatentBytes } from "@/extensions/tiled-vae/memory-plan";
import { estimateJob, jobMemoryPlan } from "@/lib/admission/job-memory";
import { scoreBytes } from "@/lib/models/memory-profile";
import { parseGenerationParameters } from "@/lib/infotext/parser";
import { generationParamsSchema, type GenerationInput } from "@/lib/pipeline/params";
import { createProcessing, type Processing } from "@/lib/pipeline/processing";
import { runTxt2img } from "@/lib/pipeline/run-job";
import { JobProgress } from "@/lib/queue/job-progress";
import { bindScriptArgs } from "@/lib/scripts/bind-args";
import { reloadExtensions } from "@/lib/scripts/extension-registry";
import type { JobContext, MemoryPlan } from "@/lib/scripts/script";
import { useTempJobFolders } from "../temp-job-folders";

const root = useTempJobFolders("tiled-admission", { EXTENSIONS_DIR: "extensions" });

beforeAll(async () => {
  for (const name of ["tiled-diffusion", "tiled-vae"]) fs.cpSync(path.resolve("extensions", name), path.join(root(), "extensions", name), { recursive: true });
  expect((await reloadExtensions()).map((e) => e.status)).toEqual(["loaded", "loaded"]);
});
afterEach(() => {
  delete process.env.ONYX_MAX_JOB_MEMORY;
});

// Chunking every attention at its whole query count keeps the estimate independent of the cap (admission.test.ts).
const OVERRIDES = { sub_quad_chunk_threshold: 0 };
const params = (input: GenerationInput) => generationParamsSchema.parse({ prompt: "a harbour", steps: 1, seed: 3, saveImages: false, overrideSettings: OVERRIDES, ...input });
const processing = (input: GenerationInput) => createProcessing("txt2img", params(input), new JobProgress("estimate"));
/** A cap under which `usable` bytes may be planned (admission plans with 90 % of what is available). */
const capFor = (usable: number) => String(Math.ceil(usable / 0.9));

/** A hook context of `script` for the job `p` with arguments given by name. */
function contextOf(script: typeof tiledVaeScript | typeof tiledDiffusion, p: Processing, args: Record<string, unknown>): JobContext {
  return {
    kind: "txt2img",
    job: p as unknown as JobContext["job"],
    args: bindScriptArgs(script, args),
    services: { model: { files: { ...p.model.folder }, attentionScoreBytes: (l: number, n: number, m: number) => scoreBytes(l, n, m, p.graph.attention) } } as unknown as JobContext["services"],
    setInfotext() {},
    warn() {},
    state: new Map(),
  };
}

/** The job's plan, with the VAE encode of an img2img job of the same size (`encode`). */
function planOf(p: Processing, encode = false): MemoryPlan {
  const plan = jobMemoryPlan(p);
  const [, h, w] = p.latentShape();
  return encode ? { ...plan, vaeEncode: [{ batch: 1, pixels: h * w, context: 0 }] } : plan;
}

const estimate = (p: Processing, plan: MemoryPlan) => estimateJob(p.model, plan, p.graph.attention);

describe("the memory estimate with tiles", () => {
  it("Tiled VAE: the decode is estimated as one padded tile at any size, plus the whole latent's chunked mid-block attention and activations while that part runs whole", async () => {
    const memory = cutInfo({ files: { ...(await processing({ width: 64, height: 64 })).model.folder } }, "decoder")!;
    // The fixture decoder's deepest level (block_out_channels [8, 16, 32, 32]) runs at latent resolution; its
    // full-resolution level starts from the 16-channel upsampled tensor.
    expect(memory).toEqual({ latentAttention: true, latentChannels: 32, outputChannels: 16 });
    const decodes: number[] = [];
    const runsWhole: boolean[] = [];
    for (const side of [1024, 2048, 4096]) {
      const p = await processing({ width: side, height: side });
      const plain = planOf(p);
      const tiled = tiledVaeScript.hooks.memoryPlan!(contextOf(tiledVaeScript, p, { enabled: true }) as never, plain)!;
      expect(tiled.vaeDecode).toEqual([{ batch: 1, pixels: (64 + 2 * 11) ** 2, context: 0 }]);
      // The mid block runs over the whole latent, its attention chunked under the job's chunking, while that costs
      // no more than a tile (docs/tiled-vae.md#memory); above it each tile runs the whole graph.
      const tokens = (side / 8) ** 2;
      const score = (l: number, n: number, m: number) => scoreBytes(l, n, m, p.graph.attention);
      const whole = latentPartRunsWhole("decoder", memory, 1, tokens, 64, score);
      runsWhole.push(whole);
      expect(tiled.extraBytes - plain.extraBytes).toBe(whole ? wholeLatentBytes(memory, 1, tokens, score) : 0);
      expect(score(1, tokens, tokens)).toBeLessThan(8 * tokens ** 2); // bounded by the chunk, not tokens²
      const [all, cut] = [estimate(p, plain), estimate(p, tiled)];
      expect(cut.vaeDecode + cut.extra - all.extra).toBeLessThan(all.vaeDecode);
      decodes.push(cut.vaeDecode);
    }
    // Whole at 1024², tiles at 4096² (the activations alone outgrow a tile's); the tile's call the same at every size.
    expect(runsWhole[0]).toBe(true);
    expect(runsWhole[2]).toBe(false);
    expect(new Set(decodes).size).toBe(1);
    // Synchronised mode keeps every tile: its decode is estimated as the whole picture's, which holds the whole latent's activations.
    const p = await processing({ width: 2048, height: 2048 });
    expect(tiledVaeScript.hooks.memoryPlan!(contextOf(tiledVaeScript, p, { enabled: true, fast_decoder: false }) as never, planOf(p))!.vaeDecode).toEqual(planOf(p).vaeDecode);
    // Disabled, the plan is the job's own.
    expect(tiledVaeScript.hooks.memoryPlan!(contextOf(tiledVaeScript, p, {}) as never, planOf(p))).toBeUndefined();
  });

  it("Tiled Diffusion: the first pass's UNet is estimated as its tile batches, the same at 2048² and 4096²", async () => {
    const unet: number[] = [];
    for (const side of [2048, 4096]) {
      const p = await processing({ width: side, height: side });
      const ctx = contextOf(tiledDiffusion, p, { enabled: true, tile_width: 96, tile_height: 96, overlap: 48, batch_size: 4 });
      await tiledDiffusion.hooks.process!(ctx as never);
      const plain = planOf(p);
      const tiled = tiledDiffusion.hooks.memoryPlan!(ctx as never, plain)!;
      const context = plain.unet[0].context;
      // Every pass is one call of up to 4 tiles × the CFG pair, at the tile's size.
      expect(new Set(tiled.unet.map((c) => c.pixels))).toEqual(new Set([96 * 96]));
      expect(Math.max(...tiled.unet.map((c) => c.batch))).toBe(8);
      expect(tiled.unet.every((c) => c.context === context)).toBe(true);
      // The float64 canvas accumulators: 4 channels × the CFG pair, weights, foreground counts and feathers.
      expect(tiled.extraBytes - plain.extraBytes).toBe(8 * (side / 8) ** 2 * (4 * 2 + 3));
      const [whole, cut] = [estimate(p, plain), estimate(p, tiled)];
      expect(cut.unet).toBeLessThan(whole.unet);
      unet.push(cut.unet);
    }
    expect(unet[1]).toBe(unet[0]);
  });
});

/** A smooth 8-bit test picture, base64 PNG. */
async function initImage(side: number): Promise<string> {
  const raw = Buffer.alloc(side * side * 3);
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) raw.set([128 + 100 * Math.sin(x / 90), 128 + 90 * Math.cos(y / 70), (x + y) % 256], (y * side + x) * 3);
  return (await sharp(raw, { raw: { width: side, height: side, channels: 3 } }).png().toBuffer()).toString("base64");
}

const img2img = (body: Record<string, unknown>) =>
  img2imgRoute(new Request("http://127.0.0.1:7860/sdapi/v1/img2img", { method: "POST", headers: { host: "127.0.0.1:7860", "content-type": "application/json" }, body: JSON.stringify(body) }), undefined);

describe("admission with Tiled VAE", () => {
  it("img2img that fits only with its VAE in tiles: 200 with Tiled VAE on, 413 with it off", { timeout: 600_000 }, async () => {
    // 1536² (latent 192²), the default tiles (encoder 512, decoder 64).
    const side = 1536;
    const p = await processing({ width: side, height: side });
    const off = estimate(p, planOf(p, true));
    const on = estimate(p, tiledVaeScript.hooks.memoryPlan!(contextOf(tiledVaeScript, p, { enabled: true }) as never, planOf(p, true))!);
    const auto = estimate(p, tiledVaeScript.hooks.fitVaeDecode!(contextOf(tiledVaeScript, p, {}) as never, planOf(p, true))!);
    // With Tiled VAE off, even its automatic decode leaves the whole encode, which does not fit.
    expect(on.total).toBeLessThan(Math.min(off.total, auto.total));
    process.env.ONYX_MAX_JOB_MEMORY = capFor((on.total + Math.min(off.total, auto.total)) / 2);

    const job = { prompt: "a harbour", steps: 1, seed: 3, width: side, height: side, denoising_strength: 0.5, init_images: [await initImage(side)], override_settings: OVERRIDES };
    const refused = await img2img(job);
    expect(refused.status).toBe(413);
    expect((await refused.json()).detail).toMatch(new RegExp(`^${side}×${side} needs an estimated [\\d.]+ GB of memory \\(UNet \\d+ MB, VAE decode \\d+ MB, VAE encode \\d+ MB\\), but [\\d.]+ GB is available\\. .*Tiled VAE for the decode and encode`));

    const admitted = await img2img({ ...job, alwayson_scripts: { "Tiled VAE": { args: [true, 512, 64, true, true, true, false] } } });
    expect(admitted.status, await admitted.clone().text()).toBe(200);
    const body = (await admitted.json()) as { images: string[]; info: string };
    const meta = await sharp(Buffer.from(body.images[0], "base64")).metadata();
    expect([meta.width, meta.height]).toEqual([side, side]);
    expect(parseGenerationParameters(JSON.parse(body.info).infotexts[0])["Tiled VAE"]).toBeUndefined();
  });

  it("txt2img whose decode alone does not fit: Tiled VAE, installed but off, decodes in tiles and says so", { timeout: 600_000 }, async () => {
    const side = 1536;
    const p = await processing({ width: side, height: side });
    const whole = estimate(p, planOf(p));
    const auto = estimate(p, tiledVaeScript.hooks.fitVaeDecode!(contextOf(tiledVaeScript, p, {}) as never, planOf(p))!);
    expect(auto.total).toBeLessThan(whole.total);
    process.env.ONYX_MAX_JOB_MEMORY = capFor((auto.total + whole.total) / 2);
    const result = await runTxt2img(params({ width: side, height: side }), new JobProgress("auto"));
    expect([result.images[0].width, result.images[0].height]).toEqual([side, side]);
    expect(parseGenerationParameters(result.images[0].infotext)["Tiled VAE"]).toBe("auto");
  });
});

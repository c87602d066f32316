// Every script hook inside real jobs on the fixture model, through the extension loader: a test
// extension (written to a temp EXTENSIONS_DIR) records each hook call; afterwards, also after a
// job that throws, nothing of it stays installed on the job.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDatabase } from "@/lib/history/db";
import { img2imgParamsSchema } from "@/lib/pipeline/img2img-params";
import { generationParamsSchema, type GenerationInput } from "@/lib/pipeline/params";
import type { Processing } from "@/lib/pipeline/processing";
import { runImg2img, runTxt2img } from "@/lib/pipeline/run-job";
import type { UnetFn } from "@/lib/pipeline/unet-call";
import { JobProgress } from "@/lib/queue/job-progress";
import { reloadExtensions } from "@/lib/scripts/extension-registry";
import { jobHooks } from "@/lib/scripts/job-hooks";

const EXTENSION = `
const log = (globalThis.__allHooksLog ??= []);
export const scripts = [{
  title: "All hooks",
  tabs: ["txt2img", "img2img"],
  kind: "alwaysOn",
  params: [
    { name: "enabled", type: "bool", default: false },
    { name: "fail", type: "bool", default: false },
    { name: "keep_sampler", type: "bool", default: false },
  ],
  hooks: {
    process(ctx) { if (ctx.args.enabled) { log.push("process"); ctx.setInfotext("All hooks", "on"); } },
    wrapUnet(inner, ctx) {
      return async (batch) => {
        if (!ctx.args.enabled) return inner(batch);
        if (ctx.args.fail) throw new Error("all-hooks: failing on purpose");
        log.push("unet");
        return inner(batch);
      };
    },
    samplerOverride(ctx) { if (ctx.args.enabled && !ctx.args.keep_sampler) { log.push("sampler"); return { sampler: "Euler", scheduler: "Automatic" }; } },
    initialNoise(ctx, noise, info) { if (ctx.args.enabled) log.push("noise:" + noise.shape.join("x") + ":" + info.seeds.join(",")); return noise; },
    img2imgStart(ctx, start) { if (ctx.args.enabled) log.push("img2imgStart:" + start.sigmas.length); if (ctx.args.enabled) ctx.state.set("sigmas", start.sigmas); return start; },
    maskBlend(ctx, { current, init, nmask, blended, sigma }) {
      if (!ctx.args.enabled) return undefined;
      const values = [...new Set(nmask)].sort((a, b) => a - b);
      log.push({ sigma, shape: current.shape.join("x"), initShape: init.shape.join("x"), nmaskLength: nmask.length, nmaskMin: values[0], nmaskMax: values.at(-1), sigmas: ctx.state.get("sigmas") });
      if (ctx.args.fail) return undefined;
      // Blended = current·nmask + init·(1 − nmask) where the mask is 0 or 1.
      for (let i = 0; i < nmask.length; i++) if (nmask[i] === 0 && blended.data[i] !== init.data[i]) throw new Error("blend kept the wrong latent");
      return undefined;
    },
    maskOverlay(ctx, { index, mask, box }) {
      if (!ctx.args.enabled) return undefined;
      log.push("overlay:" + index + ":" + mask.width + "x" + mask.height + ":" + (box ? "box" : "whole"));
      return { ...mask, data: mask.data.map(() => 0) };
    },
    wrapVaeEncode(inner, ctx) { return async (x) => { if (ctx.args.enabled) log.push("encode"); return inner(x); }; },
    wrapVaeDecode(inner, ctx) { return async (x) => { if (ctx.args.enabled) log.push("decode"); return inner(x); }; },
    postprocessImage(ctx, { image }) {
      if (!ctx.args.enabled) return undefined;
      log.push("postprocessImage");
      return { ...image, data: image.data.map((v) => 255 - v) };
    },
    postprocess(ctx, result) { if (ctx.args.enabled) { log.push("postprocess"); result.info.all_hooks = true; } },
  },
}];
`;

const log = () => ((globalThis as { __allHooksLog?: string[] }).__allHooksLog ??= []);
const saved = { ...process.env };
const bareUnet: UnetFn = async () => new Float32Array(0);
let tmp = "";

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-hooks-"));
  const ext = path.join(tmp, "extensions", "all-hooks");
  fs.mkdirSync(ext, { recursive: true });
  fs.writeFileSync(path.join(ext, "extension.json"), JSON.stringify({ name: "all-hooks", version: "1.0.0", entry: "index.mjs" }));
  fs.writeFileSync(path.join(ext, "index.mjs"), EXTENSION);
  process.env.EXTENSIONS_DIR = path.join(tmp, "extensions");
  process.env.DATA_DIR = path.join(tmp, "data");
  process.env.OUTPUTS_DIR = path.join(tmp, "outputs");
  ensureDatabase();
  const loaded = await reloadExtensions();
  expect(loaded.map((e) => [e.id, e.status])).toEqual([["all-hooks", "loaded"]]);
});

afterAll(() => {
  process.env = saved;
  fs.rmSync(tmp, { recursive: true, force: true });
});

const params = (input: GenerationInput) =>
  generationParamsSchema.parse({ prompt: "a castle", steps: 4, width: 64, height: 64, seed: 11, samplerName: "Heun", saveImages: false, ...input });

async function pixels(png: Buffer): Promise<Buffer> {
  return sharp(png).removeAlpha().raw().toBuffer();
}

describe("script hooks in real jobs", () => {
  it("txt2img: every txt2img hook runs in order, changes the result, and is gone afterwards", async () => {
    const plain = await runTxt2img(params({}), new JobProgress("plain"));
    log().length = 0;
    let job: Processing | undefined;
    const hooked = await runTxt2img(params({ alwaysonScripts: { "All hooks": { args: { enabled: true } } } }), new JobProgress("hooked"), { setup: (p) => (job = p) });
    // Heun would make 7 UNet calls for 4 steps; the sampler override makes it Euler's 4.
    expect(log()).toEqual(["process", "noise:1x4x8x8:11", "sampler", "unet", "unet", "unet", "unet", "decode", "postprocessImage", "postprocess"]);
    expect(hooked.info.all_hooks).toBe(true);
    expect(hooked.images[0].infotext).toContain("All hooks: on");
    // postprocessImage inverted the picture; the disabled run is the same job without it.
    const withOverride = await runTxt2img(params({ samplerName: "Euler" }), new JobProgress("euler"));
    const inverted = (await pixels(withOverride.images[0].png)).map((v) => 255 - v);
    expect((await pixels(hooked.images[0].png)).equals(Buffer.from(inverted))).toBe(true);
    expect((await pixels(plain.images[0].png)).equals(await pixels(withOverride.images[0].png))).toBe(false);
    expect(jobHooks(job!).wrapUnet(bareUnet)).toBe(bareUnet);
    expect(jobHooks(job!).run).toBeNull();
    expect(await jobHooks(job!).postprocessImage({ index: 0, image: { width: 1, height: 1, data: new Uint8Array([1, 2, 3]) } })).toEqual({ width: 1, height: 1, data: new Uint8Array([1, 2, 3]) });
  });

  it("img2img: wrapVaeEncode and img2imgStart run", async () => {
    log().length = 0;
    const init = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#3366cc" } }).png().toBuffer();
    await runImg2img(
      img2imgParamsSchema.parse({ ...params({ samplerName: "Euler" }), initImages: [init], denoisingStrength: 0.5, alwaysonScripts: { "all hooks": { args: [true] } } }),
      new JobProgress("i2i"),
    );
    expect(log()).toContain("encode");
    // 4 steps at 0.5: t_enc = 2, the last t_enc + 1 = 3 steps run, a σ list of 4 ending at 0.
    expect(log().filter((l) => l.startsWith("img2imgStart"))).toEqual(["img2imgStart:4"]); // 4 steps at 0.5 → 2 runs: σ list of 3
  });

  it("inpainting: maskBlend sees σ (k-diffusion) or the timestep (DDIM) each step and null after sampling; maskOverlay replaces the overlay", async () => {
    const init = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#3366cc" } }).png().toBuffer();
    const white = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#ffffff" } }).png().toBuffer();
    // The latent mask: grey 128 on the left half, black on the right.
    const half = Buffer.alloc(64 * 64);
    for (let y = 0; y < 64; y++) half.fill(128, y * 64, y * 64 + 32);
    const latentMask = await sharp(half, { raw: { width: 64, height: 64, channels: 1 } }).png().toBuffer();
    const inpaint = (input: Record<string, unknown>) =>
      img2imgParamsSchema.parse({ ...params({ samplerName: "Euler" }), initImages: [init], mask: white, denoisingStrength: 0.5, maskBlur: 0, alwaysonScripts: { "all hooks": { args: [true] } }, ...input });
    type Entry = { sigma: number | null; shape: string; initShape: string; nmaskLength: number; nmaskMin: number; nmaskMax: number; sigmas: number[] };
    const blends = () => log().filter((l): l is Entry & string => typeof l === "object");

    log().length = 0;
    const result = await runImg2img(inpaint({ latentMask }), new JobProgress("blend"));
    const entries = blends();
    // Euler, 4 steps at 0.5: 3 steps, each blending the denoised prediction at that step's σ, then the final blend.
    expect(entries.map((e) => e.sigma)).toEqual([...entries[0].sigmas.slice(0, 3), null]);
    expect(entries.every((e) => e.shape === "1x4x8x8" && e.initShape === "1x4x8x8" && e.nmaskLength === 64)).toBe(true);
    // The latent mask decides the blend, rounded: 128/255 → 1 on the left, 0 on the right (the picture mask is all white).
    expect([entries[0].nmaskMin, entries[0].nmaskMax]).toEqual([0, 1]);
    expect(log()).toContain("overlay:0:64x64:whole");
    // The overlay mask came back all 0: the original is composited everywhere, so every byte of the init picture
    // returns (inverted afterwards by this extension's postprocessImage).
    expect((await pixels(result.images[0].png)).equals(Buffer.from((await pixels(init)).map((v) => 255 - v)))).toBe(true);

    log().length = 0;
    await runImg2img(inpaint({ latentMask, maskRound: false }), new JobProgress("unrounded"));
    // Unrounded: about 128/255 on the left (the bicubic resize rings a little at the edge), 0 on the right.
    expect(blends()[0].nmaskMin).toBe(0);
    expect(blends()[0].nmaskMax).toBeGreaterThan(0.49);
    expect(blends()[0].nmaskMax).toBeLessThan(0.53);

    log().length = 0;
    await runImg2img(inpaint({ samplerName: "DDIM", alwaysonScripts: { "all hooks": { args: { enabled: true, keep_sampler: true } } } }), new JobProgress("ddim"));
    // Timestep samplers blend the input before each call, handing over the timestep (an integer in [0, 999]).
    const ddim = blends().map((e) => e.sigma);
    expect(ddim.at(-1)).toBeNull();
    expect(ddim.length).toBeGreaterThan(1);
    expect(ddim.slice(0, -1).every((t) => Number.isInteger(t) && t! > 1 && t! < 1000)).toBe(true);
  });

  it("a job that throws inside a hook leaves nothing installed", async () => {
    let job: Processing | undefined;
    await expect(
      runTxt2img(params({ alwaysonScripts: { "All hooks": { args: { enabled: true, fail: true } } } }), new JobProgress("fail"), { setup: (p) => (job = p) }),
    ).rejects.toThrow(/failing on purpose/);
    expect(jobHooks(job!).wrapUnet(bareUnet)).toBe(bareUnet);
    expect(jobHooks(job!).samplerChoice({ sampler: "Heun", scheduler: "Automatic" })).toEqual({ sampler: "Heun", scheduler: "Automatic" });
  });

  it("rejects an unknown always-on script by name", async () => {
    await expect(runTxt2img(params({ alwaysonScripts: { Nope: { args: [] } } }), new JobProgress("nope"))).rejects.toThrow("always on script Nope not found");
  });
});

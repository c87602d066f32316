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
    samplerOverride(ctx) { if (ctx.args.enabled) { log.push("sampler"); return { sampler: "Euler", scheduler: "Automatic" }; } },
    initialNoise(ctx, noise, info) { if (ctx.args.enabled) log.push("noise:" + noise.shape.join("x") + ":" + info.seeds.join(",")); return noise; },
    img2imgStart(ctx, start) { if (ctx.args.enabled) log.push("img2imgStart:" + start.sigmas.length); return start; },
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

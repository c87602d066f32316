// ctx.services inside real jobs on the onyx-tiny fixtures, used by a test extension the way the four built-in
// extensions will use them: the plain UNet on any crop, the job's own conditioning path for extra prompts,
// rewritten model graphs and arbitrary ONNX files in the inference worker, only-masked inpaint child jobs,
// extra images saved with their history row, and img2img inputs replaced in `process`.
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { useTempJobFolders } from "../temp-job-folders";
import { searchHistory } from "@/lib/history/query";
import { blurMask } from "@/lib/images/mask-blur";
import { readPngText } from "@/lib/images/png-text";
import { onyxPaths } from "@/lib/config";
import { img2imgParamsSchema } from "@/lib/pipeline/img2img-params";
import { generationParamsSchema, type GenerationInput } from "@/lib/pipeline/params";
import { runImg2img, runTxt2img } from "@/lib/pipeline/run-job";
import { JobProgress } from "@/lib/queue/job-progress";
import { reloadExtensions } from "@/lib/scripts/extension-registry";

const root = useTempJobFolders("services", { EXTENSIONS_DIR: "extensions" });

// Each script records what it saw in globalThis.__services (the test reads it after the job).
const EXTENSION = `
import { condAtStep, stackConditioning, GraphBuilder, DataType } from "@onyx/sdk";
const seen = (globalThis.__services ??= {});
const always = (title, hooks) => ({ title, tabs: ["txt2img", "img2img"], kind: "alwaysOn", params: [{ name: "enabled", type: "bool", default: false }], hooks });
const maxDiff = (a, b) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

export const scripts = [
  always("Unet probe", {
    wrapUnet: (inner, ctx) => async (batch) => {
      const out = await inner(batch);
      if (!ctx.args.enabled || batch.step !== 0) return out;
      const direct = await ctx.services.model.unet(batch);
      // A 5×7 crop of the first entry (not a multiple of 8) with the first entry's conditioning.
      const [, c, h, w] = batch.x.shape;
      const crop = new Float32Array(c * 5 * 7);
      for (let ch = 0; ch < c; ch++) for (let y = 0; y < 5; y++) for (let x = 0; x < 7; x++) crop[(ch * 5 + y) * 7 + x] = batch.x.data[(ch * h + y) * w + x];
      const tokens = batch.context.shape[1], dim = batch.context.shape[2];
      const cropped = await ctx.services.model.unet({ ...batch, x: { data: crop, shape: [1, c, 5, 7] }, timesteps: [batch.timesteps[0]], sigmas: [batch.sigmas[0]],
        context: { data: batch.context.data.slice(0, tokens * dim), shape: [1, tokens, dim] }, imageCond: null });
      seen.unet = { entries: batch.x.shape[0], diff: maxDiff(out, direct), cropLength: cropped.length, files: ctx.services.model.files, scaling: ctx.services.model.vaeScalingFactor, channels: ctx.services.model.unetInChannels };
      return out;
    },
  }),
  always("Prompt probe", {
    wrapUnet: (inner, ctx) => async (batch) => {
      if (ctx.args.enabled && batch.step === 0) {
        const [parts] = await ctx.services.prompts.cond([ctx.job.params.prompt]);
        const [negative] = await ctx.services.prompts.uncond([ctx.job.params.negativePrompt]);
        const again = await ctx.services.prompts.cond([ctx.job.params.prompt]);
        const expected = stackConditioning([condAtStep(parts[0].schedule, 0), condAtStep(negative, 0)]);
        const empty = await ctx.services.prompts.emptyChunk();
        seen.prompts = { parts: parts.length, weights: parts.map((p) => p.weight), diff: maxDiff(batch.context.data, expected.data), sameLength: batch.context.data.length === expected.data.length, cached: again[0] === parts, emptyTokens: empty.tokens };
      }
      return inner(batch);
    },
  }),
  always("Graph probe", {
    async process(ctx) {
      if (!ctx.args.enabled) return;
      let rewrites = 0;
      // Doubles the decoder's output: an extra Mul node after the graph's own output.
      const doubled = (model) => {
        rewrites++;
        const g = model.graph;
        const out = g.output[0].name;
        const two = { name: "onyx_test_two", dims: [], dataType: DataType.FLOAT, rawData: new Uint8Array(new Float32Array([2]).buffer) };
        return { ...model, graph: { ...g, node: [...g.node, { opType: "Mul", input: [out, "onyx_test_two"], output: ["doubled"], name: "double" }],
          initializer: [...g.initializer, two], output: [{ ...g.output[0], name: "doubled" }] } };
      };
      const a = await ctx.services.model.openDerived("vaeDecoder", "doubled", doubled, { inputs: { latent_sample: { rank: 4 } }, outputs: ["doubled"] });
      const b = await ctx.services.model.openDerived("vaeDecoder", "doubled", doubled);
      const plain = await ctx.services.onnx.open(ctx.services.model.files.vaeDecoder, { inputs: { latent_sample: { types: ["float32"], rank: 4 } }, outputs: ["sample"] });
      const latent = { data: new Float32Array(4 * 4 * 4).map((_, i) => Math.sin(i)), shape: [1, 4, 4, 4] };
      const twice = (await a.run({ latent_sample: latent })).doubled.data;
      const once = (await plain.run({ latent_sample: latent })).sample.data;
      const errors = [];
      for (const attempt of [
        () => ctx.services.onnx.open(ctx.services.model.files.vaeDecoder, { inputs: { images: {} } }),
        () => ctx.services.onnx.open(ctx.services.model.files.vaeDecoder, { inputs: { latent_sample: { rank: 3 } } }),
        () => plain.run({ latent_sample: { data: new Float32Array(16), shape: [4, 4] } }),
        () => plain.run({}),
        () => ctx.services.model.openDerived("vaeDecoder", "no spaces allowed", doubled),
      ]) {
        try { await attempt(); errors.push(null); } catch (e) { errors.push(e.message); }
      }
      seen.graphs = { rewrites, diff: maxDiff(twice, once.map((v) => 2 * v)), cached: a.file === b.file, file: a.file, errors };
    },
  }),
  always("Inpaint probe", {
    async postprocessImage(ctx, { image }) {
      if (!ctx.args.enabled) return undefined;
      const mask = { width: image.width, height: image.height, data: new Uint8Array(image.width * image.height) };
      for (let y = 40; y < 56; y++) for (let x = 8; x < 24; x++) mask.data[y * image.width + x] = 255;
      const steps = ctx.services.progress.subSteps(2, "Inpaint probe");
      steps.next();
      const first = await ctx.services.inpaint({ image, mask, width: 64, height: 64, padding: 8, maskBlur: 4, denoisingStrength: 0.9, alwaysOnFilter: (id) => id !== "inpaint probe", params: { steps: 3 } });
      steps.next();
      seen.progressDuring = [ctx.services.progress.shouldStop, ctx.job.params.nIter];
      steps.done();
      seen.inpaint = { before: image, after: first.image, mask, infotext: first.infotext };
      return first.image;
    },
  }),
  always("Pixels probe", {
    async postprocessImage(ctx, { image }) {
      if (!ctx.args.enabled) return undefined;
      const { decodeImage, encodePng } = await import("@onyx/sdk");
      const notMe = (id) => id !== "pixels probe";
      // Two tiles in turn, as Ultimate SD Upscale runs them, each on the picture the one before left.
      const masks = [[0, 0], [64, 64]].map(([x0, y0]) => {
        const mask = { width: image.width, height: image.height, data: new Uint8Array(image.width * image.height) };
        for (let y = y0; y < y0 + 64; y++) mask.data.fill(255, y * image.width + x0, y * image.width + x0 + 64);
        return mask;
      });
      const request = (picture, mask) => ({ image: picture, mask, width: 64, height: 64, padding: 16, maskBlur: 8, denoisingStrength: 0.6, alwaysOnFilter: notMe, params: { steps: 3 } });
      // The helper as it was before SDK 1.6: picture and mask sent as PNG, the result read back from its PNG.
      const throughPng = async (picture, mask) => {
        const job = ctx.job;
        const params = { ...job.params, seed: job.allSeeds[0], subseed: job.allSubseeds[0], width: 64, height: 64, denoisingStrength: 0.6, batchSize: 1, nIter: 1, saveImages: false, steps: 3,
          initImages: [await encodePng(picture)], mask: await encodePng(mask), resizeMode: 0, maskBlur: 8, inpaintingFill: 1, inpaintFullRes: true, inpaintFullResPadding: 16, inpaintingMaskInvert: false };
        const { images } = await ctx.services.runChild("img2img", params, { alwaysOnFilter: notMe });
        return { image: await decodeImage(images[0].png), infotext: images[0].infotext };
      };
      let [png, pixels, compat] = [image, image, image];
      const infotexts = [];
      let info;
      for (const mask of masks) {
        const old = await throughPng(png, mask);
        const raw = await ctx.services.inpaintPixels(request(pixels, mask));
        const both = await ctx.services.inpaint(request(compat, mask));
        [png, pixels, compat, info] = [old.image, raw.image, both.image, raw.info];
        infotexts.push([old.infotext, raw.infotext, both.infotext]);
      }
      seen.pixels = { before: image, png, pixels, compat, infotexts, info };
      return undefined;
    },
  }),
  always("Save probe", {
    async postprocessImage(ctx, { index, image }) {
      if (!ctx.args.enabled) return undefined;
      ctx.setInfotext("Save probe", "yes");
      const saved = await ctx.services.saveImage(image, ctx.services.infotext(index), { index, suffix: "-probe-before" });
      const refused = await ctx.services.saveImage(image, "x", { suffix: "../escape" }).then(() => null, (e) => e.message);
      seen.saved = { path: saved.relativePath, refused, paths: ctx.services.paths };
      return undefined;
    },
  }),
  { ...always("Axis probe", {
    process(ctx) { if (ctx.args.enabled) ctx.setInfotext("Axis probe", ctx.args.greeting); },
  }), params: [{ name: "enabled", type: "bool", default: false }, { name: "greeting", type: "string", default: "hi" }] },
  always("Canvas probe", {
    async process(ctx) {
      if (!ctx.args.enabled || !ctx.job.img2img) return;
      // Tiled Diffusion's canvas: the img2img picture and size replaced before any model work.
      const { encodePng } = await import("@onyx/sdk");
      const wide = { width: 96, height: 64, data: new Uint8Array(96 * 64 * 3).fill(200) };
      ctx.job.img2img.initImages = [await encodePng(wide)];
      ctx.job.params.width = 96;
    },
  }),
];

// An X/Y/Z axis that sets the Axis probe's own argument, as ADetailer's "[ADetailer] … 1st" axes do.
export function register(api) {
  api.registerXyzAxis({
    label: "[Probe] Greeting", type: "str", tabs: ["txt2img"], cost: 0, legend: (v) => "greeting " + v,
    apply: (p, v) => {
      const current = p.alwaysonScripts?.["Axis probe"]?.args ?? {};
      return { ...p, alwaysonScripts: { ...p.alwaysonScripts, "Axis probe": { args: { ...current, greeting: v } } } };
    },
  });
}
`;

const small = (input: GenerationInput) =>
  generationParamsSchema.parse({ prompt: "a (castle:1.2) AND a moat :0.5", negativePrompt: "blurry", steps: 3, width: 64, height: 64, seed: 5, samplerName: "Euler", saveImages: false, ...input });
const seen = () => (globalThis as { __services?: Record<string, any> }).__services ?? {};
const on = (title: string) => ({ [title]: { args: { enabled: true } } });

beforeAll(async () => {
  const dir = path.join(root(), "extensions", "services-probe");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "extension.json"), JSON.stringify({ name: "services-probe", entry: "index.mjs" }));
  fs.writeFileSync(path.join(dir, "index.mjs"), EXTENSION);
  const loaded = await reloadExtensions();
  expect(loaded.map((e) => [e.id, e.status, e.error])).toEqual([["services-probe", "loaded", undefined]]);
});

describe("ctx.services in real jobs", () => {
  it("model.unet is the plain UNet: equal to the job's own call, and takes crops of any size", async () => {
    await runTxt2img(small({ alwaysonScripts: on("Unet probe") }), new JobProgress("unet"));
    const { unet } = seen();
    // Two AND parts and the negative: three entries in one call.
    expect(unet.entries).toBe(3);
    expect(unet.diff).toBe(0);
    expect(unet.cropLength).toBe(4 * 5 * 7);
    const models = path.join(onyxPaths().models, "Stable-diffusion", "onyx-tiny");
    expect(unet.files).toEqual({
      dir: models,
      unet: path.join(models, "unet/model.onnx"),
      textEncoder: path.join(models, "text_encoder/model.onnx"),
      vaeDecoder: path.join(models, "vae_decoder/model.onnx"),
      vaeEncoder: path.join(models, "vae_encoder/model.onnx"),
    });
    expect([unet.scaling, unet.channels]).toEqual([0.18215, 4]);
  });

  it("prompts.cond / uncond give exactly the conditioning the job's UNet call gets, cached", async () => {
    await runTxt2img(small({ alwaysonScripts: on("Prompt probe") }), new JobProgress("prompts"));
    const { prompts } = seen();
    expect(prompts).toEqual({ parts: 2, weights: [1, 0.5], diff: expect.any(Number), sameLength: false, cached: true, emptyTokens: 77 });
    // The UNet batch holds both AND parts then the negative; the probe stacked the first part and the negative.
    const solo = await runTxt2img(small({ prompt: "a (castle:1.2)", alwaysonScripts: on("Prompt probe") }), new JobProgress("prompts-solo"));
    expect(solo.images).toHaveLength(1);
    expect(seen().prompts).toMatchObject({ parts: 1, weights: [1], diff: 0, sameLength: true, cached: true });
  });

  it("model.openDerived rewrites a graph once and runs it in the worker; onnx.open checks graphs and feeds", async () => {
    await runTxt2img(small({ alwaysonScripts: on("Graph probe") }), new JobProgress("graphs"));
    const { graphs } = seen();
    expect(graphs.rewrites).toBe(1);
    expect(graphs.cached).toBe(true);
    expect(graphs.diff).toBeLessThan(1e-5);
    // Cached beside the other derived copies, under the script's own name.
    expect(path.dirname(graphs.file)).toBe(path.join(process.env.DATA_DIR!, "cache", "models"));
    expect(path.basename(graphs.file)).toMatch(/^[0-9a-f]{16}-graph_probe-doubled-[0-9a-f]{8}\.onnx$/);
    expect(graphs.errors[0]).toMatch(/expected an input named "images"; the graph has inputs "latent_sample"/);
    expect(graphs.errors[1]).toMatch(/input "latent_sample" has rank 4, expected 3/);
    expect(graphs.errors[2]).toMatch(/input "latent_sample" takes rank 4 \(\[.*\]\), got \[4, 4\]/);
    expect(graphs.errors[3]).toMatch(/no value for input "latent_sample"/);
    expect(graphs.errors[4]).toMatch(/variant "no spaces allowed"/);
  });

  it("inpaint runs an only-masked child job: outside the blurred mask every pixel is unchanged; sub-steps count in progress", async () => {
    const progress = new JobProgress("inpaint");
    const result = await runTxt2img(small({ prompt: "a castle", alwaysonScripts: on("Inpaint probe") }), progress);
    const { inpaint, progressDuring } = seen();
    const blurred = blurMask(inpaint.mask, 4);
    let changedInside = 0;
    for (let i = 0; i < blurred.data.length; i++) {
      for (let c = 0; c < 3; c++) {
        const before = inpaint.before.data[i * 3 + c];
        const after = inpaint.after.data[i * 3 + c];
        if (blurred.data[i] === 0) expect(after).toBe(before);
        else if (after !== before) changedInside++;
      }
    }
    expect(changedInside).toBeGreaterThan(100);
    expect(inpaint.infotext).toContain("Inpaint area: Only masked");
    expect(inpaint.infotext).toContain("Masked area padding: 8");
    expect(inpaint.infotext).toContain("Steps: 3");
    // The child's result is what the job returns for that image.
    const raw = await sharp(result.images[0].png).removeAlpha().raw().toBuffer();
    expect(raw.equals(Buffer.from(inpaint.after.data))).toBe(true);
    expect(progressDuring).toEqual([false, 1]);
    // The job's batch and the two sub-steps: three units, all done.
    expect([progress.jobNo, progress.jobCount]).toEqual([3, 3]);
  });

  it("inpaintPixels gives, tile after tile, the pictures and infotexts of the PNG path it replaced (and inpaint the same)", async () => {
    await runTxt2img(small({ prompt: "a castle", width: 128, height: 128, alwaysonScripts: on("Pixels probe") }), new JobProgress("pixels"));
    const { before, png, pixels, compat, infotexts, info } = seen().pixels;
    expect([pixels.width, pixels.height]).toEqual([128, 128]);
    expect(Buffer.from(pixels.data).equals(Buffer.from(before.data))).toBe(false);
    expect(Buffer.from(pixels.data).equals(Buffer.from(png.data))).toBe(true);
    expect(Buffer.from(compat.data).equals(Buffer.from(png.data))).toBe(true);
    for (const [old, raw, both] of infotexts) {
      expect(raw).toBe(old);
      expect(both).toBe(old);
    }
    expect(infotexts[0][0]).toContain("Masked area padding: 16");
    expect(info.infotexts).toEqual([infotexts[1][1]]);
  });

  it("saveImage writes the PNG with its infotext and a history row; a suffix may not climb out of the folder", async () => {
    await runTxt2img(small({ seed: 31, alwaysonScripts: on("Save probe") }), new JobProgress("save"));
    const { saved } = seen();
    expect(saved.path).toMatch(/^txt2img-images\/\d{4}-\d{2}-\d{2}\/\d{5}-31-probe-before\.png$/);
    expect(saved.refused).toMatch(/suffix "\.\.\/escape" may only hold/);
    expect(saved.paths).toEqual({ models: onyxPaths().models, outputs: onyxPaths().outputs });
    const text = readPngText(fs.readFileSync(path.join(onyxPaths().outputs, saved.path))).parameters;
    expect(text).toContain("Seed: 31");
    expect(text).toContain("Save probe: yes");
    const { items } = await searchHistory({});
    const row = items.find((i) => i.path === saved.path);
    expect(row).toMatchObject({ seed: 31, prompt: "a (castle:1.2) AND a moat :0.5", negativePrompt: "blurry", steps: 3 });
  });

  it("an extension's X/Y/Z axis changes its own script's arguments in each cell", async () => {
    const result = await runTxt2img(
      small({
        alwaysonScripts: on("Axis probe"),
        scriptName: "X/Y/Z plot",
        scriptArgs: { x_type: "[Probe] Greeting", x_values: "hello, goodbye", include_lone_images: true },
      }),
      new JobProgress("axis"),
    );
    const cells = result.images.slice(1).map((i) => /Axis probe: (\w+)/.exec(i.infotext)?.[1]);
    expect(cells).toEqual(["hello", "goodbye"]);
  });

  it("process may replace the img2img picture and size (Tiled Diffusion's canvas)", async () => {
    const init = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#224488" } }).png().toBuffer();
    const result = await runImg2img(
      img2imgParamsSchema.parse({ ...small({ alwaysonScripts: on("Canvas probe") }), initImages: [init], denoisingStrength: 0.3 }),
      new JobProgress("canvas"),
    );
    expect([result.images[0].width, result.images[0].height]).toEqual([96, 64]);
    // Denoising 0.3 keeps the (light grey) replacement, not the dark blue original.
    const raw = await sharp(result.images[0].png).removeAlpha().raw().toBuffer();
    expect(raw.reduce((a, v) => a + v, 0) / raw.length).toBeGreaterThan(120);
  });
});

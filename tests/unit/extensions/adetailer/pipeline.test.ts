// ADetailer in real jobs on the onyx-tiny fixtures (docs/adetailer.md): Skip img2img on the astronaut photograph
// with mediapipe_face_short (one face redrawn, every pixel outside the dilated box grown by blur and padding
// byte-identical, the default infotext; nothing found at confidence 0.99 → the photograph unchanged), and the
// YOLO fixture finding two boxes: the [SEP] parts reach the right masks, seeds seed+0 and seed+1, two more jobs.
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { useTempJobFolders } from "../../temp-job-folders";
import { onyxPaths } from "@/lib/config";
import { detect } from "@/lib/detection/registry";
import { buildYoloFixture } from "@/lib/detection/yolo-fixture";
import type { RgbImage } from "@/lib/images/tensor-image";
import { parseGenerationParameters } from "@/lib/infotext/parser";
import { writeModel } from "@/lib/onnx/write";
import { img2imgParamsSchema, type Img2imgInput } from "@/lib/pipeline/img2img-params";
import { runImg2img } from "@/lib/pipeline/run-job";
import { JobProgress } from "@/lib/queue/job-progress";
import { reloadExtensions } from "@/lib/scripts/extension-registry";
import { loadPhoto, photoPath } from "../../../photos";

const realModels = onyxPaths().models;
const root = useTempJobFolders("adetailer", { EXTENSIONS_DIR: "extensions", MODELS_DIR: "models" });

// Named as one of ADetailer's default script names, so it runs in ADetailer's passes too: records each job's
// prompt, seed, steps, CFG and the mask's centre. "Outsider" is not on the list: it must run in the main job only.
const PROBE = `
import { decodeImage, defineScript } from "@onyx/sdk";
export const scripts = [
  defineScript({
    title: "Outsider", tabs: ["img2img"], kind: "alwaysOn", params: [],
    hooks: { process() { globalThis.__adOutsider = (globalThis.__adOutsider ?? 0) + 1; } },
  }),
  defineScript({
    title: "Wildcards", tabs: ["img2img"], kind: "alwaysOn", params: [],
    hooks: {
      async process(ctx) {
        const mask = ctx.job.img2img?.mask ? await decodeImage(ctx.job.img2img.mask) : null;
        let sx = 0, sy = 0, n = 0;
        if (mask) for (let i = 0; i < mask.width * mask.height; i++) if (mask.data[i * 3] > 127) { sx += i % mask.width; sy += Math.floor(i / mask.width); n++; }
        (globalThis.__adJobs ??= []).push({ prompt: ctx.job.params.prompt, negative: ctx.job.params.negativePrompt, seed: ctx.job.params.seed, cfg: ctx.job.params.cfgScale, steps: ctx.job.params.steps, centre: n ? [sx / n, sy / n] : null });
      },
    },
  }),
];
`;

const jobs = () => ((globalThis as Record<string, unknown>).__adJobs ??= []) as Array<{ prompt: string; negative: string; seed: number; cfg: number; steps: number; centre: [number, number] | null }>;
const pixelsOf = async (png: Buffer): Promise<RgbImage> => {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
};
const png = (img: RgbImage) => sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: 3 } }).png().toBuffer();

async function img2img(input: Partial<Img2imgInput>, progress = new JobProgress("adetailer")) {
  const params = img2imgParamsSchema.parse({ prompt: "a portrait", negativePrompt: "blurry", steps: 2, width: 128, height: 128, seed: 11, samplerName: "Euler", saveImages: false, denoisingStrength: 0.5, ...input });
  return runImg2img(params, progress);
}

beforeAll(async () => {
  // The real models folder, plus adetailer/ with the YOLO fixture, as a user's models folder would be.
  const models = path.join(root(), "models");
  fs.mkdirSync(path.join(models, "adetailer"), { recursive: true });
  for (const entry of fs.readdirSync(realModels)) fs.symlinkSync(path.join(realModels, entry), path.join(models, entry));
  writeModel(path.join(models, "adetailer", "colours.onnx"), buildYoloFixture({ segmentation: false }));
  const extensions = path.join(root(), "extensions");
  fs.cpSync(path.resolve("extensions/adetailer"), path.join(extensions, "adetailer"), { recursive: true });
  fs.mkdirSync(path.join(extensions, "probe"));
  fs.writeFileSync(path.join(extensions, "probe", "extension.json"), JSON.stringify({ name: "probe", entry: "index.mjs" }));
  fs.writeFileSync(path.join(extensions, "probe", "index.mjs"), PROBE);
  expect((await reloadExtensions()).map((e) => [e.id, e.status, e.error])).toEqual([["adetailer", "loaded", undefined], ["probe", "loaded", undefined]]);
}, 300_000);

describe("Skip img2img on the astronaut photograph with mediapipe_face_short", () => {
  let photo: RgbImage;
  let photoPng: Buffer;
  beforeAll(async () => {
    photo = await loadPhoto("astronaut.png");
    photoPng = fs.readFileSync(photoPath("astronaut.png"));
  });

  it("redraws the one face: pixels outside the dilated box grown by blur and padding are byte-identical, inside changed", async () => {
    const [face] = await detect("mediapipe_face_short", photo, { confidence: 0.3 });
    jobs().length = 0;
    const result = await img2img({ initImages: [photoPng], width: 256, height: 256, alwaysonScripts: { ADetailer: { args: [true, true, { ad_model: "mediapipe_face_short" }] } } });
    const out = await pixelsOf(result.images[0].png);
    expect([out.width, out.height]).toEqual([512, 512]);
    // The dilated box (4: 1 px up/left, 2 px down/right of PIL's inclusive box), grown by the blur's reach (10 px) and the padding (32).
    const grow = 10 + 32;
    const [x1, y1] = [Math.trunc(face.box[0]) - 1 - grow, Math.trunc(face.box[1]) - 1 - grow];
    const [x2, y2] = [Math.trunc(face.box[2]) + 2 + grow, Math.trunc(face.box[3]) + 2 + grow];
    let outsideDiffers = 0;
    let insideChanged = 0;
    for (let y = 0; y < 512; y++) {
      for (let x = 0; x < 512; x++) {
        const i = (y * 512 + x) * 3;
        const same = out.data[i] === photo.data[i] && out.data[i + 1] === photo.data[i + 1] && out.data[i + 2] === photo.data[i + 2];
        const inside = x >= x1 && x <= x2 && y >= y1 && y <= y2;
        if (!inside && !same) outsideDiffers++;
        if (x >= face.box[0] && x < face.box[2] && y >= face.box[1] && y < face.box[3] && !same) insideChanged++;
      }
    }
    expect(outsideDiffers).toBe(0);
    expect(insideChanged).toBeGreaterThan(0.5 * (face.box[2] - face.box[0]) * (face.box[3] - face.box[1]));
    // One child job besides the main one, with the image's prompt and seed.
    expect(jobs().map((j) => [j.prompt, j.seed])).toEqual([["a portrait", 11], ["a portrait", 11]]);
    const info = parseGenerationParameters(result.images[0].infotext);
    expect(info).toMatchObject({
      "ADetailer model": "mediapipe_face_short",
      "ADetailer confidence": "0.3",
      "ADetailer dilate erode": "4",
      "ADetailer mask blur": "4",
      "ADetailer denoising strength": "0.4",
      "ADetailer inpaint only masked": "True",
      "ADetailer inpaint padding": "32",
      "ADetailer version": "25.3.0",
    });
    expect(result.images[0].infotext).toContain(
      "ADetailer model: mediapipe_face_short, ADetailer confidence: 0.3, ADetailer dilate erode: 4, ADetailer mask blur: 4, ADetailer denoising strength: 0.4, ADetailer inpaint only masked: True, ADetailer inpaint padding: 32, ADetailer version: 25.3.0",
    );
  }, 300_000);

  it("ad_confidence 0.99: nothing detected, the photograph comes back unchanged, the fields are still written", async () => {
    const result = await img2img({ initImages: [photoPng], alwaysonScripts: { ADetailer: { args: [true, true, { ad_model: "mediapipe_face_short", ad_confidence: 0.99 }] } } });
    const out = await pixelsOf(result.images[0].png);
    expect(Buffer.compare(Buffer.from(out.data), Buffer.from(photo.data))).toBe(0);
    expect(result.images[0].infotext).toContain("ADetailer confidence: 0.99");
  }, 300_000);

  it("ctx.warn reaches info.warnings: a ControlNet model, a detector that is not installed", async () => {
    const tabs = [{ ad_model: "mediapipe_face_short", ad_confidence: 0.99, ad_controlnet_model: "control_v11p_sd15_inpaint" }, { ad_model: "face_yolov8n.pt" }];
    const result = await img2img({ initImages: [photoPng], alwaysonScripts: { ADetailer: { args: [true, true, ...tabs] } } });
    expect(result.info.warnings).toEqual([
      'ADetailer: ControlNet is not available; "control_v11p_sd15_inpaint" was not used',
      expect.stringMatching(/^ADetailer: unknown detector "face_yolov8n.pt" \(available: mediapipe_face_full, /),
    ]);
  }, 300_000);

  it("the accordion off, or model None: no fields and the plain img2img size", async () => {
    for (const args of [[false, true, { ad_model: "mediapipe_face_short" }], [true, true, { ad_model: "None" }]]) {
      const result = await img2img({ initImages: [photoPng], width: 64, height: 64, alwaysonScripts: { ADetailer: { args } } });
      expect(result.images[0].infotext).not.toContain("ADetailer");
      expect((await pixelsOf(result.images[0].png)).width).toBe(64);
    }
  }, 300_000);
});

describe("two detections of the YOLO fixture", () => {
  /** Grey with a fully red 32-px cell (the better score) and a three-quarter green one. */
  function picture(): RgbImage {
    const data = new Uint8Array(640 * 640 * 3).fill(114);
    const paint = (x1: number, y1: number, x2: number, y2: number, rgb: number[]) => {
      for (let y = y1; y < y2; y++) for (let x = x1; x < x2; x++) data.set(rgb, (y * 640 + x) * 3);
    };
    paint(448, 320, 480, 352, [255, 0, 0]);
    paint(96, 160, 128, 184, [0, 255, 0]);
    return { width: 640, height: 640, data };
  }

  it("[SEP] parts reach their masks in the detector's order, seeds seed+0 and seed+1, the job count grows by two", async () => {
    jobs().length = 0;
    (globalThis as Record<string, unknown>).__adOutsider = 0;
    const progress = new JobProgress("yolo");
    const tab = { ad_model: "colours.onnx", ad_prompt: "a red thing [SEP] a green thing", ad_negative_prompt: "[PROMPT], dull" };
    const result = await img2img({ initImages: [await png(picture())], width: 64, height: 64, cfgScale: 5, steps: 3, alwaysonScripts: { ADetailer: { args: [true, true, tab] } } }, progress);
    expect(result.images).toHaveLength(1);
    const [main, first, second] = jobs();
    expect(jobs()).toHaveLength(3);
    expect(main.prompt).toBe("a portrait");
    expect([first.prompt, first.negative, first.seed]).toEqual(["a red thing", "blurry, dull", 11]);
    expect([second.prompt, second.negative, second.seed]).toEqual(["a green thing", "blurry, dull", 12]);
    // Each child's mask is around its own square (the red cell's centre 464, 336; the green cell's 112, 176).
    expect(Math.hypot(first.centre![0] - 464.5, first.centre![1] - 336.5)).toBeLessThan(3);
    expect(Math.hypot(second.centre![0] - 112.5, second.centre![1] - 176.5)).toBeLessThan(3);
    expect(progress.jobCount).toBe(3);
    // Scripts not on ADetailer's list run in the main job only.
    expect((globalThis as Record<string, unknown>).__adOutsider).toBe(1);
    // Skip img2img ran the main job with one step; the passes take the job's own steps and CFG.
    expect(jobs().map((j) => [j.steps, j.cfg])).toEqual([[1, 5], [3, 5], [3, 5]]);
  }, 300_000);

  it("its settings reach the hooks: ad_max_models 1 drops the second tab, ad_same_seed_for_each_tab gives every mask the image's seed", async () => {
    const tabs = [{ ad_model: "colours.onnx", ad_prompt: "first tab" }, { ad_model: "colours.onnx", ad_prompt: "second tab" }];
    const run = async (overrideSettings: Record<string, unknown>) => {
      jobs().length = 0;
      await img2img({ initImages: [await png(picture())], width: 64, height: 64, overrideSettings, alwaysonScripts: { ADetailer: { args: [true, true, ...tabs] } } });
      return jobs().slice(1).map((j) => [j.prompt, j.seed]);
    };
    expect(await run({})).toEqual([["first tab", 11], ["first tab", 12], ["second tab", 11], ["second tab", 12]]);
    expect(await run({ ad_max_models: 1 })).toEqual([["first tab", 11], ["first tab", 12]]);
    expect(await run({ ad_max_models: "1", ad_same_seed_for_each_tab: "true" })).toEqual([["first tab", 11], ["first tab", 11]]);
  }, 300_000);

  it("ad_save_images_before saves the image before ADetailer as <name>-ad-before next to the result; off, nothing extra", async () => {
    const outputs = path.join(root(), "outputs");
    const saved = () => (fs.existsSync(outputs) ? fs.readdirSync(outputs, { recursive: true }).map(String).filter((f) => f.endsWith(".png")) : []);
    const tab = { ad_model: "colours.onnx" };
    const before = new Set(saved());
    await img2img({ initImages: [await png(picture())], width: 64, height: 64, saveImages: true, alwaysonScripts: { ADetailer: { args: [true, true, tab] } } });
    const plain = saved().filter((f) => !before.has(f));
    expect(plain).toHaveLength(1);
    expect(plain[0]).not.toContain("-ad-before");
    const result = await img2img({ initImages: [await png(picture())], width: 64, height: 64, saveImages: true, overrideSettings: { ad_save_images_before: true }, alwaysonScripts: { ADetailer: { args: [true, true, tab] } } });
    const added = saved().filter((f) => !before.has(f) && !plain.includes(f));
    expect(added).toHaveLength(2);
    // Saved as A1111 saves any image with a suffix: the pattern's name (its own number, the seed) plus "-ad-before".
    const beforeFile = added.find((f) => /\d{5}-11-ad-before\.png$/.test(f));
    expect(beforeFile).toBeDefined();
    expect(added.filter((f) => /\d{5}-11\.png$/.test(f))).toHaveLength(1);
    // The before image is the picture ADetailer started from (Skip img2img: the init image), the result is not.
    const beforeImage = await pixelsOf(fs.readFileSync(path.join(outputs, beforeFile!)));
    expect(Buffer.compare(Buffer.from(beforeImage.data), Buffer.from(picture().data))).toBe(0);
    expect(Buffer.compare(Buffer.from((await pixelsOf(result.images[0].png)).data), Buffer.from(picture().data))).not.toBe(0);
  }, 300_000);

  it("[SKIP] leaves the first mask alone; the legacy ad_mask_k_largest keeps only the largest box", async () => {
    jobs().length = 0;
    await img2img({ initImages: [await png(picture())], width: 64, height: 64, alwaysonScripts: { ADetailer: { args: [true, true, { ad_model: "colours.onnx", ad_prompt: "[SKIP] [SEP] green" }] } } });
    expect(jobs().slice(1).map((j) => [j.prompt, j.seed])).toEqual([["green", 12]]);
    jobs().length = 0;
    await img2img({ initImages: [await png(picture())], width: 64, height: 64, alwaysonScripts: { ADetailer: { args: [true, true, { ad_model: "colours.onnx", ad_mask_k_largest: 1, ad_mask_filter_method: "Confidence" }] } } });
    const only = jobs().slice(1);
    expect(only).toHaveLength(1);
    expect(Math.abs(only[0].centre![0] - 464.5)).toBeLessThan(3);
  }, 300_000);
});

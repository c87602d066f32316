// ADetailer (Bing-su/adetailer 25.3.0, docs/adetailer.md): an always-on script that, after every image, detects
// faces or persons, turns the boxes into masks in ADetailer's order and redraws each region with an
// only-masked inpaint child job of its own prompt — at the job's processing size, so a small face is rendered
// several times larger than it appears. "Skip img2img" works on the init image itself (fixing a photograph).
import { decodeImage, defineScript, type ExtensionApi, type JobContext, type RgbImage, type ScalarParam } from "@onyx/sdk";
import { parseApiArgs } from "./args";
import { ADETAILER_AXES } from "./axes";
import { ADETAILER_VERSION, adetailerInfotext, isActiveTab } from "./infotext";
import type { InpaintSizeMode } from "./inpaint-size";
import { boxMask, masksTouching, preprocessMasks, type MergeMode } from "./masks";
import { filterByRatio, sortPredictions, topK, type Prediction, type SortMode, type TopKMethod } from "./ordering";
import { passParams } from "./pass-params";
import { imagePrompt } from "./prompts";
import { previewWithBoxes } from "./preview";
import { ADETAILER_SETTINGS, adSetting, TAB_LIMIT } from "./settings";
import { ordinal, TAB_FIELDS, type Tab } from "./tab-fields";

const tabParams = TAB_FIELDS.map((t): ScalarParam => {
  const base = {
    name: t.key,
    label: t.label,
    ...(t.infotext ? { infotext: t.infotext } : {}),
    ...(t.group ? { group: t.group } : {}),
    ...(t.shownWith ? { visibleWhen: { param: t.shownWith, is: [true] } } : {}),
  };
  if (t.type === "bool") return { ...base, type: "bool", default: t.default as boolean };
  if (t.type === "choice") return { ...base, type: "choice", choices: t.choices!, default: t.default as string };
  if (t.from) return { ...base, type: "choice", choices: [t.default as string], default: t.default as string, choicesFrom: t.from };
  if (t.type === "string") return { ...base, type: "string", default: t.default as string, multiline: t.key.endsWith("prompt") };
  return { ...base, type: t.type === "int" ? "int" : "number", default: t.default as number, min: t.min, max: t.max };
});

const params = [
  { name: "enable", label: "ADetailer", type: "bool", default: false, infotext: "ADetailer enable" },
  { name: "skip_img2img", label: "Skip img2img", type: "bool", default: false, infotext: "ADetailer skip img2img" },
  // "Max tabs" (ad_max_models): the UI offers that many; a request's tabs beyond it are dropped in `process`.
  { name: "tabs", type: "repeat", params: tabParams, defaultCount: 1, minCount: 0, maxCount: TAB_LIMIT, maxCountSetting: "ad_max_models" },
] as const;

interface Args {
  enable: boolean;
  skip_img2img: boolean;
  tabs: Tab[];
}

/** What `process` decided for the job, read by `postprocessImage`. */
interface Plan {
  tabs: Tab[];
  skipImg2img: boolean;
  /** The main job's steps, sampler and size before Skip img2img shrank them. */
  steps: number;
  samplerName: string;
  scheduler: string;
  width: number;
  height: number;
}

const SELF = "adetailer";
/** Built-in scripts ADetailer keeps in its passes whatever the list says. */
const ALWAYS_KEPT = ["soft_inpainting", "hypertile_script"];

function process(ctx: JobContext<Args>): void {
  const { args, job } = ctx;
  if (!args.enable) return;
  // A1111 gives ADetailer 2 + "Max tabs" argument slots, so tabs beyond the setting never reach it.
  const tabs = args.tabs.slice(0, adSetting(ctx, "ad_max_models"));
  if (!tabs.some(isActiveTab)) return;
  const inpainting = ctx.kind === "img2img" && job.img2img?.mask != null;
  const skipImg2img = ctx.kind === "img2img" && args.skip_img2img && !inpainting;
  if (ctx.kind === "img2img" && args.skip_img2img && inpainting) {
    // ADetailer refuses Skip img2img for inpainting and turns itself off for the job.
    ctx.warn("ADetailer: Skip img2img does not apply to inpainting; ADetailer was turned off");
    return;
  }
  const p = job.params;
  ctx.state.set("plan", { tabs, skipImg2img, steps: p.steps, samplerName: p.samplerName, scheduler: p.scheduler, width: p.width, height: p.height } satisfies Plan);
  if (skipImg2img) Object.assign(p, { steps: 1, samplerName: "Euler", width: 128, height: 128 });
  for (const tab of tabs) {
    if (isActiveTab(tab) && tab.ad_controlnet_model !== "None") ctx.warn(`ADetailer: ControlNet is not available; "${tab.ad_controlnet_model}" was not used`);
    if (isActiveTab(tab) && tab.ad_restore_face) ctx.warn("ADetailer: face restoration is not available; the tab ran without it");
  }
  for (const [key, value] of adetailerInfotext(tabs)) ctx.setInfotext(key, value);
}

/** One tab's masks on `image`, in ADetailer's order, with the box each mask index refers to. */
async function tabMasks(ctx: JobContext<Args>, tab: Tab, image: RgbImage): Promise<{ masks: Uint8Array[]; boxes: Prediction["box"][] }> {
  const { width, height } = image;
  const classes = String(tab.ad_model_classes).split(",").map((c) => c.trim()).filter(Boolean);
  let found;
  try {
    found = await ctx.services.detection.detect(String(tab.ad_model), image, { confidence: Number(tab.ad_confidence) });
  } catch (error) {
    // ADetailer reports a model it cannot find and goes on without the tab.
    ctx.warn(`ADetailer: ${(error as Error).message}`);
    return { masks: [], boxes: [] };
  }
  let preds: Prediction[] = found
    .filter((d) => classes.length === 0 || classes.includes(d.label))
    .map((d) => ({ box: d.box, score: d.score, mask: d.mask?.data ?? boxMask(d.box, width, height) }));
  preds = filterByRatio(preds, Number(tab.ad_mask_min_ratio), Number(tab.ad_mask_max_ratio), width, height);
  preds = topK(preds, Number(tab.ad_mask_k), tab.ad_mask_filter_method as TopKMethod);
  preds = sortPredictions(preds, adSetting(ctx, "ad_bbox_sortby") as SortMode, width, height);
  let masks = preprocessMasks(preds.map((p) => p.mask), width, height, {
    dilateErode: Number(tab.ad_dilate_erode),
    xOffset: Number(tab.ad_x_offset),
    yOffset: Number(tab.ad_y_offset),
    merge: tab.ad_mask_merge_invert as MergeMode,
  });
  const img2img = ctx.job.img2img;
  if (img2img?.mask && !img2img.inpaintFullRes) {
    const user = await decodeImage(img2img.mask);
    const gray = new Uint8Array(width * height);
    if (user.width === width && user.height === height) for (let i = 0; i < gray.length; i++) gray[i] = user.data[i * 3] > 127 !== img2img.inpaintingMaskInvert ? 255 : 0;
    masks = masksTouching(masks, gray);
  }
  return { masks, boxes: preds.map((p) => p.box) };
}

/**
 * Which of the job's always-on scripts run in ADetailer's passes: never ADetailer itself; with "Apply only selected
 * scripts to ADetailer" (on by default) only the listed ones and the built-ins it keeps, matched by name with
 * spaces as underscores (ADetailer matches file names); with it off, all the others.
 */
function childScripts(ctx: JobContext<Args>): (id: string) => boolean {
  if (!adSetting(ctx, "ad_only_selected_scripts")) return (id) => id !== SELF;
  const listed = adSetting(ctx, "ad_script_names").split(",").map((n) => n.trim()).filter(Boolean);
  const kept = new Set([...listed, ...ALWAYS_KEPT]);
  return (id) => id !== SELF && kept.has(id.toLowerCase().replace(/\s+/g, "_"));
}

/** The child job's settings a tab overrides (checkpoint, VAE, CLIP skip as override settings, as ADetailer). */
function childOverrides(tab: Tab, plan: Plan, parentOverrides: Record<string, unknown>) {
  const overrideSettings: Record<string, unknown> = {};
  if (tab.ad_use_checkpoint && tab.ad_checkpoint !== "Use same checkpoint") overrideSettings.sd_model_checkpoint = tab.ad_checkpoint;
  if (tab.ad_use_vae && tab.ad_vae !== "Use same VAE") overrideSettings.sd_vae = tab.ad_vae;
  if (tab.ad_use_clip_skip) overrideSettings.CLIP_stop_at_last_layers = tab.ad_clip_skip;
  const sampler = tab.ad_use_sampler && tab.ad_sampler !== "Use same sampler" ? String(tab.ad_sampler) : plan.samplerName;
  return {
    steps: tab.ad_use_steps ? Number(tab.ad_steps) : plan.steps,
    ...(tab.ad_use_cfg_scale ? { cfgScale: Number(tab.ad_cfg_scale) } : {}),
    samplerName: sampler,
    scheduler: tab.ad_use_sampler && tab.ad_scheduler !== "Use same scheduler" ? String(tab.ad_scheduler) : plan.scheduler,
    ...(tab.ad_use_noise_multiplier ? { initialNoiseMultiplier: Number(tab.ad_noise_multiplier) } : {}),
    ...(Object.keys(overrideSettings).length ? { overrideSettings: { ...parentOverrides, ...overrideSettings } } : {}),
  };
}

/** The detection preview as the live preview, and saved (`-ad-preview`, `-ad-preview-2nd`, …) when the setting is on. */
async function showPreview(ctx: JobContext<Args>, index: number, n: number, preview: RgbImage): Promise<void> {
  await ctx.services.progress.setPreview(preview);
  if (!adSetting(ctx, "ad_save_previews")) return;
  const suffix = n === 0 ? "-ad-preview" : `-ad-preview-${ordinal(n + 1)}`;
  await ctx.services.saveImage(preview, ctx.services.infotext(index), { index, suffix });
}

async function postprocessImage(ctx: JobContext<Args>, { index, image }: { index: number; image: RgbImage }): Promise<RgbImage | undefined> {
  const plan = ctx.state.get("plan") as Plan | undefined;
  if (!plan) return undefined;
  const { job, services } = ctx;
  const start = plan.skipImg2img ? await decodeImage(job.img2img!.initImages[0]) : image;
  let current = start;
  for (const [n, tab] of plan.tabs.entries()) {
    if (!isActiveTab(tab) || services.progress.shouldStop) continue;
    const { masks, boxes } = await tabMasks(ctx, tab, current);
    if (boxes.length > 0) await showPreview(ctx, index, n, previewWithBoxes(current, boxes));
    if (masks.length === 0) {
      console.log(`[-] ADetailer: nothing detected on image ${index + 1} with ${n + 1}. settings.`);
      continue;
    }
    const steps = services.progress.subSteps(masks.length, `ADetailer ${n + 1}: mask`);
    try {
      for (const [j, mask] of masks.entries()) {
        if (services.progress.shouldStop) break;
        steps.next();
        const pass = passParams(tab, j, boxes[j], {
          prompt: imagePrompt(job.allPrompts, index, job.params.prompt),
          negativePrompt: imagePrompt(job.allNegativePrompts, index, job.params.negativePrompt),
          seed: job.allSeeds[index % job.allSeeds.length],
          subseed: job.allSubseeds[index % job.allSubseeds.length],
          width: plan.width,
          height: plan.height,
          imageWidth: current.width,
          imageHeight: current.height,
          sameSeed: adSetting(ctx, "ad_same_seed_for_each_tab"),
          denoisePower: adSetting(ctx, "ad_dynamic_denoise_power"),
          // Strict picks among SDXL's buckets; Onyx runs SD 1.x checkpoints, for which ADetailer keeps the size.
          matchSize: (adSetting(ctx, "ad_match_inpaint_bbox_size") as InpaintSizeMode) === "Free" ? "Free" : "Off",
        });
        if (!pass) continue;
        const { denoisingStrength, width, height, ...prompts } = pass;
        const repaired = await services.inpaintPixels({
          image: current,
          mask: { width: current.width, height: current.height, data: mask },
          width,
          height,
          padding: Number(tab.ad_inpaint_only_masked_padding),
          maskBlur: Number(tab.ad_mask_blur),
          denoisingStrength,
          onlyMasked: Boolean(tab.ad_inpaint_only_masked),
          params: { ...prompts, ...childOverrides(tab, plan, job.params.overrideSettings) },
          alwaysOnFilter: childScripts(ctx),
        });
        current = repaired.image;
      }
    } finally {
      steps.done();
    }
  }
  if (current !== start && adSetting(ctx, "ad_save_images_before")) {
    await services.saveImage(start, services.infotext(index), { index, suffix: "-ad-before" });
  }
  return current === image ? undefined : current;
}

export const adetailer = defineScript({
  title: "ADetailer",
  tabs: ["txt2img", "img2img"],
  kind: "alwaysOn",
  params,
  apiArgs: (args) => {
    const parsed = parseApiArgs(args);
    return { ...parsed, tabs: parsed.tabs.slice(0, TAB_LIMIT) };
  },
  hooks: {
    process: (ctx) => process(ctx as unknown as JobContext<Args>),
    postprocessImage: (ctx, input) => postprocessImage(ctx as unknown as JobContext<Args>, input),
  },
});

export function register(api: ExtensionApi): void {
  for (const setting of ADETAILER_SETTINGS) api.registerSetting(setting, { id: "adetailer", label: "ADetailer" });
  api.registerScript(adetailer);
  for (const axis of ADETAILER_AXES) api.registerXyzAxis(axis);
  api.registerRoute({ method: "GET", path: "/v1/version", handler: () => ({ version: ADETAILER_VERSION }) });
  api.registerRoute({ method: "GET", path: "/v1/ad_model", handler: ({ detectors }) => ({ ad_model: detectors().map((d) => d.name) }) });
  api.registerRoute({ method: "GET", path: "/v1/schema", handler: () => tabSchema() });
}

/** A JSON schema of one tab dict (ADetailer's pydantic model, `additionalProperties: false`). */
function tabSchema() {
  const type = { bool: "boolean", int: "integer", float: "number", string: "string", choice: "string" } as const;
  const properties = Object.fromEntries(
    TAB_FIELDS.map((t) => [
      t.key,
      { title: t.label, type: t.nullable ? [type[t.type], "null"] : type[t.type], default: t.nullable ? null : t.default, ...(t.min !== undefined ? { minimum: t.min } : {}), ...(t.max !== undefined ? { maximum: t.max } : {}), ...(t.choices ? { enum: t.choices } : {}) },
    ]),
  );
  return { title: "ADetailerArgs", type: "object", properties, additionalProperties: false };
}

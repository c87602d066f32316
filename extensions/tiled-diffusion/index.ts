// Tiled Diffusion as an Onyx extension (docs/tiled-diffusion.md): an always-on script that, when the canvas
// needs more than one latent tile (or regions are on), replaces every UNet evaluation of the job's first
// pass by tile calls blended with MultiDiffusion's counts or Mixture of Diffusers' Gaussians, paints regions
// with their own prompts and seeds, and in img2img upscales the input first.
import { condAtStep, decodeImage, defineScript, discreteScheduleFromConfig, encodePng, epsFromV, pythonRepr, stackConditioning, type GrayImage, type Img2imgStart, type JobContext, type ParamValues, type UnetFn } from "@onyx/sdk";
import { tiledUnet, type CanvasPlan, type TilePass } from "./blend";
import { tiledDiffusionMemoryPlan } from "./memory-plan";
import { splits, tileGrid } from "./grid";
import { argsFromInfotext, float, tiledDiffusionInfo } from "./infotext";
import { apiArgs, PARAMS, type Method } from "./params";
import { regionBox, regionContext, regionNoise, type Region } from "./regions";
import { detailMap, invertedNoise, invertLatent, inversionSigmas, renoise, resizeBilinear, sameInversion, type InversionKey } from "./noise-inversion";
import { featherMask, gaussianWeights } from "./weights";

type Args = ParamValues<typeof PARAMS>;
type Ctx = JobContext<Args>;

/** What `process` decided for the job: the regions in force (null without region control). */
interface Activation {
  regions: Region[] | null;
}

const randomSeed = () => Math.floor(Math.random() * 4294967296);

/** The enabled regions with their actual seeds (−1 drawn now, so the infotext can give it back). */
function activeRegions(args: Args): Region[] {
  return args.bbox_controls.flatMap((r, k): Region[] =>
    r.enable && r.w > 0 && r.h > 0
      ? [{ number: k + 1, x: r.x, y: r.y, w: r.w, h: r.h, prompt: r.prompt, negPrompt: r.neg_prompt, foreground: r.blend_mode === "Foreground", featherRatio: r.feather_ratio, seed: r.seed === -1 ? randomSeed() : r.seed }]
      : [],
  );
}

/** img2img: the first init image upscaled (replacing every init image) and the canvas size (spec rules). */
async function upscaleInput(ctx: Ctx): Promise<void> {
  const { args, job } = ctx;
  const inputs = job.img2img!;
  if (inputs.initImages.length === 0) return;
  const known = ctx.services.upscalers.list().map((u) => u.name);
  if (!known.includes(args.upscaler)) throw new Error(`Tiled Diffusion: no upscaler named "${args.upscaler}" (installed: ${known.join(", ")})`);
  let image = await decodeImage(inputs.initImages[0], "image", job.options.img2img_background_color);
  if (args.upscaler !== "None") {
    image = await ctx.services.upscalers.upscale(image, args.scale_factor, args.upscaler);
    const png = await encodePng(image);
    inputs.initImages = inputs.initImages.map(() => png);
    ctx.setInfotext("Tiled Diffusion upscaler", args.upscaler);
    ctx.setInfotext("Tiled Diffusion scale factor", float(args.scale_factor));
  }
  if (args.keep_input_size) {
    job.params.width = image.width;
    job.params.height = image.height;
  } else if (args.upscaler !== "None") {
    job.params.width = Math.trunc(args.scale_factor * job.params.width);
    job.params.height = Math.trunc(args.scale_factor * job.params.height);
  }
}

/** The passes of one canvas evaluation: grid batches (unless regions paint alone), then one per region. */
export function canvasPlan(method: Method, args: Pick<Args, "tile_width" | "tile_height" | "overlap" | "batch_size">, width: number, height: number, regions: readonly Region[] | null, background: boolean): CanvasPlan {
  const gaussian = method === "Mixture of Diffusers";
  const passes: TilePass[] = [];
  if (!regions || background) {
    const grid = tileGrid({ width, height, tileWidth: args.tile_width, tileHeight: args.tile_height, overlap: args.overlap, batchSize: args.batch_size });
    const [, , tw, th] = grid.tiles[0];
    const weight = gaussian ? gaussianWeights(tw, th) : null;
    for (const boxes of grid.batches) passes.push({ boxes, layer: "base", weights: boxes.map(() => weight), region: null });
  }
  (regions ?? []).forEach((region, index) => {
    const box = regionBox(region, width, height);
    const [, , bw, bh] = box;
    if (bw <= 0 || bh <= 0) return;
    if (region.foreground) passes.push({ boxes: [box], layer: "foreground", weights: [featherMask(bw, bh, region.featherRatio)], region: index });
    else passes.push({ boxes: [box], layer: "base", weights: [gaussian ? gaussianWeights(bw, bh) : null], region: index });
  });
  return { width, height, passes };
}

/** The job's canvas plan as `process` decided it. */
function jobCanvas(ctx: Ctx, active: Activation): CanvasPlan {
  const { args, job } = ctx;
  return canvasPlan(args.method, args, Math.trunc(job.params.width / 8), Math.trunc(job.params.height / 8), active.regions, args.draw_background);
}

/** `inner` tiled over the job's canvas as `process` planned it. */
function tiled(inner: UnetFn, ctx: Ctx, active: Activation): UnetFn {
  const { job, services } = ctx;
  const plan = jobCanvas(ctx, active);
  const regions = active.regions ?? [];
  const prompts = {
    cond: async (prompt: string) => (await services.prompts.cond([prompt]))[0],
    uncond: async (prompt: string) => (await services.prompts.uncond([prompt]))[0],
    emptyChunk: () => services.prompts.emptyChunk(),
  };
  return tiledUnet(inner, plan, {
    shouldStop: () => services.progress.shouldStop,
    regionContext: (index, batch) => regionContext(regions[index], batch, prompts, job.allPrompts, job.allNegativePrompts),
  });
}

function wrap(inner: UnetFn, ctx: Ctx): UnetFn {
  const active = ctx.state.get("active") as Activation | undefined;
  return active ? tiled(inner, ctx, active) : inner;
}

/** PIL's convert("L"): ITU-R 601 luma in fixed point. */
function grayOf(image: { width: number; height: number; data: Uint8Array }): GrayImage {
  const data = new Uint8Array(image.width * image.height);
  for (let i = 0; i < data.length; i++) data[i] = (image.data[3 * i] * 19595 + image.data[3 * i + 1] * 38470 + image.data[3 * i + 2] * 7471 + 0x8000) >> 16;
  return { width: image.width, height: image.height, data };
}

interface CachedInversion {
  key: InversionKey;
  inverted: Float32Array;
}

/**
 * Noise inversion for one img2img batch: the init latent inverted with the tiled model under the positive
 * prompts (reused while model, steps, prompts, retouch, shape and init latent stay the same), then re-noised.
 */
async function invertStart(ctx: Ctx, active: Activation, start: Img2imgStart): Promise<Img2imgStart> {
  const { args, job, services } = ctx;
  const model = services.model;
  if (model.unetInChannels !== 4) throw new Error("Tiled Diffusion: noise inversion needs a model whose UNet takes the 4 latent channels (not an inpainting model)");
  const [b, , h, w] = start.initLatent.shape;
  const batchNo = ((ctx.state.get("batch") as number | undefined) ?? -1) + 1;
  ctx.state.set("batch", batchNo);
  const images = Array.from({ length: b }, (_, i) => Math.min(batchNo * job.params.batchSize + i, job.allPrompts.length - 1));
  const prompts = images.map((i) => job.allPrompts[i]);
  const key: InversionKey = { model: model.hash, steps: args.noise_inverse_steps, prompts: JSON.stringify(prompts), retouch: args.noise_inverse_retouch, shape: start.initLatent.shape.join(","), initLatent: start.initLatent.data };
  const cached = ctx.state.get("inversion") as CachedInversion | undefined;
  const schedule = discreteScheduleFromConfig(model.scheduler);
  let inverted = cached && sameInversion(cached.key, key) ? cached.inverted : null;
  if (!inverted) {
    const unet = tiled(model.unet, ctx, active);
    const parts = await services.prompts.cond(prompts);
    const steps = args.noise_inverse_steps;
    const progress = services.progress.subSteps(steps, "Noise inversion");
    try {
      inverted = await invertLatent(start.initLatent.data, inversionSigmas(schedule, steps), async (x, sigma, step) => {
        progress.next();
        const scale = 1 / Math.sqrt(sigma * sigma + 1);
        const scaled = x.map((v) => v * scale);
        const out = await unet({
          x: { data: scaled, shape: start.initLatent.shape },
          timesteps: images.map(() => schedule.sigmaToT(sigma) / args.noise_inverse_retouch),
          sigmas: images.map(() => sigma),
          context: stackConditioning(parts.map((p) => condAtStep(p[0].schedule, 0))),
          imageCond: null,
          entries: images.map((image) => ({ image, cond: true, part: 0 })),
          step,
          totalSteps: steps,
        });
        return schedule.predictionType === "v_prediction" ? epsFromV(scaled, 1 / (1 + sigma * sigma), out) : out;
      });
    } finally {
      progress.done();
    }
    ctx.state.set("inversion", { key, inverted } satisfies CachedInversion);
  }
  let noise = invertedNoise(start.initLatent.data, inverted, schedule.sigmaMax);
  if (args.noise_inverse_renoise_strength > 0) {
    const picture = grayOf(await decodeImage(job.img2img!.initImages[0], "image", job.options.img2img_background_color));
    const detail = resizeBilinear(detailMap(picture, args.noise_inverse_renoise_kernel), picture.width, picture.height, w, h);
    noise = renoise(noise, start.noise.data, detail, args.noise_inverse_renoise_strength);
  }
  return { ...start, noise: { data: noise, shape: start.noise.shape } };
}

export const tiledDiffusion = defineScript({
  title: "Tiled Diffusion",
  tabs: ["txt2img", "img2img"],
  kind: "alwaysOn",
  params: PARAMS,
  apiArgs,
  pasteInfotext: argsFromInfotext,
  hooks: {
    async process(ctx) {
      const { args, job } = ctx;
      if (!args.enabled) return;
      if (ctx.kind === "img2img") await upscaleInput(ctx);
      else if (args.overwrite_size) {
        job.params.width = args.image_width;
        job.params.height = args.image_height;
      }
      const regionControl = args.enable_bbox_control;
      const inversion = ctx.kind === "img2img" && args.noise_inverse;
      const tiles = splits({ width: job.params.width, height: job.params.height, tileWidth: args.tile_width, tileHeight: args.tile_height, overlap: args.overlap });
      if (!tiles && !regionControl && !inversion) return;
      // The extension samples an inverted start with Euler, whatever the job asked for.
      if (inversion) job.params.samplerName = "Euler";
      const regions = regionControl ? activeRegions(args) : null;
      ctx.state.set("active", { regions } satisfies Activation);
      ctx.setInfotext("Tiled Diffusion", pythonRepr(tiledDiffusionInfo(args, ctx.kind === "img2img", regions)));
    },
    wrapUnet: wrap,
    memoryPlan(ctx, plan) {
      const active = ctx.state.get("active") as Activation | undefined;
      return active ? tiledDiffusionMemoryPlan(plan, jobCanvas(ctx, active)) : undefined;
    },
    img2imgStart(ctx, start) {
      const active = ctx.state.get("active") as Activation | undefined;
      return active && ctx.kind === "img2img" && ctx.args.noise_inverse ? invertStart(ctx, active, start) : start;
    },
    initialNoise(ctx, noise) {
      const regions = (ctx.state.get("active") as Activation | undefined)?.regions;
      return regions?.length ? regionNoise(noise, regions, ctx.job.options.randn_source) : noise;
    },
  },
});

export const scripts = [tiledDiffusion];

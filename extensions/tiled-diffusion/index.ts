// Tiled Diffusion as an Onyx extension (docs/tiled-diffusion.md): an always-on script that, when the canvas
// needs more than one latent tile (or regions are on), replaces every UNet evaluation of the job's first
// pass by tile calls blended with MultiDiffusion's counts or Mixture of Diffusers' Gaussians, paints regions
// with their own prompts and seeds, and in img2img upscales the input first.
import { decodeImage, defineScript, encodePng, pythonRepr, type JobContext, type ParamValues, type UnetFn } from "@onyx/sdk";
import { tiledUnet, type CanvasPlan, type TilePass } from "./blend";
import { splits, tileGrid } from "./grid";
import { float, tiledDiffusionInfo } from "./infotext";
import { apiArgs, PARAMS, type Method } from "./params";
import { regionBox, regionContext, regionNoise, type Region } from "./regions";
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

function wrap(inner: UnetFn, ctx: Ctx): UnetFn {
  const active = ctx.state.get("active") as Activation | undefined;
  if (!active) return inner;
  const { args, job, services } = ctx;
  const latentW = Math.trunc(job.params.width / 8);
  const latentH = Math.trunc(job.params.height / 8);
  const plan = canvasPlan(args.method, args, latentW, latentH, active.regions, args.draw_background);
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

export const tiledDiffusion = defineScript({
  title: "Tiled Diffusion",
  tabs: ["txt2img", "img2img"],
  kind: "alwaysOn",
  params: PARAMS,
  apiArgs,
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
      const tiles = splits({ width: job.params.width, height: job.params.height, tileWidth: args.tile_width, tileHeight: args.tile_height, overlap: args.overlap });
      if (!tiles && !regionControl) return;
      const regions = regionControl ? activeRegions(args) : null;
      ctx.state.set("active", { regions } satisfies Activation);
      ctx.setInfotext("Tiled Diffusion", pythonRepr(tiledDiffusionInfo(args, ctx.kind === "img2img", regions)));
    },
    wrapUnet: wrap,
    initialNoise(ctx, noise) {
      const regions = (ctx.state.get("active") as Activation | undefined)?.regions;
      return regions?.length ? regionNoise(noise, regions, ctx.job.options.randn_source) : noise;
    },
  },
});

export const scripts = [tiledDiffusion];

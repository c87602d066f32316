// Region prompt control (docs/tiled-diffusion.md#regions): a region's latent box, its starting noise, and its
// conditioning — "<main prompt>, <region prompt>" and "<main negative>, <region negative>" per entry.
import { condAtStep, createGenerator, padWithEmptyChunks, stackConditioning, type ComposablePart, type RngSource, type ScheduledConditioning, type Tensor, type TextConditioning, type UnetBatch } from "@onyx/sdk";
import type { TileBox } from "./grid";

export interface Region {
  /** The region's number in the infotext (its place in the list + 1). */
  number: number;
  x: number;
  y: number;
  w: number;
  h: number;
  prompt: string;
  negPrompt: string;
  foreground: boolean;
  featherRatio: number;
  /** The seed actually used (never −1). */
  seed: number;
}

/** A region's box in latent pixels: x0 = int(x·w), y0 = int(y·h), ceil sizes, clamped inside the canvas. */
export function regionBox(region: Pick<Region, "x" | "y" | "w" | "h">, width: number, height: number): TileBox {
  const x0 = Math.max(0, Math.trunc(region.x * width));
  const y0 = Math.max(0, Math.trunc(region.y * height));
  const bw = Math.min(Math.ceil(region.w * width), width - x0);
  const bh = Math.min(Math.ceil(region.h * height), height - y0);
  return [x0, y0, bw, bh];
}

/**
 * The starting noise with every region's box filled from the region's seed: overlapping background boxes are
 * averaged, foreground boxes likewise, foreground wins over background, other pixels keep `noise` [B, C, h, w].
 */
export function regionNoise(noise: Tensor, regions: readonly Region[], source: RngSource): Tensor {
  const [b, c, h, w] = noise.shape;
  const plane = h * w;
  const layers = [false, true].map(() => ({ sum: new Float64Array(b * c * plane), count: new Float64Array(plane) }));
  for (const region of regions) {
    const [x0, y0, bw, bh] = regionBox(region, w, h);
    const fresh = createGenerator(source, region.seed).randn(b * c * bw * bh);
    const layer = layers[region.foreground ? 1 : 0];
    for (let y = 0; y < bh; y++) for (let x = 0; x < bw; x++) layer.count[(y0 + y) * w + x0 + x] += 1;
    for (let p = 0; p < b * c; p++) {
      for (let y = 0; y < bh; y++) for (let x = 0; x < bw; x++) layer.sum[p * plane + (y0 + y) * w + x0 + x] += fresh[(p * bh + y) * bw + x];
    }
  }
  const out = Float32Array.from(noise.data);
  for (let p = 0; p < b * c; p++) {
    for (let i = 0; i < plane; i++) {
      const layer = layers[1].count[i] > 0 ? layers[1] : layers[0];
      if (layer.count[i] > 0) out[p * plane + i] = layer.sum[p * plane + i] / layer.count[i];
    }
  }
  return { data: out, shape: noise.shape };
}

/** Encodes prompts (the job's prompt service, cached per model). */
export interface RegionPrompts {
  cond(prompt: string): Promise<ComposablePart[]>;
  uncond(prompt: string): Promise<ScheduledConditioning[]>;
  emptyChunk(): Promise<TextConditioning>;
}

const joined = (main: string, extra: string) => (extra ? `${main}, ${extra}` : main);

/**
 * The region's conditioning for every entry of `batch` (its `entries` say which image, prompt part or
 * negative each is), padded with empty chunks to one length so that the region runs in one call.
 */
export async function regionContext(region: Region, batch: UnetBatch, prompts: RegionPrompts, mainPrompts: readonly string[], mainNegatives: readonly string[]): Promise<Tensor> {
  if (!batch.entries) return batch.context;
  const conds = await Promise.all(
    batch.entries.map(async (entry) => {
      if (!entry.cond) return condAtStep(await prompts.uncond(joined(mainNegatives[entry.image], region.negPrompt)), batch.step);
      const parts = await prompts.cond(joined(mainPrompts[entry.image], region.prompt));
      return condAtStep(parts[Math.min(entry.part, parts.length - 1)].schedule, batch.step);
    }),
  );
  const tokens = Math.max(...conds.map((c) => c.tokens));
  const empty = await prompts.emptyChunk();
  return stackConditioning(conds.map((c) => padWithEmptyChunks(c, empty, tokens)));
}

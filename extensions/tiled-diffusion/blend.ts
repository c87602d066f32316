// One UNet evaluation over the whole canvas done as UNet calls on latent tiles, blended back
// (docs/tiled-diffusion.md#per-step): every tile of a call is cropped from every entry of the CFG batch
// (tile-major), the timesteps, noise levels, text conditioning and per-entry labels repeated per tile, the
// image conditioning cropped when it has the canvas size; the outputs are accumulated with each tile's
// weight and divided by the summed weights. Because a denoised prediction is affine in the UNet output with
// the same per-entry scalars at every pixel (ε and v models alike), a weighted average of UNet outputs with
// weights summing to 1 is the same weighted average of denoised predictions — so both methods blend here,
// exactly for every sampler type.
import { JobInterrupted, type Tensor, type UnetBatch, type UnetFn } from "@onyx/sdk";
import type { TileBox } from "./grid";

/** Which canvas layer a pass paints: the base (grid tiles, background regions) or the foreground. */
export type Layer = "base" | "foreground";

/** One UNet call: equally sized boxes with their weights, under the batch's own or a region's conditioning. */
export interface TilePass {
  boxes: TileBox[];
  layer: Layer;
  /** Per box: its weight map [bh·bw] (base layer; null = 1 everywhere) or its feather mask (foreground). */
  weights: Array<Float32Array | null>;
  /** The region whose conditioning the call uses; null for the batch's own (grid tiles). */
  region: number | null;
}

export interface CanvasPlan {
  width: number;
  height: number;
  passes: TilePass[];
}

export interface TiledUnetHooks {
  /** Checked between tile calls: true stops the sampling pass (JobInterrupted). */
  shouldStop(): boolean;
  /** A region's conditioning for the batch's entries, [N, tokens, dim]. */
  regionContext(region: number, batch: UnetBatch): Promise<Tensor>;
}

/** Per canvas pixel: the summed base weights, the foreground count and summed feather masks. */
interface Totals {
  base: Float64Array;
  foregrounds: Float64Array;
  feather: Float64Array;
}

function totalsOf(plan: CanvasPlan): Totals {
  const size = plan.width * plan.height;
  const totals: Totals = { base: new Float64Array(size), foregrounds: new Float64Array(size), feather: new Float64Array(size) };
  for (const pass of plan.passes) {
    pass.boxes.forEach(([x0, y0, bw, bh], k) => {
      const weight = pass.weights[k];
      for (let y = 0; y < bh; y++) {
        for (let x = 0; x < bw; x++) {
          const at = (y0 + y) * plan.width + x0 + x;
          const v = weight ? weight[y * bw + x] : 1;
          if (pass.layer === "base") totals.base[at] += v;
          else {
            totals.foregrounds[at] += 1;
            totals.feather[at] += v;
          }
        }
      }
    });
  }
  return totals;
}

/** [T·N, C, bh, bw]: every box cropped from every entry of `x` [N, C, h, w], tile-major. */
export function cropBoxes(x: Tensor, boxes: readonly TileBox[]): Tensor {
  const [n, c, h, w] = x.shape;
  const [, , bw, bh] = boxes[0];
  const out = new Float32Array(boxes.length * n * c * bh * bw);
  let o = 0;
  for (const [x0, y0] of boxes) {
    for (let plane = 0; plane < n * c; plane++) {
      for (let y = 0; y < bh; y++) {
        const from = plane * h * w + (y0 + y) * w + x0;
        out.set(x.data.subarray(from, from + bw), o);
        o += bw;
      }
    }
  }
  return { data: out, shape: [boxes.length * n, c, bh, bw] };
}

/** `t` stacked `times` times along the batch axis. */
function repeatBatch(t: Tensor, times: number): Tensor {
  const out = new Float32Array(t.data.length * times);
  for (let k = 0; k < times; k++) out.set(t.data, k * t.data.length);
  return { data: out, shape: [t.shape[0] * times, ...t.shape.slice(1)] };
}

const repeatList = <T>(list: readonly T[], times: number): T[] => Array.from({ length: times }, () => list).flat();

/** The UNet batch of one pass: the boxes' crops with everything per entry repeated per box. */
function passBatch(batch: UnetBatch, boxes: readonly TileBox[], context: Tensor): UnetBatch {
  const [, , h, w] = batch.x.shape;
  const ic = batch.imageCond;
  const times = boxes.length;
  return {
    ...batch,
    x: cropBoxes(batch.x, boxes),
    timesteps: repeatList(batch.timesteps, times),
    sigmas: repeatList(batch.sigmas, times),
    context: repeatBatch(context, times),
    // Image conditioning of the canvas size (img2img, inpainting models) is cropped; a dummy is repeated.
    imageCond: ic && (ic.shape[2] === h && ic.shape[3] === w ? cropBoxes(ic, boxes) : repeatBatch(ic, times)),
    entries: batch.entries && repeatList(batch.entries, times),
  };
}

/**
 * Wraps `inner` so that a call on a latent of the plan's canvas size runs the plan's passes and returns the
 * blend; calls of any other size (the hires pass) go to `inner` unchanged.
 */
export function tiledUnet(inner: UnetFn, plan: CanvasPlan, hooks: TiledUnetHooks): UnetFn {
  const totals = totalsOf(plan);
  return async (batch) => {
    const [n, , h, w] = batch.x.shape;
    if (h !== plan.height || w !== plan.width) return inner(batch);
    const plane = h * w;
    let channels = 0;
    let base: Float64Array | null = null;
    let foreground: Float64Array | null = null;
    for (const pass of plan.passes) {
      if (hooks.shouldStop()) throw new JobInterrupted("Tiled Diffusion");
      const context = pass.region === null ? batch.context : await hooks.regionContext(pass.region, batch);
      const out = await inner(passBatch(batch, pass.boxes, context));
      const [, , bw, bh] = pass.boxes[0];
      const area = bw * bh;
      channels ||= out.length / (pass.boxes.length * n * area);
      base ??= new Float64Array(n * channels * plane);
      const target = pass.layer === "base" ? base : (foreground ??= new Float64Array(n * channels * plane));
      pass.boxes.forEach(([x0, y0], k) => {
        // Foreground outputs are averaged plainly; their feather masks weigh the layer afterwards.
        const weight = pass.layer === "base" ? pass.weights[k] : null;
        for (let p = 0; p < n * channels; p++) {
          const src = (k * n * channels + p) * area;
          for (let y = 0; y < bh; y++) {
            const row = p * plane + (y0 + y) * w + x0;
            for (let x = 0; x < bw; x++) target[row + x] += out[src + y * bw + x] * (weight ? weight[y * bw + x] : 1);
          }
        }
      });
    }
    const result = new Float32Array(n * channels * plane);
    for (let p = 0; p < n * channels; p++) {
      for (let i = 0; i < plane; i++) {
        const at = p * plane + i;
        const total = totals.base[i];
        let v = total > 0 ? base![at] / total : 0;
        const count = totals.foregrounds[i];
        if (count > 0) {
          const f = totals.feather[i] / count;
          v = v * (1 - f) + (foreground![at] / count) * f;
        }
        result[at] = v;
      }
    }
    return result;
  };
}

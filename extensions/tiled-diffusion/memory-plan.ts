// What a job's UNet calls cost with Tiled Diffusion on, for admission's estimate (docs/tiled-diffusion.md#memory):
// every evaluation of the canvas becomes the canvas plan's passes, one UNet call each — a pass of k tiles is one
// call of k × the CFG batch at the tile's size — and the canvas-sized float64 buffers the blend accumulates in.
// Calls of another size (the hires fix second pass) are not tiled and stay as they are.
import type { CallShape, MemoryPlan } from "@onyx/sdk";
import type { CanvasPlan } from "./blend";

/** SD UNets see latents padded to a multiple of 8 (as the plain call). */
const padded = (n: number) => Math.ceil(n / 8) * 8;
/** Tokens of one prompt chunk: a region's appended prompt may need one more. */
const CHUNK_TOKENS = 77;
/** float64 output accumulator per entry and channel, plus the base weights, foreground counts and feathers. */
const accumulatorBytes = (batch: number, pixels: number) => 8 * pixels * (4 * batch + 3);

/** The plan with every canvas-sized UNet call replaced by the calls of `canvas`'s passes. */
export function tiledDiffusionMemoryPlan(plan: MemoryPlan, canvas: CanvasPlan): MemoryPlan {
  const canvasPixels = padded(canvas.width) * padded(canvas.height);
  let accumulators = 0;
  const unet = plan.unet.flatMap((call): CallShape[] => {
    if (call.pixels !== canvasPixels) return [call];
    accumulators = Math.max(accumulators, accumulatorBytes(call.batch, canvas.width * canvas.height));
    return canvas.passes.map((pass) => ({
      batch: call.batch * pass.boxes.length,
      pixels: Math.max(...pass.boxes.map(([, , w, h]) => padded(w) * padded(h))),
      context: pass.region === null ? call.context : call.context + CHUNK_TOKENS,
    }));
  });
  return { ...plan, unet, extraBytes: plan.extraBytes + accumulators };
}

// The latent noise of one batch (A1111's rng.ImageRNG, docs/samplers.md#which-noise-a-job-draws, docs/a1111/generation.md#noise-variation-seeds-and-the-rng): one generator
// per image seed, so every image of a batch is the image its seed gives alone. Draw #0 is the initial noise
// (variation-seed slerp, seed-resize paste); every later draw — the ancestral/SDE samplers' ε — comes from the
// same per-image generators, re-seeded with seed + ENSD after #0 when the eta noise seed delta is set.

import { numel } from "@/lib/tensor";
import type { NoiseSource } from "@/lib/sampling/types";
import { A1111_NV_SCALES, CUDA_SCALES, PhiloxGenerator } from "@/lib/rng/philox";
import { slerp } from "@/lib/rng/slerp";
import { TorchCpuGenerator } from "@/lib/rng/torch-cpu";

/**
 * A1111's randn_source setting (docs/samplers.md#nv-philox). "GPU" is the device's torch generator, which on the NVIDIA
 * cards most A1111 users have is CUDA's Philox: Onyx computes those values exactly. "NV" is A1111's own CPU
 * copy of it (rng_philox.py, float32 constants), reproduced bit for bit. "CPU" is torch's CPU generator.
 */
export type RngSource = "NV" | "CPU" | "GPU";

export const DEFAULT_RNG_SOURCE: RngSource = "GPU";

/** A seeded stream of float32 standard normals, one tensor per call. */
export interface NormalGenerator {
  randn(count: number): Float32Array;
}

export function createGenerator(source: RngSource, seed: number): NormalGenerator {
  if (source === "CPU") return new TorchCpuGenerator(seed);
  return new PhiloxGenerator(seed, source === "NV" ? A1111_NV_SCALES : CUDA_SCALES);
}

/** A1111 works in latent pixels: the seed-resize size in image pixels is divided by this. */
const LATENT_SCALE = 8;

export interface ImageRngOptions {
  /** Per-image latent shape [C, H, W]. */
  shape: readonly [number, number, number];
  seeds: number[];
  subseeds?: number[];
  subseedStrength?: number;
  /** "Resize seed from" width and height in pixels; used only when both are > 0. */
  seedResizeFromW?: number;
  seedResizeFromH?: number;
  source?: RngSource;
  /** Eta noise seed delta (ENSD); 0 leaves the generators alone. */
  etaNoiseSeedDelta?: number;
}

export class ImageRNG implements NoiseSource {
  private readonly source: RngSource;
  private generators: NormalGenerator[];
  private drawn = 0;

  constructor(private readonly options: ImageRngOptions) {
    this.source = options.source ?? DEFAULT_RNG_SOURCE;
    this.generators = options.seeds.map((seed) => createGenerator(this.source, seed));
  }

  /** The whole batch's next noise, [B, C, H, W]. */
  next(): Float32Array {
    const isFirst = this.drawn === 0;
    this.drawn += 1;
    if (isFirst) return this.first();
    return stack(this.generators.map((generator) => generator.randn(numel(this.options.shape))));
  }

  private first(): Float32Array {
    const { shape, seeds, subseeds, subseedStrength = 0, seedResizeFromW = 0, seedResizeFromH = 0 } = this.options;
    const resized = seedResizeFromW > 0 && seedResizeFromH > 0;
    const noiseShape: [number, number, number] = resized
      ? [shape[0], Math.floor(seedResizeFromH / LATENT_SCALE), Math.floor(seedResizeFromW / LATENT_SCALE)]
      : [shape[0], shape[1], shape[2]];
    const sameShape = noiseShape[1] === shape[1] && noiseShape[2] === shape[2];

    const images = seeds.map((seed, i) => {
      const generator = this.generators[i];
      // At another size A1111 draws the seed noise from a fresh generator; the image's own generator then
      // provides the full-size canvas it is pasted into.
      let noise = sameShape ? generator.randn(numel(shape)) : createGenerator(this.source, seed).randn(numel(noiseShape));
      if (subseeds && subseedStrength !== 0) {
        const subseedNoise = createGenerator(this.source, subseeds[i] ?? 0).randn(numel(noiseShape));
        noise = slerp(subseedStrength, noise, subseedNoise, noiseShape);
      }
      if (sameShape) return noise;
      return pasteCentred(generator.randn(numel(shape)), shape, noise, noiseShape);
    });

    const delta = this.options.etaNoiseSeedDelta ?? 0;
    if (delta !== 0) this.generators = seeds.map((seed) => createGenerator(this.source, seed + delta));
    return stack(images);
  }
}

/**
 * The initial noise alone (ImageRNG draw #0). img2img's "latent noise" fill uses this with the first batch's
 * seeds for every batch (docs/a1111/quirks.md#q19).
 */
export function firstNoise(options: ImageRngOptions): Float32Array {
  return new ImageRNG(options).next();
}

/**
 * Copies `patch` into the middle of `canvas` (both [C, ·, ·]); a patch larger than the canvas is cropped to its
 * centre. Offsets are A1111's floor((canvas − patch) / 2).
 */
export function pasteCentred(
  canvas: Float32Array,
  canvasShape: readonly [number, number, number],
  patch: Float32Array,
  patchShape: readonly [number, number, number],
): Float32Array {
  const [channels, canvasH, canvasW] = canvasShape;
  const [, patchH, patchW] = patchShape;
  const offsetX = Math.floor((canvasW - patchW) / 2);
  const offsetY = Math.floor((canvasH - patchH) / 2);
  // A negative offset crops the patch by that offset on both sides — for an odd size difference one column
  // (row) less than the canvas holds, leaving the canvas's own last column (row) in place, as in A1111.
  const width = offsetX >= 0 ? patchW : patchW + 2 * offsetX;
  const height = offsetY >= 0 ? patchH : patchH + 2 * offsetY;
  const canvasX = Math.max(offsetX, 0);
  const canvasY = Math.max(offsetY, 0);
  const patchX = Math.max(-offsetX, 0);
  const patchY = Math.max(-offsetY, 0);
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < height; y++) {
      const from = (c * patchH + patchY + y) * patchW + patchX;
      const to = (c * canvasH + canvasY + y) * canvasW + canvasX;
      canvas.set(patch.subarray(from, from + width), to);
    }
  }
  return canvas;
}

function stack(images: Float32Array[]): Float32Array {
  const size = images[0]?.length ?? 0;
  const out = new Float32Array(images.length * size);
  images.forEach((image, i) => out.set(image, i * size));
  return out;
}

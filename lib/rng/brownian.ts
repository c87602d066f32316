// Brownian-tree noise for DPM++ SDE, 2M SDE (Heun) and 3M SDE (k-diffusion's BrownianTreeNoiseSampler,
// docs/samplers.md#brownian-noise): per image one Brownian motion W on [σ_min, σ_max] (time = σ), and a query (σ, σ')
// returns (W(σ') − W(σ)) / √|σ' − σ|. Because W is one fixed path, overlapping queries — DPM++ SDE asks for
// σ_i → σ_s and then σ_i → σ_{i+1} — are correlated exactly as Brownian increments are.
//
// W is sampled lazily on a dyadic interval tree: W(σ_min) = 0, W(σ_max) = √(σ_max − σ_min)·Z₀, and the midpoint
// of a node [a, b] is the Brownian bridge (W(a) + W(b))/2 + √((b − a)/4)·Z_node. Each Z is a Philox draw keyed
// by the image seed with the node's heap index as counter, so W(t) is a pure function of (seed, t): the same
// whatever the query order or the rest of the batch. The tree is refined until a leaf is shorter than
// torchsde's default tolerance (1e-6); inside a leaf W is interpolated linearly (variance lost ≤ 1e-6 / 4).
//
// Statistically equivalent to A1111, not bit-identical: A1111 uses torchsde's BrownianInterval, whose node
// seeds come from numpy SeedSequence splitting and whose tree shape follows the query points.

import { numel } from "@/lib/tensor";
import type { BrownianNoise } from "@/lib/sampling/types";
import { philoxNormals, seedKey } from "@/lib/rng/philox";

const TOLERANCE = 1e-6;
/** Heap indices are Philox counter words: 31 levels of midpoints keep them below 2³². */
const MAX_DEPTH = 31;
/** Philox counter word 1 for tree draws; ImageRNG's draws use 0, so the two never share values. */
const BROWNIAN_STREAM = 0x42524f57;

/** One image's Brownian path. */
class BrownianPath {
  private readonly key: [number, number];
  private readonly depth: number;
  private readonly end: Float64Array;
  /** The midpoint values along the most recently walked root-to-leaf path, by depth. */
  private readonly pathNode: number[] = [];
  private readonly pathValue: Float64Array[] = [];
  private readonly queried = new Map<number, Float64Array>();
  private readonly draw: Float32Array;

  constructor(
    seed: number,
    private readonly size: number,
    private readonly start: number,
    private readonly stop: number,
  ) {
    this.key = seedKey(seed);
    this.draw = new Float32Array(size);
    this.depth = Math.min(MAX_DEPTH, Math.max(0, Math.ceil(Math.log2((stop - start) / TOLERANCE))));
    this.end = new Float64Array(size);
    const scale = Math.sqrt(stop - start);
    const z = this.normals(0);
    for (let i = 0; i < size; i++) this.end[i] = scale * z[i];
  }

  /** W(t); t must lie in [start, stop]. */
  at(t: number): Float64Array {
    const cached = this.queried.get(t);
    if (cached) return cached;
    const value = this.walk(t);
    this.queried.set(t, value);
    return value;
  }

  private walk(t: number): Float64Array {
    let a = this.start;
    let b = this.stop;
    let valueA: Float64Array = new Float64Array(this.size); // W(start) = 0
    let valueB: Float64Array = this.end;
    if (t === a) return valueA;
    if (t === b) return new Float64Array(valueB);
    let node = 1;
    for (let level = 0; level < this.depth; level++) {
      const m = (a + b) / 2;
      const valueM = this.midpoint(level, node, b - a, valueA, valueB);
      if (t === m) return new Float64Array(valueM);
      if (t < m) {
        b = m;
        valueB = valueM;
        node = 2 * node;
      } else {
        a = m;
        valueA = valueM;
        node = 2 * node + 1;
      }
    }
    const weight = (t - a) / (b - a);
    const out = new Float64Array(this.size);
    for (let i = 0; i < this.size; i++) out[i] = valueA[i] + weight * (valueB[i] - valueA[i]);
    return out;
  }

  /** Bridge value at the middle of node `node` (heap index) of length `length`, cached per depth. */
  private midpoint(level: number, node: number, length: number, valueA: Float64Array, valueB: Float64Array): Float64Array {
    if (this.pathNode[level] === node) return this.pathValue[level];
    const value = (this.pathValue[level] ??= new Float64Array(this.size));
    const scale = Math.sqrt(length / 4);
    const z = this.normals(node);
    for (let i = 0; i < this.size; i++) value[i] = (valueA[i] + valueB[i]) / 2 + scale * z[i];
    this.pathNode[level] = node;
    return value;
  }

  private normals(node: number): Float32Array {
    return philoxNormals(this.draw, this.key[0], this.key[1], node, BROWNIAN_STREAM);
  }
}

/**
 * Brownian-tree noise for a batch: one path per image seed over [σ_min, σ_max], per-image latent `shape`.
 * Returns the normalised increments stacked over the batch, [B, ...shape]. A zero-length query returns zeros.
 */
export function createBrownianNoise(seeds: number[], shape: readonly number[], sigmaMin: number, sigmaMax: number): BrownianNoise {
  if (!(sigmaMin > 0 && sigmaMax > sigmaMin)) throw new RangeError(`Brownian tree needs 0 < σ_min < σ_max, got ${sigmaMin}, ${sigmaMax}`);
  const size = numel(shape);
  const paths = seeds.map((seed) => new BrownianPath(seed, size, sigmaMin, sigmaMax));
  // Schedules computed separately can land a rounding error outside the interval; snap those to its ends.
  const slack = (sigmaMax - sigmaMin) * 1e-9;
  const clampToInterval = (sigma: number) => {
    if (sigma < sigmaMin - slack || sigma > sigmaMax + slack) {
      throw new RangeError(`Brownian tree query σ = ${sigma} outside [${sigmaMin}, ${sigmaMax}]`);
    }
    return Math.min(sigmaMax, Math.max(sigmaMin, sigma));
  };

  return (sigma, sigmaNext) => {
    const from = clampToInterval(sigma);
    const to = clampToInterval(sigmaNext);
    const out = new Float32Array(paths.length * size);
    if (from === to) return out;
    const scale = 1 / Math.sqrt(Math.abs(to - from));
    paths.forEach((path, b) => {
      const w0 = path.at(from);
      const w1 = path.at(to);
      for (let i = 0; i < size; i++) out[b * size + i] = (w1[i] - w0[i]) * scale;
    });
    return out;
  };
}

// GroupNorm statistics across tiles (docs/tiled-vae.md#statistics). Each tile contributes the count, mean and
// sum of squared deviations of every (image, group) over its core region only — each pixel of the picture is
// counted once; the synchronised segments compute them in their graph (groupnorm-graph.ts) — and the tiles are
// pooled exactly here (Chan et al.'s parallel update, in float64), between-tile term included, where the original
// extension averaged the tiles' variances over their padded regions.
import type { Tensor } from "@onyx/sdk";

/** Per (image, group): pixel count, mean and M2 = Σ (x − mean)². */
export interface Moments {
  count: Float64Array;
  mean: Float64Array;
  m2: Float64Array;
}

/** Mean and biased variance per (image, group), [B · G] in image-major order. */
export interface GroupStats {
  mean: Float32Array;
  variance: Float32Array;
}

/** The moments of the union of disjoint sets: exact, including the spread of the tiles' means. */
export function poolMoments(parts: readonly Moments[]): Moments {
  const n = parts[0].count.length;
  const out: Moments = { count: new Float64Array(n), mean: new Float64Array(n), m2: new Float64Array(n) };
  for (const part of parts) {
    for (let k = 0; k < n; k++) {
      const na = out.count[k];
      const nb = part.count[k];
      if (nb === 0) continue;
      const total = na + nb;
      const delta = part.mean[k] - out.mean[k];
      out.mean[k] += (delta * nb) / total;
      out.m2[k] += part.m2[k] + (delta * delta * na * nb) / total;
      out.count[k] = total;
    }
  }
  return out;
}

export function statsOf(m: Moments): GroupStats {
  return { mean: Float32Array.from(m.mean), variance: Float32Array.from(m.m2, (v, k) => v / m.count[k]) };
}

export const hasNaN = (s: GroupStats) => s.mean.some(Number.isNaN) || s.variance.some((v) => !Number.isFinite(v));

/**
 * GroupNorm of a [B, C, H, W] tensor with given statistics: (x − mean) / √(variance + ε), then the site's affine
 * (per group when it has `groups` entries, else per channel).
 */
export function normalise(t: Tensor, groups: number, stats: GroupStats, epsilon: number, affine: { scale: Float32Array; bias: Float32Array } | null): Tensor {
  const [b, c, h, w] = t.shape;
  const plane = h * w;
  const perGroup = c / groups;
  const out = new Float32Array(t.data.length);
  for (let i = 0; i < b; i++) {
    for (let ch = 0; ch < c; ch++) {
      const g = Math.floor(ch / perGroup);
      const k = i * groups + g;
      const a = affine ? (affine.scale.length === groups ? g : ch) : -1;
      const scale = (affine ? affine.scale[a] : 1) / Math.sqrt(stats.variance[k] + epsilon);
      const shift = (affine ? affine.bias[a] : 0) - stats.mean[k] * scale;
      const base = (i * c + ch) * plane;
      for (let p = base; p < base + plane; p++) out[p] = t.data[p] * scale + shift;
    }
  }
  return { data: out, shape: t.shape };
}

// GroupNorm statistics across tiles (docs/tiled-vae.md#statistics). Each tile contributes the count, mean and
// sum of squared deviations of every (image, group) over its core region only — each pixel of the picture is
// counted once — and the tiles are pooled exactly (Chan et al.'s parallel update, in float64), between-tile term
// included, where the original extension averaged the tiles' variances over their padded regions.
import type { Tensor } from "@onyx/sdk";
import type { Box } from "./split";

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

/** Moments of a [B, C, H, W] tensor over `region` ([x1, x2, y1, y2] in its own pixels; all of it by default). */
export function groupMoments(t: Tensor, groups: number, region?: Box): Moments {
  const [b, c, h, w] = t.shape;
  const [x1, x2, y1, y2] = region ?? [0, w, 0, h];
  const perGroup = c / groups;
  const n = b * groups;
  const out: Moments = { count: new Float64Array(n), mean: new Float64Array(n), m2: new Float64Array(n) };
  for (let i = 0; i < b; i++) {
    for (let g = 0; g < groups; g++) {
      let sum = 0;
      for (let ch = g * perGroup; ch < (g + 1) * perGroup; ch++) {
        const base = (i * c + ch) * h * w;
        for (let y = y1; y < y2; y++) for (let x = x1, o = base + y * w + x1; x < x2; x++, o++) sum += t.data[o];
      }
      const count = perGroup * (y2 - y1) * (x2 - x1);
      const mean = sum / count;
      let m2 = 0;
      for (let ch = g * perGroup; ch < (g + 1) * perGroup; ch++) {
        const base = (i * c + ch) * h * w;
        for (let y = y1; y < y2; y++) {
          for (let x = x1, o = base + y * w + x1; x < x2; x++, o++) {
            const d = t.data[o] - mean;
            m2 += d * d;
          }
        }
      }
      out.count[i * groups + g] = count;
      out.mean[i * groups + g] = mean;
      out.m2[i * groups + g] = m2;
    }
  }
  return out;
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

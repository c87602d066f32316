// A1111's variation-seed blend (processing.slerp, docs/a1111/generation.md#noise-variation-seeds-and-the-rng): spherical interpolation of one
// image's [C, H, W] noise, normalised along dim 1 (H) — every (channel, column) vector of length H gets its own
// angle. When the two noises are nearly parallel on average it falls back to a linear blend whose weights are
// the reverse of the slerp's (seed·strength + subseed·(1 − strength)); A1111 does that, so we do too.
// torch computes in float32; we compute in float64 and round once, so results can differ in the last bit.

const PARALLEL_MEAN_DOT = 0.9995;

export function slerp(strength: number, low: Float32Array, high: Float32Array, shape: readonly [number, number, number]): Float32Array {
  const [channels, height, width] = shape;
  const columns = channels * width;
  const dots = new Float64Array(columns);
  let dotSum = 0;
  for (let c = 0; c < channels; c++) {
    for (let x = 0; x < width; x++) {
      let lowNorm = 0;
      let highNorm = 0;
      let cross = 0;
      for (let y = 0, i = c * height * width + x; y < height; y++, i += width) {
        lowNorm += low[i] * low[i];
        highNorm += high[i] * high[i];
        cross += low[i] * high[i];
      }
      const dot = cross / Math.sqrt(lowNorm * highNorm);
      dots[c * width + x] = dot;
      dotSum += dot;
    }
  }

  const out = new Float32Array(low.length);
  if (dotSum / columns > PARALLEL_MEAN_DOT) {
    for (let i = 0; i < out.length; i++) out[i] = low[i] * strength + high[i] * (1 - strength);
    return out;
  }
  for (let c = 0; c < channels; c++) {
    for (let x = 0; x < width; x++) {
      const omega = Math.acos(dots[c * width + x]);
      const sinOmega = Math.sin(omega);
      const lowWeight = Math.sin((1 - strength) * omega) / sinOmega;
      const highWeight = Math.sin(strength * omega) / sinOmega;
      for (let y = 0, i = c * height * width + x; y < height; y++, i += width) {
        out[i] = lowWeight * low[i] + highWeight * high[i];
      }
    }
  }
  return out;
}

// Outpainting mk2's fill for the grown border (A1111's `get_matched_noise`, from g-diffuser;
// docs/builtin-scripts.md#outpainting-mk2): noise from numpy's `default_rng(0)` (so the fill depends on the
// picture only), blended towards grey by `color_variation`, low-passed by a 1/((x²+1)(y²+1)) window in the
// centred spectrum, then given the spectrum magnitude of the masked picture (the noise's own power times
// |picture|^noise_q, with the picture's phase), normalised, histogram-matched to the unmasked pixels and
// pasted into the masked region. Float64 throughout, in numpy's order of operations.
import { matchCumulativeCdf } from "@/lib/images/histogram-match";
import type { GrayImage } from "@/lib/images/pixel-image";
import type { RgbImage } from "@/lib/images/tensor-image";
import { NumpyPcg64 } from "@/lib/rng/numpy-pcg64";
import { fft2Ortho, fftShift, type ComplexPlane } from "@/lib/signal/fft";

/** numpy's pairwise summation of a contiguous float64 array (what `np.sum` / `np.average` add up). */
export function pairwiseSum(a: Float64Array, from = 0, n = a.length): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[from + i];
    return res;
  }
  if (n <= 128) {
    const r = Array.from({ length: 8 }, (_, j) => a[from + j]);
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] += a[from + i + j];
    let res = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]));
    for (; i < n; i++) res += a[from + i];
    return res;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseSum(a, from, half) + pairwiseSum(a, from + half, n - half);
}

/** numpy's `x ** q` for a float64 array and a scalar exponent (its fast paths for 0, ½, 1, 2, −1 included). */
function power(x: number, q: number): number {
  if (q === 1) return x;
  if (q === 2) return x * x;
  if (q === 0.5) return Math.sqrt(x);
  if (q === 0) return 1;
  if (q === -1) return 1 / x;
  return Math.pow(x, q);
}

/** A1111's `_fft2` / `_ifft2`: ifftshift(fft2(fftshift(x))) with the "ortho" norm, of one channel. */
function centredFft(plane: ComplexPlane, inverse: boolean): ComplexPlane {
  return fftShift(fft2Ortho(fftShift(plane), inverse), true);
}

/** Channel `c` of an H·W·3 array as a complex plane (imaginary part zero). */
function channelPlane(data: Float64Array, c: number, height: number, width: number): ComplexPlane {
  const re = new Float64Array(height * width);
  for (let i = 0; i < re.length; i++) re[i] = data[i * 3 + c];
  return { re, im: new Float64Array(re.length), height, width };
}

/** A1111's `_get_gaussian_window(…, mode=1)` over rows × columns: 1 / ((x² + 1)(y² + 1)) on [−1, 1) scaled by the aspect. */
export function noiseWindow(height: number, width: number): Float64Array {
  const short = Math.min(height, width);
  const [scaleRows, scaleColumns] = [height / short, width / short];
  const window = new Float64Array(height * width);
  for (let r = 0; r < height; r++) {
    const x = ((r / height) * 2 - 1) * scaleRows;
    for (let c = 0; c < width; c++) {
      const fy = ((c / width) * 2 - 1) * scaleColumns;
      window[r * width + c] = 1 / ((x * x + 1) * (fy * fy + 1));
    }
  }
  return window;
}

/**
 * `get_matched_noise(image / 255, mask / 255, noise_q, color_variation)` → values in [0, 1], H·W·3.
 * `mask` is white (255) where noise goes; `draws` are `default_rng(0).random((H, W, 3))` (computed when absent).
 */
export function matchedNoise(image: RgbImage, mask: GrayImage, noiseQ: number, colorVariation: number, draws?: Float64Array): Float64Array {
  const { width, height } = image;
  const pixels = width * height;
  const size = pixels * 3;
  const src = Float64Array.from(image.data, (v) => v / 255);
  const maskValue = Float64Array.from(mask.data, (v) => v / 255);
  const grey = maskValue.map((m) => (m + m + m) / 3);

  const windowed = new Float64Array(size);
  for (let k = 0; k < size; k++) windowed[k] = src[k] * (1 - grey[Math.floor(k / 3)]);
  let peak = -Infinity;
  for (const v of windowed) peak = Math.max(peak, v);
  const average = pairwiseSum(src) / size;
  for (let k = 0; k < size; k++) windowed[k] = windowed[k] / peak + average * maskValue[Math.floor(k / 3)];

  const noise = draws ? Float64Array.from(draws) : new NumpyPcg64(0).randomArray(size);
  if (noise.length !== size) throw new Error(`expected ${size} noise draws, got ${noise.length}`);
  for (let i = 0; i < pixels; i++) {
    const g = (noise[3 * i] + noise[3 * i + 1] + noise[3 * i + 2]) / 3;
    const towardsGrey = (1 - colorVariation) * g;
    for (let c = 0; c < 3; c++) noise[3 * i + c] = noise[3 * i + c] * colorVariation + towardsGrey;
  }
  const window = noiseWindow(height, width);

  const shaped = new Float64Array(size);
  for (let c = 0; c < 3; c++) {
    const spectrum = centredFft(channelPlane(windowed, c, height, width), false);
    const noiseSpectrum = centredFft(channelPlane(noise, c, height, width), false);
    for (let i = 0; i < pixels; i++) {
      noiseSpectrum.re[i] *= window[i];
      noiseSpectrum.im[i] *= window[i];
    }
    const lowPassed = centredFft(noiseSpectrum, true);
    const reshaped = centredFft({ ...lowPassed, im: new Float64Array(pixels) }, false);
    for (let i = 0; i < pixels; i++) {
      const dist = Math.hypot(spectrum.re[i], spectrum.im[i]);
      const magnitude = Math.hypot(reshaped.re[i], reshaped.im[i]);
      const gain = magnitude * magnitude * power(dist, noiseQ);
      // numpy divides a complex by a real one through the reciprocal (its complex division with zero imaginary part).
      const inverse = 1 / dist;
      reshaped.re[i] = gain * (spectrum.re[i] * inverse);
      reshaped.im[i] = gain * (spectrum.im[i] * inverse);
    }
    const back = centredFft(reshaped, true);
    for (let i = 0; i < pixels; i++) shaped[3 * i + c] = back.re[i];
  }
  let low = Infinity;
  for (const v of shaped) low = Math.min(low, v);
  for (let k = 0; k < size; k++) shaped[k] -= low;
  let high = -Infinity;
  for (const v of shaped) high = Math.max(high, v);
  for (let k = 0; k < size; k++) shaped[k] /= high;

  const noiseAt = [...grey.keys()].filter((i) => grey[i] > 1e-6);
  const reference = [...grey.keys()].filter((i) => grey[i] < 1e-3);
  for (let c = 0; c < 3; c++) {
    const matched = matchCumulativeCdf(Float64Array.from(noiseAt, (i) => shaped[3 * i + c]), Float64Array.from(reference, (i) => src[3 * i + c]));
    noiseAt.forEach((i, j) => (shaped[3 * i + c] = matched[j]));
  }
  const out = new Float64Array(size);
  for (let k = 0; k < size; k++) {
    const m = maskValue[Math.floor(k / 3)];
    out[k] = Math.min(1, Math.max(0, src[k] * (1 - m) + shaped[k] * m));
  }
  return out;
}

/** The noise as A1111 turns it into the picture to inpaint: clip(x·255, 0, 255) truncated to bytes. */
export function matchedNoiseImage(image: RgbImage, mask: GrayImage, noiseQ: number, colorVariation: number, draws?: Float64Array): RgbImage {
  const noised = matchedNoise(image, mask, noiseQ, colorVariation, draws);
  return { width: image.width, height: image.height, data: Uint8Array.from(noised, (v) => Math.trunc(Math.min(255, Math.max(0, v * 255)))) };
}

// A1111's img2img colour correction ("Apply color correction to img2img results to match original
// colors", docs/color-correction.md): the result's L*a*b* channels are histogram-matched to those of
// the processed init image (OpenCV's 8-bit Lab, scikit-image's match_histograms), converted back, and
// the result keeps the luminosity of the uncorrected image (the "Luminosity" blend of the blendmodes
// package: hue and saturation from the corrected one).
import type { RgbImage } from "@/lib/images/tensor-image";

// sRGB primaries, D65, with OpenCV's white-point normalisation.
const M = [0.412453, 0.35758, 0.180423, 0.212671, 0.71516, 0.072169, 0.019334, 0.119193, 0.950227];
const M_INV = [3.240479, -1.53715, -0.498535, -0.969256, 1.875991, 0.041556, 0.055648, -0.204043, 1.057311];
const WHITE_X = 0.950456;
const WHITE_Z = 1.088754;
const EPSILON = 0.008856;
const KAPPA = 903.3;

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const toGamma = (c: number) => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
const f = (t: number) => (t > EPSILON ? Math.cbrt(t) : 7.787 * t + 16 / 116);
const byte = (v: number) => Math.max(0, Math.min(255, Math.round(v)));

/** OpenCV's COLOR_RGB2Lab for 8-bit pixels: L·255/100, a + 128, b + 128. */
export function rgbToLab8(rgb: Uint8Array): Uint8Array {
  const out = new Uint8Array(rgb.length);
  for (let i = 0; i < rgb.length; i += 3) {
    const r = toLinear(rgb[i] / 255);
    const g = toLinear(rgb[i + 1] / 255);
    const b = toLinear(rgb[i + 2] / 255);
    const x = (M[0] * r + M[1] * g + M[2] * b) / WHITE_X;
    const y = M[3] * r + M[4] * g + M[5] * b;
    const z = (M[6] * r + M[7] * g + M[8] * b) / WHITE_Z;
    const L = y > EPSILON ? 116 * Math.cbrt(y) - 16 : KAPPA * y;
    out[i] = byte((L * 255) / 100);
    out[i + 1] = byte(500 * (f(x) - f(y)) + 128);
    out[i + 2] = byte(200 * (f(y) - f(z)) + 128);
  }
  return out;
}

/** OpenCV's COLOR_Lab2RGB for 8-bit pixels. */
export function lab8ToRgb(lab: Uint8Array): Uint8Array {
  const out = new Uint8Array(lab.length);
  const inv = (t: number) => (t ** 3 > EPSILON ? t ** 3 : (t - 16 / 116) / 7.787);
  for (let i = 0; i < lab.length; i += 3) {
    const L = (lab[i] * 100) / 255;
    const fy = (L + 16) / 116;
    const y = L > KAPPA * EPSILON ? fy ** 3 : L / KAPPA;
    const x = inv(fy + (lab[i + 1] - 128) / 500) * WHITE_X;
    const z = inv(fy - (lab[i + 2] - 128) / 200) * WHITE_Z;
    for (let c = 0; c < 3; c++) {
      const linear = M_INV[c * 3] * x + M_INV[c * 3 + 1] * y + M_INV[c * 3 + 2] * z;
      out[i + c] = byte(toGamma(Math.max(0, Math.min(1, linear))) * 255);
    }
  }
  return out;
}

/** numpy's interp: piecewise-linear through (xp, fp), clamped at the ends; xp ascending. */
function interp(x: number, xp: Float64Array, fp: Float64Array): number {
  if (x <= xp[0]) return fp[0];
  if (x >= xp[xp.length - 1]) return fp[fp.length - 1];
  let lo = 0;
  let hi = xp.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xp[mid] <= x) lo = mid;
    else hi = mid;
  }
  return fp[lo] + ((x - xp[lo]) * (fp[hi] - fp[lo])) / (xp[hi] - xp[lo]);
}

/** scikit-image's match_histograms of one 8-bit channel (stride 3, offset `channel`): quantiles mapped, truncated to uint8. */
function matchChannel(source: Uint8Array, template: Uint8Array, channel: number, out: Uint8Array): void {
  const count = (data: Uint8Array) => {
    const counts = new Float64Array(256);
    for (let i = channel; i < data.length; i += 3) counts[data[i]]++;
    return counts;
  };
  const src = count(source);
  const tmpl = count(template);
  const quantiles = (counts: Float64Array, values: number[]) => {
    const total = counts.reduce((a, b) => a + b, 0);
    let sum = 0;
    return Float64Array.from(values, (v) => (sum += counts[v]) / total);
  };
  const present = (counts: Float64Array) => [...counts.keys()].filter((v) => counts[v] > 0);
  const tmplValues = present(tmpl);
  const tmplQuantiles = quantiles(tmpl, tmplValues);
  const srcQuantiles = quantiles(src, [...src.keys()]);
  const lookup = Uint8Array.from(srcQuantiles, (q) => Math.trunc(interp(q, tmplQuantiles, Float64Array.from(tmplValues))));
  for (let i = channel; i < source.length; i += 3) out[i] = lookup[source[i]];
}

const lum = (r: number, g: number, b: number) => 0.3 * r + 0.59 * g + 0.11 * b;

/** The W3C "luminosity" blend: the base colour's hue and saturation with the blend colour's luminosity. */
function luminosityBlend(base: Uint8Array, blend: Uint8Array): Uint8Array {
  const out = new Uint8Array(base.length);
  for (let i = 0; i < base.length; i += 3) {
    const c = [base[i] / 255, base[i + 1] / 255, base[i + 2] / 255];
    const target = lum(blend[i] / 255, blend[i + 1] / 255, blend[i + 2] / 255);
    const d = target - lum(c[0], c[1], c[2]);
    let s = c.map((v) => v + d);
    const l = lum(s[0], s[1], s[2]);
    const n = Math.min(...s);
    const x = Math.max(...s);
    if (n < 0) s = s.map((v) => l + ((v - l) * l) / (l - n));
    if (x > 1) s = s.map((v) => l + ((v - l) * (1 - l)) / (x - l));
    for (let k = 0; k < 3; k++) out[i + k] = Math.max(0, Math.min(255, Math.trunc(s[k] * 255)));
  }
  return out;
}

/** A1111's setup_color_correction: the target is the processed init image in Lab. */
export function colorCorrectionTarget(init: RgbImage): Uint8Array {
  return rgbToLab8(init.data);
}

/** A1111's apply_color_correction. */
export function applyColorCorrection(target: Uint8Array, image: RgbImage): RgbImage {
  const lab = rgbToLab8(image.data);
  const matched = new Uint8Array(lab.length);
  for (let c = 0; c < 3; c++) matchChannel(lab, target, c, matched);
  return { width: image.width, height: image.height, data: luminosityBlend(lab8ToRgb(matched), image.data) };
}

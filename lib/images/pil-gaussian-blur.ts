// PIL's ImageFilter.GaussianBlur(radius) on an 8-bit mask (docs/builtin-scripts.md#soft-inpainting): not a true
// Gaussian but three box blurs of a fractional radius matched to the Gaussian's variance (Gwosdek et al.),
// along the rows and then the columns, in PIL's fixed point (weights in 1/2^24, edge pixels repeated).
// Float steps are float32 as in PIL's C code, so the bytes match PIL's.
import type { GrayImage } from "@/lib/images/pixel-image";

const f32 = Math.fround;
const PASSES = 3;

/** PIL's `_gaussian_blur_radius`: the box radius whose `passes` boxes have the Gaussian's variance. */
export function boxRadiusForGaussian(radius: number, passes = PASSES): number {
  const sigma2 = f32(f32(f32(radius) * f32(radius)) / passes);
  const L = f32(Math.sqrt(12.0 * sigma2 + 1.0));
  const l = f32(Math.floor((L - 1.0) / 2.0));
  let a = f32(f32(f32(2 * l) + 1) * f32(f32(l * f32(l + 1)) - f32(3 * sigma2)));
  a = f32(a / f32(6 * f32(sigma2 - f32(f32(l + 1) * f32(l + 1)))));
  return f32(l + a);
}

/** One box pass along a line of `n` bytes (PIL's ImagingLineBoxBlur8). */
function boxLine(line: Uint8Array, n: number, radius: number, ww: number, fw: number, out: Uint8Array): void {
  const last = n - 1;
  const edgeA = Math.min(radius + 1, n);
  const edgeB = Math.max(n - radius - 1, 0);
  let acc = line[0] * (radius + 1);
  for (let x = 0; x < edgeA - 1; x++) acc += line[x];
  acc += line[last] * (radius - edgeA + 1);
  const save = (x: number, left: number, right: number) => {
    const bulk = acc * ww + (line[left] + line[right]) * fw;
    out[x] = Math.floor((bulk + (1 << 23)) / (1 << 24));
  };
  if (edgeA <= edgeB) {
    for (let x = 0; x < edgeA; x++) {
      acc += line[x + radius] - line[0];
      save(x, 0, x + radius + 1);
    }
    for (let x = edgeA; x < edgeB; x++) {
      acc += line[x + radius] - line[x - radius - 1];
      save(x, x - radius - 1, x + radius + 1);
    }
    for (let x = edgeB; x <= last; x++) {
      acc += line[last] - line[x - radius - 1];
      save(x, x - radius - 1, last);
    }
  } else {
    for (let x = 0; x < edgeB; x++) {
      acc += line[x + radius] - line[0];
      save(x, 0, x + radius + 1);
    }
    for (let x = edgeB; x < edgeA; x++) {
      acc += line[last] - line[0];
      save(x, 0, last);
    }
    for (let x = edgeA; x <= last; x++) {
      acc += line[last] - line[x - radius - 1];
      save(x, x - radius - 1, last);
    }
  }
}

/** PIL's horizontal box blur of every row (a fractional radius weights the two far pixels by fw). */
function boxRows(img: GrayImage, floatRadius: number): GrayImage {
  const radius = Math.trunc(floatRadius);
  const ww = Math.trunc(f32((1 << 24) / f32(f32(floatRadius * 2) + 1)));
  const fw = Math.floor(((1 << 24) - (radius * 2 + 1) * ww) / 2);
  const out = new Uint8Array(img.data.length);
  for (let y = 0; y < img.height; y++) {
    boxLine(img.data.subarray(y * img.width, (y + 1) * img.width), img.width, radius, ww, fw, out.subarray(y * img.width, (y + 1) * img.width));
  }
  return { width: img.width, height: img.height, data: out };
}

function transpose(img: GrayImage): GrayImage {
  const out = new Uint8Array(img.data.length);
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) out[x * img.height + y] = img.data[y * img.width + x];
  return { width: img.height, height: img.width, data: out };
}

/** `mask.filter(ImageFilter.GaussianBlur(radius))`. */
export function pilGaussianBlur(mask: GrayImage, radius: number): GrayImage {
  const box = boxRadiusForGaussian(radius);
  if (box === 0) return mask;
  let out = mask;
  for (let i = 0; i < PASSES; i++) out = boxRows(out, box);
  let columns = transpose(out);
  for (let i = 0; i < PASSES; i++) columns = boxRows(columns, box);
  return transpose(columns);
}

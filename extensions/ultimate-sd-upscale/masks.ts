// The seams-fix masks as the original extension builds them from PIL's 256² gradients with PIL's bicubic resize
// (docs/ultimate-sd-upscale.md#seams-fix-masks): the tents across a band or a half-tile seam, and the radial mask of
// the intersections. Byte-exact PIL arithmetic, since the masks decide which pixels a seam job may change.
import { pastePixels, type GrayImage } from "@onyx/sdk";
import type { SeamMask } from "./plan";

const gray = (width: number, height: number, value: (x: number, y: number) => number): GrayImage => {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = value(x, y);
  return { width, height, data };
};

/** PIL's `Image.linear_gradient("L")`: 256², row y holds y. */
export const linearGradient = (): GrayImage => gray(256, 256, (_x, y) => y);

/** PIL's `Image.radial_gradient("L")`: 256², ⌊√(2·r²)⌋ for the distance r from (128, 128), capped at 255. */
export const radialGradient = (): GrayImage => gray(256, 256, (x, y) => Math.min(255, Math.trunc(Math.sqrt(((x - 128) ** 2 + (y - 128) ** 2) * 2))));

/** PIL's rotations of a square by 90° (counter-clockwise), 180° and 270°: plain transposes. */
export function rotateSquare(img: GrayImage, degrees: 90 | 180 | 270): GrayImage {
  const n = img.width;
  const at = (x: number, y: number) => img.data[y * n + x];
  if (degrees === 180) return gray(n, n, (x, y) => at(n - 1 - x, n - 1 - y));
  return degrees === 90 ? gray(n, n, (x, y) => at(n - 1 - y, x)) : gray(n, n, (x, y) => at(y, n - 1 - x));
}

/** Keys' cubic with a = −0.5, PIL's BICUBIC filter (support 2). */
function bicubic(x: number): number {
  const a = -0.5;
  x = Math.abs(x);
  if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2) return (((x - 5) * x + 8) * x - 4) * a;
  return 0;
}

const PRECISION_BITS = 22;

/** PIL's per-output-pixel windows and 8-bit fixed-point weights for resampling `inSize` samples to `outSize`. */
function resampleCoefficients(inSize: number, outSize: number): Array<{ first: number; weights: Int32Array }> {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = 2 * filterScale;
  return Array.from({ length: outSize }, (_, xx) => {
    const center = (xx + 0.5) * scale;
    const first = Math.max(Math.trunc(center - support + 0.5), 0);
    const count = Math.min(Math.trunc(center + support + 0.5), inSize) - first;
    const raw = Array.from({ length: count }, (_, i) => bicubic((i + first - center + 0.5) / filterScale));
    const sum = raw.reduce((s, w) => s + w, 0);
    const weights = Int32Array.from(raw, (w) => {
      const k = (sum !== 0 ? w / sum : w) * (1 << PRECISION_BITS);
      return Math.trunc(k < 0 ? k - 0.5 : k + 0.5);
    });
    return { first, weights };
  });
}

/** One resampling pass along x (`alongX`) or y, rounding to 8 bits as PIL does between its two passes. */
function resamplePass(img: GrayImage, size: number, alongX: boolean): GrayImage {
  const coefficients = resampleCoefficients(alongX ? img.width : img.height, size);
  const [width, height] = alongX ? [size, img.height] : [img.width, size];
  return gray(width, height, (x, y) => {
    const { first, weights } = coefficients[alongX ? x : y];
    let acc = 1 << (PRECISION_BITS - 1);
    for (let i = 0; i < weights.length; i++) acc += img.data[alongX ? y * img.width + first + i : (first + i) * img.width + x] * weights[i];
    return Math.min(255, Math.max(0, acc >> PRECISION_BITS));
  });
}

/** PIL's `resize((width, height), BICUBIC)` of an 8-bit image: a pass along x, then along y, each skipped when that side keeps its size. */
export function resizeBicubicPil(img: GrayImage, width: number, height: number): GrayImage {
  const across = width === img.width ? img : resamplePass(img, width, true);
  return height === img.height ? across : resamplePass(across, height, false);
}

/** `parts` pasted into a black width × height image at their offsets (PIL's `paste`, clipped to the image). */
function composed(width: number, height: number, parts: Array<[GrayImage, number, number]>): GrayImage {
  const out = { width, height, data: new Uint8Array(width * height) };
  for (const [part, x, y] of parts) pastePixels(out, part, x, y);
  return out;
}

/** The half-tile masks: a tent across the tile's height (`row`, peak at th/2, for a horizontal seam) or width (`col`). */
export function halfTileTent(tileWidth: number, tileHeight: number, direction: "row" | "col"): GrayImage {
  const g = linearGradient();
  if (direction === "row") {
    const half = Math.floor(tileHeight / 2);
    return composed(tileWidth, tileHeight, [[resizeBicubicPil(g, tileWidth, half), 0, 0], [resizeBicubicPil(rotateSquare(g, 180), tileWidth, half), 0, half]]);
  }
  const half = Math.floor(tileWidth / 2);
  return composed(tileWidth, tileHeight, [[resizeBicubicPil(rotateSquare(g, 90), half, tileHeight), 0, 0], [resizeBicubicPil(rotateSquare(g, 270), half, tileHeight), half, 0]]);
}

/** Band pass: the 256² mirrored gradient (a vertical tent) stretched over a `row` band (image width × band width) or a `col` band. */
export function bandTent(imageWidth: number, imageHeight: number, bandWidth: number, direction: "row" | "col"): GrayImage {
  const g = linearGradient();
  const mirror = composed(256, 256, [[resizeBicubicPil(g, 256, 128), 0, 0], [resizeBicubicPil(rotateSquare(g, 180), 256, 128), 0, 128]]);
  return direction === "row" ? resizeBicubicPil(mirror, imageWidth, bandWidth) : resizeBicubicPil(rotateSquare(mirror, 90), bandWidth, imageHeight);
}

/** The intersections' mask: the radial gradient stretched to the tile and inverted (white centre, black corners). */
export function intersectionMask(tileWidth: number, tileHeight: number): GrayImage {
  const r = resizeBicubicPil(radialGradient(), tileWidth, tileHeight);
  return { ...r, data: r.data.map((v) => 255 - v) };
}

/** A full-size seam-job mask: black with `tile` pasted at (x, y). */
export const placedMask = (width: number, height: number, tile: GrayImage, x: number, y: number): GrayImage => composed(width, height, [[tile, x, y]]);

/**
 * The redraw mask of tile (col, row): black, with PIL's inclusive rectangle from (col·tw, row·th) to
 * (col·tw + tw, row·th + th) in white, clipped at the border (docs/ultimate-sd-upscale.md#grid).
 */
export function tileMask(width: number, height: number, [col, row]: readonly [number, number], tileWidth: number, tileHeight: number): GrayImage {
  const [x0, y0] = [col * tileWidth, row * tileHeight];
  const [x1, y1] = [Math.min(width - 1, x0 + tileWidth), Math.min(height - 1, y0 + tileHeight)];
  const mask = composed(width, height, []);
  for (let y = y0; y <= y1; y++) mask.data.fill(255, y * width + x0, y * width + x1 + 1);
  return mask;
}

/**
 * The full-size masks of a run's seams-fix jobs (plan.ts `seamJobs`), by the gradient each pastes: every job of a
 * kind pastes the same gradient, so each is made once per run.
 */
export function seamMasks(width: number, height: number, tileWidth: number, tileHeight: number, bandWidth: number): (kind: SeamMask, at: readonly [number, number]) => GrayImage {
  const gradients = new Map<SeamMask, GrayImage>();
  const gradient = (kind: SeamMask) =>
    kind === "band-col" ? bandTent(width, height, bandWidth, "col")
    : kind === "band-row" ? bandTent(width, height, bandWidth, "row")
    : kind === "tent-row" ? halfTileTent(tileWidth, tileHeight, "row")
    : kind === "tent-col" ? halfTileTent(tileWidth, tileHeight, "col")
    : intersectionMask(tileWidth, tileHeight);
  return (kind, at) => {
    if (!gradients.has(kind)) gradients.set(kind, gradient(kind));
    return placedMask(width, height, gradients.get(kind)!, at[0], at[1]);
  };
}

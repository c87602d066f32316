// The geometry of an Ultimate SD Upscale run, as the original extension lays it out
// (docs/ultimate-sd-upscale.md): the target size, the chain of model upscales, the fixed-stride tile grid, the
// redraw order and the number of seams-fix jobs. Pure arithmetic: nothing here touches an image.

export const REDRAW_MODES = ["Linear", "Chess", "None"] as const;
export const SEAMS_FIX_TYPES = ["None", "Band pass", "Half tile offset pass", "Half tile offset pass + intersections"] as const;
export const TARGET_SIZE_TYPES = ["From img2img2 settings", "Custom size", "Scale from image size"] as const;

export type RedrawMode = (typeof REDRAW_MODES)[number];
export type SeamsFixType = (typeof SEAMS_FIX_TYPES)[number];
export type TargetSizeType = (typeof TARGET_SIZE_TYPES)[number];

/** A choice given by its name or by its index (the extension's dropdowns send indices); anything else throws. */
function choiceOf<const C extends readonly string[]>(choices: C, value: unknown, what: string): C[number] {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value < choices.length) return choices[value];
  if (typeof value === "string" && choices.includes(value)) return value;
  throw new RangeError(`${what} must be one of ${choices.map((c, i) => `${i} "${c}"`).join(", ")}; got ${JSON.stringify(value)}`);
}

export const redrawModeOf = (value: unknown): RedrawMode => choiceOf(REDRAW_MODES, value, "Redraw type");
export const seamsFixTypeOf = (value: unknown): SeamsFixType => choiceOf(SEAMS_FIX_TYPES, value, "Seams fix type");
export const targetSizeTypeOf = (value: unknown): TargetSizeType => choiceOf(TARGET_SIZE_TYPES, value, "Target size type");

export interface TargetSizeInput {
  type: unknown;
  /** The img2img tab's width and height (type 0). */
  width: number;
  height: number;
  customWidth: number;
  customHeight: number;
  scale: number;
}

/** The output size (docs/ultimate-sd-upscale.md#target-size); `source` is the init image's [w, h]. */
export function targetSize(input: TargetSizeInput, [w0, h0]: readonly [number, number]): [number, number] {
  const type = targetSizeTypeOf(input.type);
  if (type === "Custom size") return [input.customWidth, input.customHeight];
  if (type === "Scale from image size") return [Math.ceil((w0 * input.scale) / 64) * 64, Math.ceil((h0 * input.scale) / 64) * 64];
  return [input.width, input.height];
}

/** The original's per-step factor: 2 for 1, else the first of 4, 3, 2 that divides n, else 0. */
function stepFactor(n: number): number {
  if (n === 1) return 2;
  for (const f of [4, 3, 2]) if (n % f === 0) return f;
  return 0;
}

/** Whether n has no prime factor other than 2 and 3, i.e. splits into passes of ×4, ×3 and ×2 exactly. */
function isThreeSmooth(n: number): boolean {
  while (n % 2 === 0) n /= 2;
  while (n % 3 === 0) n /= 3;
  return n === 1;
}

/**
 * The model passes before the final Lanczos resize to the target (docs/ultimate-sd-upscale.md#upscale-chain).
 * `factor` is the ratio max(W, H) / max(w₀, h₀), rounded up to the integer k. The original raises k only until k
 * itself has a factor 4, 3 or 2, so k = 10, 13, 14, 15 (any k with a prime factor ≥ 5 left over) reach a pass of
 * ×0 and fail; Onyx raises k to the smallest number made of 2s and 3s, which is the original's k wherever the
 * original works.
 */
export function upscaleChain(factor: number): { factorUsed: number; passes: number[] } {
  if (!Number.isFinite(factor) || factor <= 0) throw new RangeError(`upscale factor must be a positive number; got ${factor}`);
  let k = Math.ceil(factor);
  while (!isThreeSmooth(k)) k++;
  const passes: number[] = [];
  for (let reached = 1; reached < k; reached *= passes.at(-1)!) passes.push(stepFactor(k / reached));
  return { factorUsed: k, passes };
}

/** The tile size after the original's 0-substitution: a 0 side takes the other side's value. */
export function tileSize(tileWidth: number, tileHeight: number): [number, number] {
  const size: [number, number] = [tileWidth > 0 ? tileWidth : tileHeight, tileHeight > 0 ? tileHeight : tileWidth];
  if (!(size[0] > 0 && size[1] > 0)) throw new RangeError(`tile width and height cannot both be 0`);
  return size;
}

/** The tiles redrawn, as [col, row], in the order they run (docs/ultimate-sd-upscale.md#redraw). */
export function redrawOrder(rows: number, cols: number, mode: RedrawMode): [number, number][] {
  const all: [number, number][] = [];
  if (mode === "None") return all;
  for (let row = 0; row < rows; row++) for (let col = 0; col < cols; col++) all.push([col, row]);
  if (mode === "Linear") return all;
  const even = ([col, row]: [number, number]) => (col + row) % 2 === 0;
  return [...all.filter(even), ...all.filter((tile) => !even(tile))];
}

/** How many img2img jobs a seams fix runs over a rows × cols grid (docs/ultimate-sd-upscale.md#seams-fix). */
export function seamsJobCount(rows: number, cols: number, type: SeamsFixType): number {
  const halfTile = rows * (cols - 1) + (rows - 1) * cols;
  switch (type) {
    case "None":
      return 0;
    case "Band pass":
      return rows - 1 + (cols - 1);
    case "Half tile offset pass":
      return halfTile;
    case "Half tile offset pass + intersections":
      return halfTile + (rows - 1) * (cols - 1);
  }
}

/** Which gradient a seams-fix job pastes (docs/ultimate-sd-upscale.md#seams-fix-masks). */
export type SeamMask = "band-col" | "band-row" | "tent-row" | "tent-col" | "radial";

export interface SeamJob {
  mask: SeamMask;
  /** Where the mask tile's top-left corner lands in the full-size mask. */
  at: [number, number];
  /** The job's img2img size [w, h]. */
  size: [number, number];
  /** The only-masked padding: the Seams fix padding, 0 for intersections. */
  padding: number;
}

export interface SeamJobsInput {
  /** The image (target) size and the tile size before 0-substitution, as for planJobs. */
  width: number;
  height: number;
  tileWidth: number;
  tileHeight: number;
  seamsFixType: unknown;
  /** Seams fix Width: the band's width (Band pass only). */
  bandWidth: number;
  /** Seams fix Padding. */
  padding: number;
}

/** The seams-fix jobs over the grid, in the order they run (docs/ultimate-sd-upscale.md#seams-fix-masks). */
export function seamJobs({ width, height, tileWidth, tileHeight, seamsFixType, bandWidth, padding }: SeamJobsInput): SeamJob[] {
  const type = seamsFixTypeOf(seamsFixType);
  const [tw, th] = tileSize(tileWidth, tileHeight);
  const [rows, cols] = [Math.ceil(height / th), Math.ceil(width / tw)];
  const jobs: SeamJob[] = [];
  if (type === "Band pass") {
    const across = bandWidth + 2 * padding;
    for (let col = 1; col < cols; col++) jobs.push({ mask: "band-col", at: [col * tw - Math.floor(bandWidth / 2), 0], size: [across, height], padding });
    for (let row = 1; row < rows; row++) jobs.push({ mask: "band-row", at: [0, row * th - Math.floor(bandWidth / 2)], size: [width, across], padding });
    return jobs;
  }
  if (type === "None") return jobs;
  const [hw, hh] = [Math.floor(tw / 2), Math.floor(th / 2)];
  for (let row = 0; row < rows - 1; row++) for (let col = 0; col < cols; col++) jobs.push({ mask: "tent-row", at: [col * tw, row * th + hh], size: [tw, th], padding });
  for (let row = 0; row < rows; row++) for (let col = 0; col < cols - 1; col++) jobs.push({ mask: "tent-col", at: [col * tw + hw, row * th], size: [tw, th], padding });
  if (type === "Half tile offset pass + intersections") {
    for (let row = 0; row < rows - 1; row++) for (let col = 0; col < cols - 1; col++) jobs.push({ mask: "radial", at: [col * tw + hw, row * th + hh], size: [tw, th], padding: 0 });
  }
  return jobs;
}

export interface JobsInput {
  /** The target (upscaled) image size. */
  width: number;
  height: number;
  tileWidth: number;
  tileHeight: number;
  /** The redraw's only-masked padding. */
  padding?: number;
  redrawMode: unknown;
  seamsFixType: unknown;
}

export interface JobsPlan {
  rows: number;
  cols: number;
  /** Redraw jobs as [col, row], in the order they run. */
  redraw: [number, number][];
  /** Seams-fix jobs, run after the redraw. */
  seams: number;
  /** The img2img size every redraw job generates at: tile + padding, rounded up to 64. */
  processingSize: [number, number];
}

/** The grid, fixed stride = tile size and no overlap (the last row and column reach past the image). */
export function planJobs({ width, height, tileWidth, tileHeight, padding = 32, redrawMode, seamsFixType }: JobsInput): JobsPlan {
  const mode = redrawModeOf(redrawMode);
  const seamsType = seamsFixTypeOf(seamsFixType);
  const [tw, th] = tileSize(tileWidth, tileHeight);
  const rows = Math.ceil(height / th);
  const cols = Math.ceil(width / tw);
  const roundUp64 = (v: number) => Math.ceil(v / 64) * 64;
  return {
    rows,
    cols,
    redraw: redrawOrder(rows, cols, mode),
    seams: seamsJobCount(rows, cols, seamsType),
    processingSize: [roundUp64(tw + padding), roundUp64(th + padding)],
  };
}

// Running an image-to-image network (ESRGAN family: [1, 3, h, w] in 0..1 → [1, 3, s·h, s·w]) tile by tile so
// that memory is bounded by the tile, not the picture. Each tile is fed with `overlap` pixels of context on
// every side and the context is cut from the output (upstream Real-ESRGAN's scheme, docs/upscalers.md#esrgan-models):
// when the overlap covers the network's receptive field, tiled output equals untiled output. The picture
// itself only ever exists as 8-bit pixels.
import { JobInterrupted } from "@/lib/job-interrupted";
import type { CropBox } from "@/lib/images/pixel-image";
import type { RgbImage } from "@/lib/images/tensor-image";
import type { Tensor } from "@/lib/tensor";

export type ImageNetwork = (input: Tensor) => Promise<Tensor>;

export interface TileOptions {
  /** Tile side in input pixels; 0 runs the whole picture at once (A1111's ESRGAN_tile). */
  tile: number;
  /** Context pixels around each tile (A1111's ESRGAN_tile_overlap). */
  overlap: number;
  /** Checked between tiles; an interrupted run throws. */
  isInterrupted?: () => boolean;
  /** Told after each tile of a pass: tiles done, tiles in the pass (the job's progress shows them). */
  onTile?: (done: number, total: number) => void;
}

/** RGB bytes of `box` → planar [1, 3, h, w] in 0..1. */
function tileTensor(img: RgbImage, box: CropBox): Tensor {
  const w = box.x2 - box.x1;
  const h = box.y2 - box.y1;
  const plane = w * h;
  const data = new Float32Array(3 * plane);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const src = ((box.y1 + y) * img.width + box.x1 + x) * 3;
      const dst = y * w + x;
      for (let c = 0; c < 3; c++) data[c * plane + dst] = img.data[src + c] / 255;
    }
  }
  return { data, shape: [1, 3, h, w] };
}

/** The tiles covering [0, size): starts every `tile` pixels. */
function tileStarts(size: number, tile: number): number[] {
  const starts: number[] = [];
  for (let s = 0; s < size; s += tile) starts.push(s);
  return starts;
}

export async function runTiled(img: RgbImage, network: ImageNetwork, options: TileOptions): Promise<RgbImage> {
  const tile = options.tile > 0 ? options.tile : Math.max(img.width, img.height);
  let scale = 0;
  let out: Uint8Array | null = null;
  const rows = tileStarts(img.height, tile);
  const columns = tileStarts(img.width, tile);
  let done = 0;
  for (const ty of rows) {
    for (const tx of columns) {
      if (options.isInterrupted?.()) throw new JobInterrupted("upscale");
      const core = { x1: tx, y1: ty, x2: Math.min(tx + tile, img.width), y2: Math.min(ty + tile, img.height) };
      const ctx = {
        x1: Math.max(core.x1 - options.overlap, 0),
        y1: Math.max(core.y1 - options.overlap, 0),
        x2: Math.min(core.x2 + options.overlap, img.width),
        y2: Math.min(core.y2 + options.overlap, img.height),
      };
      const result = await network(tileTensor(img, ctx));
      const [, channels, oh, ow] = result.shape;
      const inW = ctx.x2 - ctx.x1;
      if (!scale) {
        scale = ow / inW;
        if (channels !== 3 || !Number.isInteger(scale) || scale < 1 || oh !== scale * (ctx.y2 - ctx.y1)) {
          throw new Error(`upscaler output ${result.shape.join("x")} is not an integer multiple of its input 1x3x${ctx.y2 - ctx.y1}x${inW}`);
        }
        out = new Uint8Array(img.width * scale * img.height * scale * 3);
      }
      writeCore(out!, img.width * scale, result, ctx, core, scale);
      options.onTile?.(++done, rows.length * columns.length);
    }
  }
  return { width: img.width * scale, height: img.height * scale, data: out! };
}

/** Copies the part of a tile's output that belongs to `core` into the output bytes (clamp, ×255, round). */
function writeCore(out: Uint8Array, outWidth: number, result: Tensor, ctx: CropBox, core: CropBox, scale: number): void {
  const [, , oh, ow] = result.shape;
  const plane = oh * ow;
  const offX = (core.x1 - ctx.x1) * scale;
  const offY = (core.y1 - ctx.y1) * scale;
  const w = (core.x2 - core.x1) * scale;
  const h = (core.y2 - core.y1) * scale;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const src = (offY + y) * ow + offX + x;
      const dst = ((core.y1 * scale + y) * outWidth + core.x1 * scale + x) * 3;
      for (let c = 0; c < 3; c++) out[dst + c] = Math.round(255 * Math.min(1, Math.max(0, result.data[c * plane + src])));
    }
  }
}

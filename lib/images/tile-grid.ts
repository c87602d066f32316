// A1111's overlapping tile grid (`images.split_grid` / `combine_grid`, docs/builtin-scripts.md#tile-grid):
// the picture is cut into tile_w × tile_h tiles whose starts are spread evenly (the last row and column
// flush with the far edge), and put back together left to right and top to bottom, each tile's first
// `overlap` columns (then each row's first `overlap` lines) faded in over what is already there with a
// linear ramp, as PIL pastes through an "L" mask.
import { channelsOf, type GrayImage } from "@/lib/images/pixel-image";
import type { RgbImage } from "@/lib/images/tensor-image";

type AnyImage = RgbImage | GrayImage;

export interface GridTile<T extends AnyImage> {
  x: number;
  image: T;
}

export interface GridRow<T extends AnyImage> {
  y: number;
  tiles: Array<GridTile<T>>;
}

export interface TileGrid<T extends AnyImage> {
  rows: Array<GridRow<T>>;
  tileWidth: number;
  tileHeight: number;
  imageWidth: number;
  imageHeight: number;
  overlap: number;
}

/** The tile starts along one axis: n = ⌈(size − overlap)/(tile − overlap)⌉ evenly spread, clamped to the far edge. */
export function tileStarts(size: number, tile: number, overlap: number): number[] {
  const count = Math.ceil((size - overlap) / (tile - overlap));
  const step = count > 1 ? (size - tile) / (count - 1) : 0;
  return Array.from({ length: count }, (_, i) => {
    const start = Math.trunc(i * step);
    return start + tile >= size ? size - tile : start;
  });
}

/** PIL's crop: the box may reach outside the image, where the result is black. */
export function cropPadded<T extends AnyImage>(img: T, x: number, y: number, width: number, height: number): T {
  const channels = channelsOf(img);
  const data = new Uint8Array(width * height * channels);
  const x0 = Math.max(0, x);
  const x1 = Math.min(img.width, x + width);
  for (let row = 0; row < height; row++) {
    const sy = y + row;
    if (sy < 0 || sy >= img.height || x1 <= x0) continue;
    data.set(img.data.subarray((sy * img.width + x0) * channels, (sy * img.width + x1) * channels), (row * width + (x0 - x)) * channels);
  }
  return { width, height, data } as T;
}

export function splitGrid<T extends AnyImage>(img: T, tileWidth: number, tileHeight: number, overlap: number): TileGrid<T> {
  const xs = tileStarts(img.width, tileWidth, overlap);
  const rows = tileStarts(img.height, tileHeight, overlap).map((y) => ({ y, tiles: xs.map((x) => ({ x, image: cropPadded(img, x, y, tileWidth, tileHeight) })) }));
  return { rows, tileWidth, tileHeight, imageWidth: img.width, imageHeight: img.height, overlap };
}

/** PIL's DIV255(a·(255 − m) + b·m): the paste of `b` over `a` through mask value m, rounded as PIL does. */
export function pilBlend(a: number, b: number, m: number): number {
  const t = a * (255 - m) + b * m + 128;
  return ((t >> 8) + t) >> 8;
}

/**
 * Pastes the box [sx, sx + width) × [sy, sy + height) of `src` at (dx, dy) in `dst`, clipped to `dst`;
 * with `ramp`, each pixel blends by ramp(column, line) as through a PIL "L" mask.
 */
function pasteRegion<T extends AnyImage>(dst: T, src: T, sx: number, sy: number, width: number, height: number, dx: number, dy: number, ramp?: (column: number, line: number) => number): void {
  const channels = channelsOf(dst);
  for (let line = 0; line < height; line++) {
    const ty = dy + line;
    if (ty < 0 || ty >= dst.height) continue;
    for (let column = 0; column < width; column++) {
      const tx = dx + column;
      if (tx < 0 || tx >= dst.width) continue;
      const from = ((sy + line) * src.width + sx + column) * channels;
      const to = (ty * dst.width + tx) * channels;
      const m = ramp?.(column, line);
      for (let c = 0; c < channels; c++) dst.data[to + c] = m === undefined ? src.data[from + c] : pilBlend(dst.data[to + c], src.data[from + c], m);
    }
  }
}

export function combineGrid<T extends AnyImage>(grid: TileGrid<T>): T {
  const { overlap, imageWidth, tileHeight } = grid;
  const channels = channelsOf(grid.rows[0].tiles[0].image);
  // A1111's ramp: uint8(i · 255 / overlap) in float32 for i = 0 … overlap − 1.
  const ramp = Array.from({ length: overlap }, (_, i) => Math.trunc(Math.fround(Math.fround(i * 255) / overlap)));
  const out = { width: imageWidth, height: grid.imageHeight, data: new Uint8Array(imageWidth * grid.imageHeight * channels) } as T;
  for (const { y, tiles } of grid.rows) {
    const row = { width: imageWidth, height: tileHeight, data: new Uint8Array(imageWidth * tileHeight * channels) } as T;
    for (const { x, image } of tiles) {
      if (x === 0) {
        pasteRegion(row, image, 0, 0, image.width, image.height, 0, 0);
        continue;
      }
      pasteRegion(row, image, 0, 0, overlap, tileHeight, x, 0, (column) => ramp[column]);
      pasteRegion(row, image, overlap, 0, image.width - overlap, tileHeight, x + overlap, 0);
    }
    if (y === 0) {
      pasteRegion(out, row, 0, 0, imageWidth, tileHeight, 0, 0);
      continue;
    }
    pasteRegion(out, row, 0, 0, imageWidth, overlap, 0, y, (_, line) => ramp[line]);
    pasteRegion(out, row, 0, overlap, imageWidth, tileHeight - overlap, 0, y + overlap);
  }
  return out;
}

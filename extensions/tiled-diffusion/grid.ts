// Tiled Diffusion's tile layout (docs/tiled-diffusion.md#tile-layout): tiles spread evenly over the latent
// canvas, the first flush with the top-left and the last with the bottom-right edge, so the real overlap is at
// least the requested one; then the row-major list cut into batches of re-balanced size. All sizes here are
// latent pixels except `splits`' canvas, which is in image pixels as the extension's activation test takes it.

/** A tile's box in latent pixels: x, y, width, height. */
export type TileBox = [number, number, number, number];

export interface GridRequest {
  width: number;
  height: number;
  tileWidth: number;
  tileHeight: number;
  overlap: number;
}

export interface TileGrid {
  cols: number;
  rows: number;
  /** Row-major (rows outer). */
  tiles: TileBox[];
  /** Consecutive slices of `tiles`, each at most the re-balanced batch size. */
  batches: TileBox[][];
}

/** The overlap the grid uses: the request, at most 4 less than the smaller requested tile side. */
function usableOverlap(tileWidth: number, tileHeight: number, overlap: number): number {
  return Math.max(0, Math.min(overlap, Math.min(tileWidth, tileHeight) - 4));
}

/** Tiles along one axis. A side the tile covers whole is one tile (the extension divides 0 by 0 there). */
function tilesAlong(size: number, tile: number, overlap: number): number {
  return tile >= size ? 1 : Math.ceil((size - overlap) / (tile - overlap));
}

/** Offsets of `count` tiles of `tile` over `size`: first at 0, last flush with the end, evenly between. */
function offsets(size: number, tile: number, count: number): number[] {
  const step = count > 1 ? (size - tile) / (count - 1) : 0;
  return Array.from({ length: count }, (_, i) => Math.min(Math.trunc(i * step), size - tile));
}

export function tileGrid({ width, height, tileWidth, tileHeight, overlap, batchSize }: GridRequest & { batchSize: number }): TileGrid {
  const ov = usableOverlap(tileWidth, tileHeight, overlap);
  const tw = Math.min(tileWidth, width);
  const th = Math.min(tileHeight, height);
  const cols = tilesAlong(width, tw, ov);
  const rows = tilesAlong(height, th, ov);
  const xs = offsets(width, tw, cols);
  const ys = offsets(height, th, rows);
  const tiles = ys.flatMap((y) => xs.map((x): TileBox => [x, y, tw, th]));
  const count = Math.ceil(tiles.length / Math.max(1, batchSize));
  const size = Math.ceil(tiles.length / count);
  const batches = Array.from({ length: count }, (_, b) => tiles.slice(b * size, (b + 1) * size));
  return { cols, rows, tiles, batches };
}

/** The extension's activation test: does a `width × height` image (image pixels) need more than one tile? */
export function splits({ width, height, tileWidth, tileHeight, overlap }: GridRequest): boolean {
  // The activation test clamps only an overlap of at least the smaller side (the grid clamps from side − 4 on).
  const smaller = Math.min(tileWidth, tileHeight);
  const ov = overlap >= smaller ? smaller - 4 : overlap;
  const w = Math.trunc(width / 8);
  const h = Math.trunc(height / 8);
  return Math.ceil((w - ov) / (tileWidth - ov)) > 1 || Math.ceil((h - ov) / (tileHeight - ov)) > 1;
}

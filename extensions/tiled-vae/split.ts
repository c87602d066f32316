// The Tiled VAE tile split, exactly as the original extension (docs/tiled-vae.md#tile-split): the input is cut
// into a grid of core tiles of a shrunk, rounded size; each tile runs on its core grown by a fixed padding and
// writes back only its core (extended to the picture's border where the core comes within the padding of it).

export type VaeSide = "encoder" | "decoder";

/** [x1, x2, y1, y2], end-exclusive. */
export type Box = [number, number, number, number];

export interface Tile {
  /** The region the tile reads, in the input tensor's own pixels (core + padding, clamped). */
  input: Box;
  /** The region it writes, in the other side's pixels (decoder: image px = latent ×8; encoder: latent px = ⌊image / 8⌋). */
  output: Box;
}

export interface TileSplit {
  rows: number;
  cols: number;
  /** The real (shrunk and rounded) core tile size. */
  tileHeight: number;
  tileWidth: number;
  /** Row-major; empty when the input is small enough to run untiled. */
  tiles: Tile[];
}

/** Padding around each core tile: 11 latent px for the decoder, 32 image px (4 latent px) for the encoder. */
export const TILE_PADDING: Record<VaeSide, number> = { decoder: 11, encoder: 32 };

/** The extension's rounding: `size` rounded up to a multiple of 32, 16, 8, 4 or 2 (the first that stays ≤ `limit`). */
export function roundTileSize(size: number, limit: number): number {
  for (let divider = 32; divider >= 2; divider /= 2) {
    const remainder = size % divider;
    if (remainder === 0) return size;
    const candidate = size - remainder + divider;
    if (candidate <= limit) return candidate;
  }
  return size;
}

/** Whether an input of this size runs through the plain VAE, untouched. */
export function runsUntiled(kind: VaeSide, height: number, width: number, tileSize: number): boolean {
  return Math.max(height, width) <= 2 * TILE_PADDING[kind] + tileSize;
}

export function splitTiles(kind: VaeSide, height: number, width: number, tileSize: number): TileSplit {
  if (runsUntiled(kind, height, width, tileSize)) return { rows: 1, cols: 1, tileHeight: height, tileWidth: width, tiles: [] };
  const pad = TILE_PADDING[kind];
  const rows = Math.max(1, Math.ceil((height - 2 * pad) / tileSize));
  const cols = Math.max(1, Math.ceil((width - 2 * pad) / tileSize));
  const tileHeight = roundTileSize(Math.ceil((height - 2 * pad) / rows), tileSize);
  const tileWidth = roundTileSize(Math.ceil((width - 2 * pad) / cols), tileSize);
  const toOutput = (v: number) => (kind === "decoder" ? v * 8 : Math.floor(v / 8));
  const tiles: Tile[] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const [x1, x2] = [pad + j * tileWidth, Math.min(pad + (j + 1) * tileWidth, width)];
      const [y1, y2] = [pad + i * tileHeight, Math.min(pad + (i + 1) * tileHeight, height)];
      const output: Box = [x1 > pad ? x1 : 0, x2 < width - pad ? x2 : width, y1 > pad ? y1 : 0, y2 < height - pad ? y2 : height];
      tiles.push({
        input: [Math.max(0, x1 - pad), Math.min(width, x2 + pad), Math.max(0, y1 - pad), Math.min(height, y2 + pad)],
        output: output.map(toOutput) as Box,
      });
    }
  }
  return { rows, cols, tileHeight, tileWidth, tiles };
}

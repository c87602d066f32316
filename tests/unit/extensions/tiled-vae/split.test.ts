// splitTiles against the original extension's golden table (docs/tiled-vae.md#tile-split): grid, real tile
// size, first and last tile's input and output regions; output regions cover the result exactly once.
import { describe, expect, it } from "vitest";
import { roundTileSize, splitTiles, type VaeSide } from "@/extensions/tiled-vae/split";

const square = (a: number, b: number) => [a, b, a, b];

const GOLDEN: Array<{ kind: VaeSide; size: number; tile: number; grid: number; real: number; first: [number[], number[]]; last: [number[], number[]] }> = [
  { kind: "decoder", size: 256, tile: 128, grid: 2, real: 128, first: [square(0, 150), square(0, 1112)], last: [square(128, 256), square(1112, 2048)] },
  { kind: "decoder", size: 256, tile: 64, grid: 4, real: 64, first: [square(0, 86), square(0, 600)], last: [square(192, 256), square(1624, 2048)] },
  { kind: "decoder", size: 512, tile: 192, grid: 3, real: 192, first: [square(0, 214), square(0, 1624)], last: [square(384, 512), square(3160, 4096)] },
  { kind: "decoder", size: 128, tile: 96, grid: 2, real: 64, first: [square(0, 86), square(0, 600)], last: [square(64, 128), square(600, 1024)] },
  { kind: "encoder", size: 2048, tile: 1536, grid: 2, real: 992, first: [square(0, 1056), square(0, 128)], last: [square(992, 2048), square(128, 256)] },
  { kind: "encoder", size: 4096, tile: 960, grid: 5, real: 832, first: [square(0, 896), square(0, 108)], last: [square(3328, 4096), square(420, 512)] },
];

/** How often each output pixel is written by the tiles' output regions. */
function coverage(kind: VaeSide, h: number, w: number, tile: number): Uint8Array {
  const split = splitTiles(kind, h, w, tile);
  const [oh, ow] = kind === "decoder" ? [h * 8, w * 8] : [h / 8, w / 8];
  const count = new Uint8Array(oh * ow);
  for (const { output: [x1, x2, y1, y2] } of split.tiles) for (let y = y1; y < y2; y++) for (let x = x1; x < x2; x++) count[y * ow + x]++;
  return count;
}

describe("splitTiles", () => {
  for (const row of GOLDEN) {
    it(`${row.kind} ${row.size}² with tile ${row.tile}: ${row.grid}×${row.grid} tiles of ${row.real}`, () => {
      const split = splitTiles(row.kind, row.size, row.size, row.tile);
      expect([split.rows, split.cols, split.tileHeight, split.tileWidth]).toEqual([row.grid, row.grid, row.real, row.real]);
      expect(split.tiles).toHaveLength(row.grid * row.grid);
      expect([split.tiles[0].input, split.tiles[0].output]).toEqual(row.first);
      expect([split.tiles.at(-1)!.input, split.tiles.at(-1)!.output]).toEqual(row.last);
    });
  }

  it("lists tiles row by row and grows each core by the padding, clamped", () => {
    const { tiles, rows, cols, tileHeight, tileWidth } = splitTiles("decoder", 100, 200, 64);
    // (100 − 22) / 64 → 2 rows of 39 → 64 (the multiple of 32 still fits); (200 − 22) / 64 → 3 cols of 60 → 64.
    expect([rows, cols, tileHeight, tileWidth]).toEqual([2, 3, 64, 64]);
    expect(tiles.map((t) => t.input)).toEqual([
      [0, 86, 0, 86], [64, 150, 0, 86], [128, 200, 0, 86],
      [0, 86, 64, 100], [64, 150, 64, 100], [128, 200, 64, 100],
    ]);
    // Core [75, 139] × [75, 100]: the bottom edge is within the padding of the border, so it reaches it.
    expect(tiles[4].output).toEqual([75 * 8, 139 * 8, 75 * 8, 100 * 8]);
  });

  it("output regions cover the result exactly once, square and not", () => {
    for (const [kind, h, w, t] of [["decoder", 256, 256, 64], ["decoder", 80, 192, 48], ["encoder", 2048, 1024, 512], ["encoder", 1536, 640, 256]] as const) {
      expect(coverage(kind, h, w, t).every((c) => c === 1)).toBe(true);
    }
  });

  it("an input up to 2·pad + tile runs untiled", () => {
    expect(splitTiles("decoder", 150, 150, 128).tiles).toEqual([]);
    expect(splitTiles("decoder", 151, 64, 128).tiles).toHaveLength(2);
    expect(splitTiles("encoder", 1600, 1000, 1536).tiles).toEqual([]);
    expect(splitTiles("encoder", 1000, 1601, 1536).tiles).toHaveLength(2);
  });

  it("rounds a tile up to the coarsest multiple that stays within the limit", () => {
    expect(roundTileSize(117, 128)).toBe(128);
    expect(roundTileSize(53, 96)).toBe(64);
    expect(roundTileSize(53, 60)).toBe(56);
    expect(roundTileSize(61, 62)).toBe(62);
    expect(roundTileSize(61, 61)).toBe(61);
  });
});

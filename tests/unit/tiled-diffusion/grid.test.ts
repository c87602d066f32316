// Tiled Diffusion's geometry against values derived from its formulas (docs/tiled-diffusion.md#tile-layout):
// the golden table, the activation test, the Gaussian and feather maps.
import { describe, expect, it } from "vitest";
import { splits, tileGrid } from "@/extensions/tiled-diffusion/grid";
import { featherMask, gaussianWeights } from "@/extensions/tiled-diffusion/weights";

const grid = (imageW: number, imageH: number, tile: number, overlap: number, batchSize = 4) =>
  tileGrid({ width: imageW / 8, height: imageH / 8, tileWidth: tile, tileHeight: tile, overlap, batchSize });
const xsOf = (g: ReturnType<typeof tileGrid>) => g.tiles.slice(0, g.cols).map((t) => t[0]);
const ysOf = (g: ReturnType<typeof tileGrid>) => g.tiles.filter((_, i) => i % g.cols === 0).map((t) => t[1]);
const batching = (g: ReturnType<typeof tileGrid>) => [g.batches.length, g.batches[0].length];

describe("tileGrid", () => {
  it.each([
    [1024, 1024, 96, 48, [2, 2], [0, 32], [1, 4]],
    [2048, 2048, 96, 8, [3, 3], [0, 80, 160], [3, 3]],
    [2048, 2048, 96, 48, [5, 5], [0, 40, 80, 120, 160], [7, 4]],
    [1536, 1024, 128, 16, [2, 1], [0, 64], [1, 2]],
    [4096, 4096, 96, 8, [6, 6], [0, 83, 166, 249, 332, 416], [9, 4]],
  ])("%i×%i at %i/%i: the golden table", (w, h, tile, ov, [cols, rows], xs, batches) => {
    const g = grid(w, h, tile, ov);
    expect([g.cols, g.rows]).toEqual([cols, rows]);
    expect(xsOf(g)).toEqual(xs);
    expect(batching(g)).toEqual(batches);
    expect(g.tiles).toHaveLength(cols * rows);
    expect(g.batches.flat()).toEqual(g.tiles);
  });

  it("3840×2160 at 128/16: 5×3 tiles, x and y offsets, batches 4+4+4+3; 4096² with batch 8 re-balances to 5×8", () => {
    const g = grid(3840, 2160, 128, 16);
    expect([g.cols, g.rows]).toEqual([5, 3]);
    expect(xsOf(g)).toEqual([0, 88, 176, 264, 352]);
    expect(ysOf(g)).toEqual([0, 71, 142]);
    expect(g.batches.map((b) => b.length)).toEqual([4, 4, 4, 3]);
    expect(g.tiles.every(([, , tw, th]) => tw === 128 && th === 128)).toBe(true);
    expect(batching(grid(4096, 4096, 96, 8, 8))).toEqual([5, 8]);
  });

  it("row-major order, last tile flush with the canvas, effective overlap at least the request", () => {
    const g = grid(2048, 1024, 96, 48);
    expect(g.tiles[1][1]).toBe(g.tiles[0][1]);
    const last = g.tiles.at(-1)!;
    expect(last[0] + last[2]).toBe(256);
    expect(last[1] + last[3]).toBe(128);
    const xs = xsOf(g);
    for (let i = 1; i < xs.length; i++) expect(96 - (xs[i] - xs[i - 1])).toBeGreaterThanOrEqual(48);
  });

  it("a canvas side equal to the overlap is one tile (the extension's 0/0); a smaller canvas clamps the tile", () => {
    const g = grid(384, 1024, 96, 48);
    expect([g.cols, g.rows]).toEqual([1, 2]);
    expect(g.tiles[0]).toEqual([0, 0, 48, 96]);
    const small = grid(512, 512, 96, 48);
    expect(small.tiles).toEqual([[0, 0, 64, 64]]);
    expect(small.batches).toEqual([[[0, 0, 64, 64]]]);
  });

  it("an overlap beyond the tile is clamped to side − 4", () => {
    // 2048 (256 latent) at tile 96, overlap 200 → 92: ceil(164 / 4) = 41 columns, 4 px apart.
    const g = grid(2048, 768, 96, 200);
    expect(g.cols).toBe(41);
    expect(xsOf(g).slice(0, 3)).toEqual([0, 4, 8]);
  });
});

describe("splits", () => {
  it("768² at 96/48 is one tile, 800² is not (the extension's examples)", () => {
    expect(splits({ width: 768, height: 768, tileWidth: 96, tileHeight: 96, overlap: 48 })).toBe(false);
    expect(splits({ width: 800, height: 800, tileWidth: 96, tileHeight: 96, overlap: 48 })).toBe(true);
    expect(splits({ width: 768, height: 800, tileWidth: 96, tileHeight: 96, overlap: 48 })).toBe(true);
  });

  it("image pixels are floored to latent pixels; an overlap of at least the tile becomes tile − 4", () => {
    // 775 px → 96 latent: one tile. Overlap 96 on tile 96 → 92: ceil((100 − 92) / 4) = 2 for 800 px.
    expect(splits({ width: 775, height: 775, tileWidth: 96, tileHeight: 96, overlap: 48 })).toBe(false);
    expect(splits({ width: 800, height: 512, tileWidth: 96, tileHeight: 96, overlap: 96 })).toBe(true);
    expect(splits({ width: 512, height: 512, tileWidth: 96, tileHeight: 96, overlap: 96 })).toBe(false);
  });
});

describe("gaussianWeights", () => {
  it("a 96 tile: centre ≈ 15.9, edge/centre ≈ 4.8e-6, corner ≈ 2.9e-10 (σ = 9.6 on both axes)", () => {
    const g = gaussianWeights(96, 96);
    expect(g).toHaveLength(96 * 96);
    const at = (x: number, y: number) => g[y * 96 + x];
    const peak = 1 / (2 * Math.PI * 0.01);
    // x centred at 47.5, y at 48.
    expect(at(48, 48)).toBeCloseTo(peak * Math.exp(-(0.5 ** 2) / (96 * 96 * 0.02)), 4);
    expect(at(48, 48)).toBeCloseTo(15.9, 1);
    expect(at(48, 0) / at(48, 48)).toBeCloseTo(Math.exp(-(48 ** 2) / (96 * 96 * 0.02)), 9);
    // The left edge against the centre (x = 0 is 47.5 from the mean); the corner's absolute weight.
    expect(at(0, 48) / at(48, 48)).toBeCloseTo(4.8e-6, 7);
    expect(at(0, 0)).toBeCloseTo(2.9e-10, 11);
    // Symmetric in x about 47.5.
    expect(at(0, 30)).toBe(at(95, 30));
  });

  it("a 128×64 tile divides the y profile by the width too: its top edge is 0.044 of the centre", () => {
    const g = gaussianWeights(128, 64);
    expect(g[0 * 128 + 64] / g[32 * 128 + 64]).toBeCloseTo(Math.exp(-(32 ** 2) / (128 * 128 * 0.02)), 6);
    expect(g[0 * 128 + 64] / g[32 * 128 + 64]).toBeCloseTo(0.044, 3);
  });
});

describe("featherMask", () => {
  it("40×30 at 0.2: radius 3, profile 0, 1/9, 4/9, 1 from every edge", () => {
    const m = featherMask(40, 30, 0.2);
    expect(m).toHaveLength(40 * 30);
    const row = (y: number) => Array.from(m.subarray(y * 40, (y + 1) * 40));
    const middle = row(15);
    expect(middle.slice(0, 5)).toEqual([0, 1 / 9, 4 / 9, 1, 1].map(Math.fround));
    expect(middle.slice(-4)).toEqual([1, 4 / 9, 1 / 9, 0].map(Math.fround));
    expect(Array.from({ length: 5 }, (_, y) => m[y * 40 + 20])).toEqual([0, 1 / 9, 4 / 9, 1, 1].map(Math.fround));
    // Corners: the nearer edge counts.
    expect(m[1 * 40 + 2]).toBe(Math.fround(1 / 9));
  });

  it("a radius of 0 is all ones", () => {
    expect(Array.from(featherMask(6, 6, 0.2))).toEqual(new Array(36).fill(1));
    expect(Array.from(featherMask(40, 30, 0))).toEqual(new Array(1200).fill(1));
  });
});

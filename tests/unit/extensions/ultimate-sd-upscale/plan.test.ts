// The plan of an Ultimate SD Upscale run against the spec's tables (docs/ultimate-sd-upscale.md): the upscale
// chains, the job-count table, the redraw orders, the 0-substitution of the tile size and the processing size.
import { describe, expect, it } from "vitest";
import { planJobs, redrawOrder, SEAMS_FIX_TYPES, seamJobs, targetSize, tileSize, upscaleChain } from "@/extensions/ultimate-sd-upscale/plan";

/** The original extension's chain, transcribed from the spec's description (a 0 pass is its failure). */
function originalChain(k: number): number[] {
  const factor = (n: number) => (n === 1 ? 2 : n % 4 === 0 ? 4 : n % 3 === 0 ? 3 : n % 2 === 0 ? 2 : 0);
  while (factor(k) === 0) k++;
  const passes: number[] = [];
  for (let reached = 1; reached < k; ) {
    const f = factor(Math.floor(k / reached));
    passes.push(f);
    if (f === 0) break;
    reached *= f;
  }
  return passes;
}

describe("upscaleChain", () => {
  // The spec's chain list: k → (k raised to) passes.
  const CHAINS: Array<[number, number, number[]]> = [
    [2, 2, [2]],
    [3, 3, [3]],
    [4, 4, [4]],
    [5, 6, [3, 2]],
    [6, 6, [3, 2]],
    [7, 8, [4, 2]],
    [8, 8, [4, 2]],
    [9, 9, [3, 3]],
    [11, 12, [4, 3]],
    [12, 12, [4, 3]],
    [16, 16, [4, 4]],
  ];
  for (const [k, factorUsed, passes] of CHAINS) {
    it(`k = ${k} → ×${factorUsed} as [${passes}]`, () => expect(upscaleChain(k)).toEqual({ factorUsed, passes }));
  }

  it("fixes the chains that reach a ×0 pass in the original (k = 10, 13, 14, 15)", () => {
    expect([10, 13, 14, 15].map(originalChain)).toEqual([[2, 0], [2, 0], [2, 0], [3, 0]]);
    // Raised to the next number made of 2s and 3s: 12 = 4·3, 16 = 4·4.
    expect(upscaleChain(10)).toEqual({ factorUsed: 12, passes: [4, 3] });
    for (const k of [13, 14, 15]) expect(upscaleChain(k)).toEqual({ factorUsed: 16, passes: [4, 4] });
  });

  it("equals the original wherever the original works, and always multiplies out to a k' ≥ k", () => {
    let failures = 0;
    for (let k = 1; k <= 300; k++) {
      const { factorUsed, passes } = upscaleChain(k);
      expect(passes.reduce((a, b) => a * b, 1)).toBe(factorUsed);
      expect(factorUsed).toBeGreaterThanOrEqual(k);
      expect(passes.every((p) => p === 2 || p === 3 || p === 4)).toBe(true);
      const original = originalChain(k);
      if (original.includes(0)) failures++;
      else expect(passes).toEqual(original);
    }
    expect(failures).toBeGreaterThan(4); // 10, 13, 14, 15, 19, 20, …: the comparison above is not vacuous
  });

  it("rounds a fractional ratio up, runs no model pass at ×1, and refuses what is not a positive number", () => {
    expect(upscaleChain(2048 / 1000)).toEqual({ factorUsed: 3, passes: [3] }); // ceil(2.048) = 3
    expect(upscaleChain(1)).toEqual({ factorUsed: 1, passes: [] });
    expect(upscaleChain(0.5)).toEqual({ factorUsed: 1, passes: [] }); // a downscale: only the Lanczos resize
    for (const bad of [0, -2, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => upscaleChain(bad)).toThrow(RangeError);
  });
});

describe("planJobs", () => {
  // The spec's job-count table: target W×H, tile → rows, cols, redraw, band, half, half + intersections, size.
  const TABLE: Array<[number, number, number, number, number, number, number, number, number, number]> = [
    [2048, 2048, 512, 4, 4, 16, 6, 24, 33, 576],
    [1024, 1536, 512, 3, 2, 6, 3, 7, 9, 576],
    [4096, 4096, 768, 6, 6, 36, 10, 60, 85, 832],
    [2048, 2048, 1024, 2, 2, 4, 2, 4, 5, 1088],
  ];
  for (const [width, height, tile, rows, cols, redraw, band, half, halfInt, size] of TABLE) {
    it(`${width}×${height}, tile ${tile}: ${rows}×${cols}, ${redraw} redraws, seams ${band} / ${half} / ${halfInt}, ${size}²`, () => {
      const plan = (seamsFixType: unknown) => planJobs({ width, height, tileWidth: tile, tileHeight: tile, redrawMode: "Linear", seamsFixType });
      const none = plan("None");
      expect([none.rows, none.cols, none.redraw.length, none.seams, none.processingSize]).toEqual([rows, cols, redraw, 0, [size, size]]);
      // By name and by the extension's index.
      expect([plan("Band pass").seams, plan("Half tile offset pass").seams, plan("Half tile offset pass + intersections").seams]).toEqual([band, half, halfInt]);
      expect([plan(0).seams, plan(1).seams, plan(2).seams, plan(3).seams]).toEqual([0, band, half, halfInt]);
    });
  }

  it("runs Linear row by row, as [col, row]", () => {
    const { redraw } = planJobs({ width: 1024, height: 1536, tileWidth: 512, tileHeight: 512, redrawMode: 0, seamsFixType: 0 });
    expect(redraw).toEqual([[0, 0], [1, 0], [0, 1], [1, 1], [0, 2], [1, 2]]);
  });

  it("runs Chess as every even tile (col + row even) row by row, then every odd one", () => {
    const { redraw } = planJobs({ width: 1536, height: 1536, tileWidth: 512, tileHeight: 512, redrawMode: "Chess", seamsFixType: "None" });
    expect(redraw).toEqual([
      [0, 0], [2, 0], [1, 1], [0, 2], [2, 2],
      [1, 0], [0, 1], [2, 1], [1, 2],
    ]);
    expect(planJobs({ width: 1536, height: 1536, tileWidth: 512, tileHeight: 512, redrawMode: 1, seamsFixType: 0 }).redraw).toEqual(redraw);
    // A 2×4 grid: the odd tiles of row 0 come after every even tile of both rows.
    expect(redrawOrder(2, 4, "Chess")).toEqual([[0, 0], [2, 0], [1, 1], [3, 1], [1, 0], [3, 0], [0, 1], [2, 1]]);
  });

  it("redraws nothing with None, yet still counts the seams fix", () => {
    const plan = planJobs({ width: 2048, height: 2048, tileWidth: 512, tileHeight: 512, redrawMode: 2, seamsFixType: "Band pass" });
    expect([plan.rows, plan.cols, plan.redraw, plan.seams]).toEqual([4, 4, [], 6]);
  });

  it("substitutes a 0 tile side with the other one (the issue's `512, 0` and `0, 768`)", () => {
    expect(tileSize(512, 0)).toEqual([512, 512]);
    expect(tileSize(0, 768)).toEqual([768, 768]);
    const plan = planJobs({ width: 2048, height: 2048, tileWidth: 512, tileHeight: 0, redrawMode: "Linear", seamsFixType: "None" });
    expect([plan.rows, plan.cols, plan.processingSize]).toEqual([4, 4, [576, 576]]);
    expect(() => tileSize(0, 0)).toThrow(RangeError);
  });

  it("sizes each side on its own: the tile plus the padding, rounded up to 64", () => {
    // 512 + 32 = 544 → 576; 768 + 32 = 800 → 832.
    expect(planJobs({ width: 2048, height: 2048, tileWidth: 512, tileHeight: 768, redrawMode: 0, seamsFixType: 0 }).processingSize).toEqual([576, 832]);
    const square = (padding: number) => planJobs({ width: 1024, height: 1024, tileWidth: 512, tileHeight: 512, padding, redrawMode: 0, seamsFixType: 0 }).processingSize;
    expect([square(0), square(64), square(65)]).toEqual([[512, 512], [576, 576], [640, 640]]);
  });

  it("lets the last row and column reach past an image that is not a multiple of the tile", () => {
    // 1000 / 512 → 2 columns, 1100 / 512 → 3 rows; band seams 1 + 2, half tile 3·1 + 2·2 = 7.
    const plan = planJobs({ width: 1000, height: 1100, tileWidth: 512, tileHeight: 512, redrawMode: 0, seamsFixType: 1 });
    expect([plan.rows, plan.cols, plan.redraw.length, plan.seams]).toEqual([3, 2, 6, 3]);
  });

  it("refuses any other redraw mode or seams-fix type", () => {
    const plan = (redrawMode: unknown, seamsFixType: unknown) => () => planJobs({ width: 1024, height: 1024, tileWidth: 512, tileHeight: 512, redrawMode, seamsFixType });
    for (const bad of ["linear", "Diagonal", 3, -1, 1.5, "1", null, undefined, true]) expect(plan(bad, 0)).toThrow(RangeError);
    for (const bad of ["band pass", "Half tile", 4, -1, 0.5, "0", null, false]) expect(plan(0, bad)).toThrow(RangeError);
  });
});

describe("targetSize", () => {
  const input = { width: 1024, height: 768, customWidth: 2048, customHeight: 1536, scale: 2.2 };
  it("takes the img2img size, the custom size, or the image scaled and rounded up to 64", () => {
    expect(targetSize({ ...input, type: 0 }, [512, 384])).toEqual([1024, 768]);
    expect(targetSize({ ...input, type: "Custom size" }, [512, 384])).toEqual([2048, 1536]);
    // 512·2.2 = 1126.4 → 18·64 = 1152; 384·2.2 = 844.8 → 14·64 = 896.
    expect(targetSize({ ...input, type: 2 }, [512, 384])).toEqual([1152, 896]);
    expect(targetSize({ ...input, type: "Scale from image size", scale: 2 }, [512, 512])).toEqual([1024, 1024]);
    expect(() => targetSize({ ...input, type: 3 }, [512, 512])).toThrow(RangeError);
  });
});

describe("seamJobs", () => {
  const grid = { tileWidth: 512, tileHeight: 0, bandWidth: 64, padding: 16 };
  it("band pass on 1024 × 1536, 512 tiles: a vertical band centred on x = 512, then horizontal ones on y = 512, 1024", () => {
    // 64 + 2·16 = 96 across the band, the image's size along it.
    expect(seamJobs({ ...grid, width: 1024, height: 1536, seamsFixType: "Band pass" })).toEqual([
      { mask: "band-col", at: [480, 0], size: [96, 1536], padding: 16 },
      { mask: "band-row", at: [0, 480], size: [1024, 96], padding: 16 },
      { mask: "band-row", at: [0, 992], size: [1024, 96], padding: 16 },
    ]);
  });

  it("half tile + intersections on 1024², 512 tiles: row seams, column seams, then the corner with padding 0", () => {
    expect(seamJobs({ ...grid, width: 1024, height: 1024, seamsFixType: 3 })).toEqual([
      { mask: "tent-row", at: [0, 256], size: [512, 512], padding: 16 },
      { mask: "tent-row", at: [512, 256], size: [512, 512], padding: 16 },
      { mask: "tent-col", at: [256, 0], size: [512, 512], padding: 16 },
      { mask: "tent-col", at: [256, 512], size: [512, 512], padding: 16 },
      { mask: "radial", at: [256, 256], size: [512, 512], padding: 0 },
    ]);
  });

  it("lists as many jobs as planJobs counts, for every type", () => {
    for (const seamsFixType of SEAMS_FIX_TYPES) {
      const input = { width: 4096, height: 4096, tileWidth: 768, tileHeight: 768, redrawMode: "Linear", seamsFixType };
      expect(seamJobs({ ...input, bandWidth: 64, padding: 16 })).toHaveLength(planJobs(input).seams);
    }
  });
});

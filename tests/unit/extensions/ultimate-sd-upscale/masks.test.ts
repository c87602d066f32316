// The seams-fix masks (docs/ultimate-sd-upscale.md#seams-fix-masks) against values derived by hand: PIL's
// gradients, its rotations, the bicubic resize's exactness on constants and on linear ramps, and the tents and the
// radial mask where no resampling happens.
import { describe, expect, it } from "vitest";
import { bandTent, halfTileTent, intersectionMask, linearGradient, placedMask, radialGradient, resizeBicubicPil, rotateSquare, seamMasks, tileMask } from "@/extensions/ultimate-sd-upscale/masks";
import type { GrayImage } from "@onyx/sdk";

const at = (img: GrayImage, x: number, y: number) => img.data[y * img.width + x];
const column = (img: GrayImage, x: number) => Array.from({ length: img.height }, (_, y) => at(img, x, y));
const row = (img: GrayImage, y: number) => Array.from(img.data.subarray(y * img.width, (y + 1) * img.width));
const range = <T = number>(n: number, f: (i: number) => T = (i) => i as T): T[] => Array.from({ length: n }, (_, i) => f(i));
/** PIL's 8-bit rounding: half up (it adds ½ in fixed point, then floors). */
const halfUp = (v: number) => Math.floor(v + 0.5);
/** Rows 3…380 of a 256 → 384 resample of a ramp: exact value (yy + ½)·⅔ − ½ of the input coordinate. */
const ramp384 = (f: (y: number) => number) => range(378, (i) => halfUp(f(((i + 3 + 0.5) * 2) / 3 - 0.5)));

describe("PIL's gradients and rotations", () => {
  it("linear: row y holds y; rotated by 90° (counter-clockwise) column x holds x, by 180° 255 − y, by 270° 255 − x", () => {
    const g = linearGradient();
    expect([at(g, 0, 0), at(g, 200, 17), at(g, 5, 255)]).toEqual([0, 17, 255]);
    expect([at(rotateSquare(g, 90), 17, 200), at(rotateSquare(g, 180), 200, 17), at(rotateSquare(g, 270), 17, 200)]).toEqual([17, 238, 238]);
  });

  it("radial: ⌊√2·r⌋ from (128, 128), capped at 255", () => {
    const r = radialGradient();
    // r = 0 → 0; r = 1 → ⌊1.414⌋ = 1; r = 128 → ⌊181.02⌋ = 181; corner: √(2·2·128²) = 256 → 255; r = 100 → ⌊141.42⌋ = 141.
    expect([at(r, 128, 128), at(r, 129, 128), at(r, 0, 128), at(r, 128, 0), at(r, 0, 0), at(r, 228, 128)]).toEqual([0, 1, 181, 181, 255, 141]);
  });
});

describe("resizeBicubicPil", () => {
  it("keeps a constant image constant, up and down", () => {
    const flat: GrayImage = { width: 256, height: 256, data: new Uint8Array(256 * 256).fill(200) };
    for (const [w, h] of [[512, 64], [37, 700], [1000, 3]]) expect(new Set(resizeBicubicPil(flat, w, h).data)).toEqual(new Set([200]));
  });

  it("reproduces a linear ramp away from the edges: row yy of 256 → 384 rows is (yy + ½)·⅔ − ½, rounded half up", () => {
    const r = resizeBicubicPil(linearGradient(), 256, 384);
    // Keys' cubic interpolates linear functions exactly once its four taps lie inside the image; yy = 4 gives 2.5 → 3.
    expect(column(r, 10).slice(3, 381)).toEqual(ramp384((y) => y));
    expect(column(r, 10)[4]).toBe(3);
  });

  it("returns the image itself when the size does not change", () => {
    const g = linearGradient();
    expect(resizeBicubicPil(g, 256, 256)).toBe(g);
  });
});

describe("seams-fix masks", () => {
  it("half tile, 512²: the 256-row ramps need no vertical resampling, so the tent is 0…255 then 255…0", () => {
    const tent = range(256).concat(range(256, (i) => 255 - i));
    const rowTent = halfTileTent(512, 512, "row");
    expect([0, 300, 511].map((x) => column(rowTent, x))).toEqual([tent, tent, tent]);
    const colTent = halfTileTent(512, 512, "col");
    expect([0, 200, 511].map((y) => row(colTent, y))).toEqual([tent, tent, tent]);
  });

  it("half tile, 768²: a tent of two 384-row ramps, each half the mirror of the other", () => {
    const m = halfTileTent(768, 768, "row");
    const c = column(m, 100);
    expect(c.slice(3, 381)).toEqual(ramp384((y) => y));
    // The bottom half resamples 255 − y, falling from the seam; ties round up there too, so it is not exactly 255 − top.
    expect(c.slice(384 + 3, 384 + 381)).toEqual(ramp384((y) => 255 - y));
    expect([c[4], c[384 + 4]]).toEqual([3, 253]); // 2.5 → 3 and 252.5 → 253
    expect(Math.max(...c)).toBe(c[383]);
  });

  it("an odd tile side leaves its last line black (two halves of ⌊th / 2⌋)", () => {
    const m = halfTileTent(64, 65, "row");
    expect(row(m, 64)).toEqual(range(64, () => 0));
    expect(row(m, 32)[0]).toBeGreaterThan(240);
  });

  it("intersections, 256²: the inverted radial gradient itself — 255 at the centre, 74 mid-edge, 0 in the corners", () => {
    const m = intersectionMask(256, 256);
    expect([at(m, 128, 128), at(m, 0, 128), at(m, 128, 0), at(m, 0, 0)]).toEqual([255, 74, 74, 0]);
  });

  it("band pass: the mirrored gradient stretched over the band, the same on every line along it", () => {
    const vertical = bandTent(1536, 1024, 64, "col");
    expect([vertical.width, vertical.height]).toEqual([64, 1024]);
    const across = row(vertical, 0);
    for (const y of [1, 500, 1023]) expect(row(vertical, y)).toEqual(across);
    expect(across.slice(0, 32)).toEqual([...across.slice(0, 32)].sort((a, b) => a - b)); // rising to the seam
    expect(across.slice(32)).toEqual([...across.slice(32)].sort((a, b) => b - a)); // falling after it
    expect([across[0] < 8, across[31] > 245, across[32] > 245, across[63] < 8]).toEqual([true, true, true, true]);
    const horizontal = bandTent(1536, 1024, 64, "row");
    expect([horizontal.width, horizontal.height]).toEqual([1536, 64]);
    expect(column(horizontal, 700)).toEqual(across);
  });

  it("places a tile into a black full-size mask, clipped at the border", () => {
    const tile: GrayImage = { width: 4, height: 4, data: new Uint8Array(16).fill(255) };
    const m = placedMask(6, 5, tile, 4, 3);
    expect(range(5, (y) => row(m, y).join(""))).toEqual(["000000", "000000", "000000", "0000255255", "0000255255"]);
  });

  it("draws a redraw tile as PIL's inclusive rectangle: tw + 1 white pixels, one shared with each neighbour, clipped at the border", () => {
    const first = tileMask(10, 8, [0, 0], 4, 4);
    expect(range(8, (y) => row(first, y).filter((v) => v === 255).length)).toEqual([5, 5, 5, 5, 5, 0, 0, 0]);
    const next = tileMask(10, 8, [1, 0], 4, 4);
    expect(row(next, 0).map((v) => (v ? 1 : 0)).join("")).toBe("0000111110");
    // The last column reaches past the picture: clipped, not wrapped.
    const last = tileMask(10, 8, [2, 1], 4, 4);
    expect(row(last, 4).map((v) => (v ? 1 : 0)).join("")).toBe("0000000011");
    expect(range(8, (y) => at(last, 9, y))).toEqual([0, 0, 0, 0, 255, 255, 255, 255]);
  });

  it("places each seams-fix job's gradient where the plan says", () => {
    const seamMask = seamMasks(1024, 1024, 512, 512, 64);
    const radial = seamMask("radial", [256, 256]);
    expect([at(radial, 512, 512), at(radial, 255, 255), at(radial, 256, 256)]).toEqual([255, 0, 0]);
    const band = seamMask("band-col", [480, 0]);
    expect([at(band, 479, 10), at(band, 544, 10), at(band, 511, 10) > 245]).toEqual([0, 0, true]);
    const tent = seamMask("tent-row", [0, 256]);
    expect([at(tent, 100, 255), at(tent, 100, 256), at(tent, 100, 511), at(tent, 100, 512), at(tent, 600, 511)]).toEqual([0, 0, 255, 255, 0]);
  });
});

// OpenCV's rectangular dilate / erode (docs/extensions.md#image-and-mask-operations), on the golden cases
// ADetailer's mask step relies on: odd kernels grow evenly, even kernels by one more pixel down/right
// (dilate) or shrink by one more up/left (erode); the border never counts.
import { describe, expect, it } from "vitest";
import { dilateMask, erodeMask } from "@/lib/images/morphology";
import type { GrayImage } from "@/lib/images/pixel-image";

function square(size: number, x0: number, y0: number, side: number): GrayImage {
  const data = new Uint8Array(size * size);
  for (let y = y0; y < y0 + side; y++) for (let x = x0; x < x0 + side; x++) data[y * size + x] = 255;
  return { width: size, height: size, data };
}

/** [x1, y1, x2, y2] (inclusive) of the white pixels. */
function bounds(m: GrayImage): number[] {
  let x1 = m.width, y1 = m.height, x2 = -1, y2 = -1;
  m.data.forEach((v, i) => {
    if (v !== 255) return;
    const x = i % m.width, y = Math.floor(i / m.width);
    x1 = Math.min(x1, x); y1 = Math.min(y1, y); x2 = Math.max(x2, x); y2 = Math.max(y2, y);
  });
  return [x1, y1, x2, y2];
}

/** The same operation by its definition, pixel by pixel (OpenCV's anchor floor(k/2)). */
function naive(m: GrayImage, k: number, pick: (a: number, b: number) => number, neutral: number): Uint8Array {
  const a = Math.floor(k / 2);
  const out = new Uint8Array(m.data.length);
  for (let y = 0; y < m.height; y++) {
    for (let x = 0; x < m.width; x++) {
      let v = neutral;
      for (let j = 0; j < k; j++) for (let i = 0; i < k; i++) {
        const sx = x + i - a, sy = y + j - a;
        if (sx >= 0 && sy >= 0 && sx < m.width && sy < m.height) v = pick(v, m.data[sy * m.width + sx]);
      }
      out[y * m.width + x] = v;
    }
  }
  return out;
}

describe("dilateMask / erodeMask", () => {
  it("dilate 3 turns a 3×3 square into 5×5; dilate 4 grows 1 px up/left and 2 px down/right", () => {
    const m = square(12, 4, 4, 3);
    expect(bounds(dilateMask(m, 3))).toEqual([3, 3, 7, 7]);
    expect(dilateMask(m, 3).data.filter((v) => v === 255).length).toBe(25);
    expect(bounds(dilateMask(m, 4))).toEqual([3, 3, 8, 8]);
  });

  it("erode 4 shrinks 2 px from the top/left and 1 px from the bottom/right; an erode larger than the mask empties it", () => {
    const m = square(16, 3, 3, 8); // x, y in 3…10
    expect(bounds(erodeMask(m, 4))).toEqual([5, 5, 9, 9]);
    expect(bounds(erodeMask(m, 3))).toEqual([4, 4, 9, 9]);
    expect(erodeMask(m, 9).data.every((v) => v === 0)).toBe(true);
  });

  it("the image border neither grows nor erodes a mask touching it", () => {
    const full = { width: 5, height: 4, data: new Uint8Array(20).fill(255) };
    expect(erodeMask(full, 3).data.every((v) => v === 255)).toBe(true);
    expect(bounds(dilateMask(square(6, 0, 0, 1), 5))).toEqual([0, 0, 2, 2]);
  });

  it("equals the definition on grey values for odd and even kernels", () => {
    const m: GrayImage = { width: 23, height: 17, data: new Uint8Array(23 * 17).map((_, i) => (i * 97 + (i >> 3) * 31) % 256) };
    for (const k of [1, 2, 3, 4, 5, 8, 11]) {
      expect(Array.from(dilateMask(m, k).data), `dilate ${k}`).toEqual(Array.from(naive(m, k, Math.max, 0)));
      expect(Array.from(erodeMask(m, k).data), `erode ${k}`).toEqual(Array.from(naive(m, k, Math.min, 255)));
    }
  });

  it("refuses a kernel that is not a positive integer", () => {
    expect(() => dilateMask(square(4, 0, 0, 1), 0)).toThrow("kernel size must be a positive integer, got 0");
    expect(() => erodeMask(square(4, 0, 0, 1), 2.5)).toThrow("got 2.5");
  });
});

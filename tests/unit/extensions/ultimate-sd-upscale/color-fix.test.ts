// The wavelet colour fix (docs/ultimate-sd-upscale.md#colour-fix): the low-pass keeps constants and linear ramps
// away from the edges, and the fix moves a redraw's colours onto the upscale's while keeping its fine detail.
import { describe, expect, it } from "vitest";
import { waveletColorFix, waveletLowPass } from "@/extensions/ultimate-sd-upscale/color-fix";
import type { RgbImage } from "@onyx/sdk";

const image = (w: number, h: number, f: (x: number, y: number, c: number) => number): RgbImage => {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < 3; c++) data[(y * w + x) * 3 + c] = f(x, y, c);
  return { width: w, height: h, data };
};

describe("wavelet colour fix", () => {
  it("low-passes a constant to itself and a ramp to itself where no tap reaches the edge", () => {
    expect(Array.from(waveletLowPass(image(40, 30, () => 77))).every((v) => Math.abs(v - 77) < 1e-4)).toBe(true);
    // Taps 1 + 2 + 4 + 8 + 16 = 31 px each way: the ramp is exact on x = 31…96 of a 128-wide picture.
    const ramp = waveletLowPass(image(128, 4, (x) => x));
    for (let x = 31; x <= 96; x++) expect(ramp[(1 * 128 + x) * 3]).toBeCloseTo(x, 4);
  });

  it("takes the upscale's colours and keeps the redraw's detail", () => {
    const upscale = image(96, 96, (_x, _y, c) => [200, 120, 60][c]);
    // A redraw that drifted by −40 in every channel and added a fine 1-px checker of ±20.
    const redraw = image(96, 96, (x, y, c) => [200, 120, 60][c] - 40 + ((x + y) % 2 ? 20 : -20));
    const fixed = waveletColorFix(redraw, upscale);
    const mean = (c: number) => fixed.data.filter((_, i) => i % 3 === c).reduce((s, v) => s + v, 0) / (96 * 96);
    for (const c of [0, 1, 2]) expect(Math.abs(mean(c) - [200, 120, 60][c])).toBeLessThan(0.5);
    // The checker survives (the low-pass removes it, so it stays in the high bands), inside the picture.
    const at = (x: number, y: number) => fixed.data[(y * 96 + x) * 3];
    expect(at(48, 48) - at(49, 48)).toBeLessThan(-30);
    expect(() => waveletColorFix(redraw, image(8, 8, () => 0))).toThrow(/colour fix/);
  });
});

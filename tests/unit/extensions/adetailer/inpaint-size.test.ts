// ADetailer's inpaint-size matching (docs/adetailer.md#inpaint-passes) and dynamic denoise.
import { describe, expect, it } from "vitest";
import { matchInpaintSize } from "@/extensions/adetailer/inpaint-size";
import { dynamicDenoise } from "@/extensions/adetailer/pass-params";

describe("matchInpaintSize", () => {
  it("Off keeps the size", () => {
    expect(matchInpaintSize(512, 768, [0, 0, 100, 50], "Off")).toEqual([512, 768]);
  });

  it("Free: the longer side with the box's aspect, rounded up to multiples of 8", () => {
    // 2:1 box, S = 768 → 768 × 384.
    expect(matchInpaintSize(512, 768, [10, 10, 110, 60], "Free")).toEqual([768, 384]);
    // 1:3 box → 170.67 → 176 × 512.
    expect(matchInpaintSize(512, 512, [0, 0, 40, 120], "Free")).toEqual([176, 512]);
    // Square box → S × S.
    expect(matchInpaintSize(512, 512, [5, 5, 85, 85], "Free")).toEqual([512, 512]);
  });

  it("Free keeps ADetailer's float rounding: (v + 7) // 8 · 8 takes 96.5 down to 96", () => {
    // S = 512, aspect 512 / 96.5 → height 96.5.
    expect(matchInpaintSize(512, 512, [0, 0, 512, 96.5], "Free")).toEqual([512, 96]);
  });

  it("Strict: the SDXL bucket covering the box with the closest aspect", () => {
    expect(matchInpaintSize(1024, 1024, [0, 0, 300, 200], "Strict")).toEqual([1216, 832]); // 1.5 → 1.4615
    expect(matchInpaintSize(1024, 1024, [0, 0, 200, 200], "Strict")).toEqual([1024, 1024]);
    expect(matchInpaintSize(1024, 1024, [0, 0, 100, 250], "Strict")).toEqual([640, 1536]); // 0.4 → 0.4167
  });

  it("Strict without a bucket big enough keeps the size", () => {
    expect(matchInpaintSize(1024, 1024, [0, 0, 1600, 1600], "Strict")).toEqual([1024, 1024]);
    expect(matchInpaintSize(2048, 2048, [0, 0, 100, 100], "Strict")).toEqual([2048, 2048]);
  });
});

describe("dynamicDenoise", () => {
  it("strength · (1 − box share)^power; power 0 keeps it", () => {
    expect(dynamicDenoise(0.4, [0, 0, 50, 50], 100, 100, 0)).toBe(0.4);
    expect(dynamicDenoise(0.4, [0, 0, 50, 50], 100, 100, 2)).toBeCloseTo(0.4 * 0.75 ** 2, 12);
    expect(dynamicDenoise(0.4, [0, 0, 50, 50], 100, 100, -1)).toBeCloseTo(0.4 / 0.75, 12);
  });
});

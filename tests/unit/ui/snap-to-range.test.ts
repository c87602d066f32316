import { describe, expect, it } from "vitest";
import { snapToRange } from "@/app/ui/controls/snap-to-range";

const size = { min: 64, max: 2048, step: 8 };
const cfg = { min: 1, max: 30, step: 0.5 };
const strength = { min: 0, max: 1, step: 0.01 };

describe("snapToRange", () => {
  it("rounds typed sizes to the nearest multiple of 8", () => {
    expect(snapToRange(515, size)).toBe(512); // 515 − 512 = 3 < 4
    expect(snapToRange(517, size)).toBe(520); // 517 − 512 = 5 > 4
    expect(snapToRange(512, size)).toBe(512);
  });

  it("clamps to the slider's ends", () => {
    expect(snapToRange(10, size)).toBe(64);
    expect(snapToRange(5000, size)).toBe(2048);
    expect(snapToRange(-3, strength)).toBe(0);
  });

  it("counts steps from min, so an odd min keeps its own grid", () => {
    // CFG grid: 1, 1.5, 2, …; 7.3 is nearer 7.5 than 7 (0.2 vs 0.3).
    expect(snapToRange(7.3, cfg)).toBe(7.5);
    expect(snapToRange(7.2, cfg)).toBe(7);
  });

  it("returns exact decimals, free of float noise", () => {
    // 0 + 29 × 0.01 is 0.29000000000000004 in binary floating point.
    expect(snapToRange(0.29, strength)).toBe(0.29);
    expect(snapToRange(0.123, strength)).toBe(0.12);
  });

  it("never steps past max when the range is not a whole number of steps", () => {
    expect(snapToRange(10, { min: 0, max: 10, step: 3 })).toBe(9);
  });

  it("maps a non-number to min", () => {
    expect(snapToRange(Number.NaN, size)).toBe(64);
  });
});

// ADetailer's filtering and ordering of detections (docs/adetailer.md#order): the area-ratio bounds are inclusive,
// top k keeps the largest (or most confident) first, and the sort setting's four modes.
import { describe, expect, it } from "vitest";
import type { Box } from "@onyx/sdk";
import { filterByRatio, sortPredictions, topK, type Prediction } from "@/extensions/adetailer/ordering";

const pred = (box: Box, score: number): Prediction => ({ box, score, mask: new Uint8Array(0) });
// A 100×100 picture: areas 100 (1 %), 400 (4 %), 2500 (25 %).
const small = pred([80, 80, 90, 90], 0.9);
const middle = pred([0, 40, 20, 60], 0.5);
const large = pred([40, 0, 90, 50], 0.7);
const all = [small, middle, large];

describe("filterByRatio", () => {
  it("keeps boxes whose share is within the bounds, both inclusive", () => {
    expect(filterByRatio(all, 0.04, 0.25, 100, 100)).toEqual([middle, large]);
    expect(filterByRatio(all, 0.01, 0.04, 100, 100)).toEqual([small, middle]);
    expect(filterByRatio(all, 0.011, 0.249, 100, 100)).toEqual([middle]);
    expect(filterByRatio(all, 0, 1, 100, 100)).toEqual(all);
  });
});

describe("topK", () => {
  it("by area: the k largest, largest first", () => {
    expect(topK(all, 2, "Area")).toEqual([large, middle]);
  });
  it("by confidence: the k most confident, most confident first", () => {
    expect(topK(all, 2, "Confidence")).toEqual([small, large]);
  });
  it("k = 0 keeps every detection in its order; k beyond the count keeps all, sorted", () => {
    expect(topK(all, 0, "Area")).toEqual(all);
    expect(topK(all, 10, "Area")).toEqual([large, middle, small]);
  });
});

describe("sortPredictions", () => {
  it("None keeps the detector's order", () => {
    expect(sortPredictions(all, "None", 100, 100)).toEqual(all);
  });
  it("left to right by x1", () => {
    expect(sortPredictions(all, "Position (left to right)", 100, 100)).toEqual([middle, large, small]);
  });
  it("centre to edge by the box centre's distance to the picture's centre", () => {
    // Centres: small (85, 85) → 49.5; middle (10, 50) → 40; large (65, 25) → 29.2.
    expect(sortPredictions(all, "Position (center to edge)", 100, 100)).toEqual([large, middle, small]);
  });
  it("area, large to small; equal areas keep their order (stable)", () => {
    const twin = pred([0, 0, 10, 10], 0.1);
    expect(sortPredictions([small, twin, large], "Area (large to small)", 100, 100)).toEqual([large, small, twin]);
  });
});

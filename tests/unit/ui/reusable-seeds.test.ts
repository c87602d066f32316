import { describe, expect, it } from "vitest";
import { reusableSeeds } from "@/app/ui/generation/reusable-seeds";

// Layout from docs/a1111/infotext.md#layout: prompt, "Negative prompt: …", then the parameter line.
const withVariation = [
  "a cat, Seed: 7 in the prompt",
  "Negative prompt: blurry",
  "Steps: 20, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7, Seed: 3405691582, Size: 512x512, Variation seed: 12345, Variation seed strength: 0.3",
].join("\n");

describe("reusableSeeds", () => {
  it("reads Seed and Variation seed from the parameter line", () => {
    expect(reusableSeeds(withVariation)).toEqual({ seed: 3405691582, subseed: 12345 });
  });

  it("ignores look-alikes in the prompt lines above", () => {
    expect(reusableSeeds("Seed: 99\nSteps: 20, Sampler: Euler, Seed: 5").seed).toBe(5);
  });

  it("gives null for a missing key or an empty infotext", () => {
    expect(reusableSeeds("a dog\nSteps: 20, Sampler: Euler, Seed: 5, Size: 64x64").subseed).toBeNull();
    expect(reusableSeeds("")).toEqual({ seed: null, subseed: null });
  });

  it("does not read 'Variation seed strength' as the variation seed", () => {
    expect(reusableSeeds("x\nSteps: 4, Seed: 1, Variation seed strength: 0.5").subseed).toBeNull();
  });
});

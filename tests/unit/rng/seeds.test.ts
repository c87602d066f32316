import { describe, expect, it } from "vitest";
import { fixedSeed, jobSeeds, parseSeed, RANDOM_SEED_COUNT } from "@/lib/rng/seeds";

/** A scripted Math.random replacement. */
const randomSequence = (...values: number[]) => {
  let i = 0;
  return () => values[i++];
};

describe("parseSeed", () => {
  it("reads integers from numbers and strings like Python's int()", () => {
    expect(parseSeed(42)).toBe(42);
    expect(parseSeed("42")).toBe(42);
    expect(parseSeed(" -7 ")).toBe(-7);
    expect(parseSeed("+5")).toBe(5);
    expect(parseSeed("1_000")).toBe(1000);
    expect(parseSeed("4294967296")).toBe(4294967296);
    expect(parseSeed(12.9)).toBe(12);
  });

  it("maps empty, null and unparseable input to -1", () => {
    for (const value of ["", null, undefined, "abc", "1.5", "1e3", "12a", NaN, Infinity, {}]) expect(parseSeed(value)).toBe(-1);
  });
});

describe("fixedSeed", () => {
  it("draws from [0, 4294967293] for -1 only", () => {
    expect(fixedSeed(-1, () => 0)).toBe(0);
    expect(fixedSeed("", () => 0.999999999999)).toBe(4294967293);
    expect(fixedSeed(null, () => 0.5)).toBe(RANDOM_SEED_COUNT / 2);
    expect(fixedSeed(-2, () => 0.5)).toBe(-2);
    expect(fixedSeed(123, () => 0.5)).toBe(123);
  });
});

describe("jobSeeds", () => {
  it("counts seeds and subseeds up per image without variation", () => {
    expect(jobSeeds({ seed: 100, subseed: 7, subseedStrength: 0, count: 4 })).toEqual({
      seeds: [100, 101, 102, 103],
      subseeds: [7, 8, 9, 10],
    });
  });

  it("keeps the main seed for every image when the variation strength is > 0 (docs/a1111/quirks.md#q2)", () => {
    expect(jobSeeds({ seed: 100, subseed: 7, subseedStrength: 0.3, count: 3 })).toEqual({
      seeds: [100, 100, 100],
      subseeds: [7, 8, 9],
    });
  });

  it("randomises seed and subseed independently, once per job", () => {
    const result = jobSeeds({ seed: -1, subseed: "", subseedStrength: 0, count: 3 }, randomSequence(0.25, 0.5));
    const seed = Math.floor(0.25 * RANDOM_SEED_COUNT);
    const subseed = Math.floor(0.5 * RANDOM_SEED_COUNT);
    expect(result).toEqual({ seeds: [seed, seed + 1, seed + 2], subseeds: [subseed, subseed + 1, subseed + 2] });
  });

  it("lets seeds run past 2³² (the NV generator uses the high word)", () => {
    expect(jobSeeds({ seed: 4294967295, subseed: 0, subseedStrength: 0, count: 2 }).seeds).toEqual([4294967295, 4294967296]);
  });
});

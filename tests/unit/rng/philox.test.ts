import { describe, expect, it } from "vitest";
import { A1111_NV_SCALES, mulHigh32, PhiloxGenerator, seedKey } from "@/lib/rng/philox";

const bitsOf = (values: Float32Array) => Array.from(new Uint32Array(values.buffer, values.byteOffset, values.length));

/** Values of A1111's NV code (given as float32 bit patterns) match to within 3e-7 (see lib/rng/philox.ts). */
function expectNearA1111(values: Float32Array, bits: number[]): void {
  const reference = new Float32Array(new Uint32Array(bits).buffer);
  expect(values.length).toBe(reference.length);
  values.forEach((v, i) => expect(Math.abs(v - reference[i])).toBeLessThan(3e-7));
}

// Bit patterns from executing A1111's modules/rng_philox.py verbatim (numpy 2.4, float64 Box–Muller with its
// float32 scale constants); Onyx uses the exact scales (see lib/rng/philox.ts) and stays within 3e-7 of them.
const SEED_0_SHAPE_3x4 = [
  0xbf6cb6ad, 0xbed9c6af, 0xc02934c5, 0x3e14ab15, 0xbdf788dc, 0xbf1468e7,
  0xbf1f732f, 0xbea8225c, 0xbf898a98, 0xbeb9ee06, 0xbfd5e4fb, 0x4010fe09,
];

// The "Expected output" printed in rng_philox.py's docstring (docs/samplers.md#nv-philox).
const PUBLISHED_SEED_0 = [
  -0.92466259, -0.42534415, -2.6438457, 0.14518388, -0.12086647, -0.57972564,
  -0.62285122, -0.32838709, -1.07454231, -0.36314407, -1.67105067, 2.26550497,
];

describe("mulHigh32", () => {
  it("equals the high word of the exact 64-bit product", () => {
    const cases = [0, 1, 0xffff, 0x10000, 0xffffffff, 0xd2511f53, 0xcd9e8d57, 0x80000000, 0x12345678, 0xdeadbeef];
    for (const a of cases) {
      for (const b of cases) {
        const exact = Number((BigInt(a) * BigInt(b)) >> 32n);
        expect(mulHigh32(a, b)).toBe(exact);
      }
    }
  });
});

describe("seedKey", () => {
  it("splits seeds into low and high 32-bit words (64-bit two's complement)", () => {
    expect(seedKey(0)).toEqual([0, 0]);
    expect(seedKey(4294967295)).toEqual([0xffffffff, 0]);
    expect(seedKey(2 ** 32 + 5)).toEqual([5, 1]);
    expect(seedKey(-5)).toEqual([0xfffffffb, 0xffffffff]);
  });
});

// First values of rng_philox.Generator(seed).randn((8,)) as float32 bit patterns (seed 0 from executing
// A1111's file; seeds 1–3 from an independent numpy version of it that reproduces seed 0 exactly).
const A1111_NV_FIRST = {
  0: [0xbf6cb6ad, 0xbed9c6af, 0xc02934c5, 0x3e14ab15, 0xbdf788dc, 0xbf1468e7, 0xbf1f732f, 0xbea8225c],
  1: [0xbe97b1ba, 0x402b4aed, 0xbe103a0a, 0xbf58169d, 0x3e94c173, 0xbe915246, 0xbfba0ad5, 0x4017ea65],
  2: [0x3cb704db, 0xbf13e6b2, 0x3f348ba9, 0xbd0b6ebb, 0x3e6c55db, 0x3d213908, 0xbfe433a4, 0xbed15705],
  3: [0x3eda49d9, 0xbf406895, 0xbf97fa19, 0x3fb39644, 0xbed0edfd, 0x3d6a2a08, 0xbc9c4f06, 0xbfd873ff],
};

describe("the NV source (A1111's rng_philox.py, float32 constants)", () => {
  it("gives A1111's first values for seeds 0–3 bit for bit", () => {
    for (const [seed, bits] of Object.entries(A1111_NV_FIRST)) expect(bitsOf(new PhiloxGenerator(Number(seed), A1111_NV_SCALES).randn(8)), `seed ${seed}`).toEqual(bits);
  });

  it("continues at offset 1 bit for bit (one offset step per call)", () => {
    const generator = new PhiloxGenerator(0, A1111_NV_SCALES);
    generator.randn(16384);
    expect(bitsOf(generator.randn(4))).toEqual([0x3e392a6c, 0xbf0d6117, 0x3f6c7f09, 0xbf3c2704]);
  });

  it("uses rng_philox.py's constants: 2^-32 exactly, and 2π·2^-32 rounded through float32", () => {
    expect(A1111_NV_SCALES.uniform).toBe(2 ** -32);
    expect(A1111_NV_SCALES.angle).not.toBe(2 * Math.PI * 2 ** -32);
    expect(A1111_NV_SCALES.angle).toBe(Math.fround(2 * Math.PI * 2 ** -32));
  });
});

describe("PhiloxGenerator (CUDA's values: the GPU source)", () => {
  it("seed 0, shape (3, 4): the published CUDA values exactly, and A1111's NV code to within 3e-7", () => {
    const values = new PhiloxGenerator(0).randn(12);
    for (let i = 0; i < 4; i++) expect(values[i]).toBe(Math.fround(PUBLISHED_SEED_0[i]));
    const exact = PUBLISHED_SEED_0.filter((v, i) => values[i] === Math.fround(v)).length;
    expect(exact).toBe(11);
    // The one mismatch (the fifth value) is a single float32 ulp; decimals are printed to 8 digits.
    for (let i = 0; i < 12; i++) expect(Math.abs(values[i] - PUBLISHED_SEED_0[i])).toBeLessThan(2.5e-7);
    const a1111Code = new Float32Array(new Uint32Array(SEED_0_SHAPE_3x4).buffer);
    for (let i = 0; i < 12; i++) expect(Math.abs(values[i] - a1111Code[i])).toBeLessThan(3e-7);
  });

  it("advances the offset by one per call, whatever the size", () => {
    const generator = new PhiloxGenerator(0);
    generator.randn(16384);
    expect(generator.offset).toBe(1);
    // Offset 1, from executing rng_philox.py: Generator(0).randn((16384,)) then .randn((4,)).
    expectNearA1111(generator.randn(4), [0x3e392a6c, 0xbf0d6117, 0x3f6c7f09, 0xbf3c2704]);
    expect(generator.offset).toBe(2);
  });

  it("values do not depend on how many are drawn (counter-based)", () => {
    const long = new PhiloxGenerator(7).randn(1000);
    const short = new PhiloxGenerator(7).randn(10);
    expect(Array.from(long.subarray(0, 10))).toEqual(Array.from(short));
  });

  it("uses both key words for seeds beyond 32 bits", () => {
    expectNearA1111(new PhiloxGenerator(4294967295).randn(4), [0xbd0be9b9, 0x3ec7e868, 0x3fc37c72, 0x3e3f7a68]);
    expectNearA1111(new PhiloxGenerator(2 ** 32 + 5).randn(4), [0xc035ef93, 0x3fab9541, 0x3e8b61d8, 0x3fba3f80]);
    // 2³² + 5 shares its low word with seed 5 and must not collide with it.
    expectNearA1111(new PhiloxGenerator(5).randn(4), [0x3e9e8f5a, 0x3f9bb3e2, 0x3f462a32, 0x3fd5c708]);
  });

  it("is a standard normal source", () => {
    const values = new PhiloxGenerator(1234).randn(65536);
    let sum = 0;
    let sumSquares = 0;
    for (const v of values) {
      sum += v;
      sumSquares += v * v;
    }
    const mean = sum / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.02); // 5 standard errors
    expect(Math.abs(sumSquares / values.length - mean * mean - 1)).toBeLessThan(0.03);
  });
});

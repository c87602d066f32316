import { describe, expect, it } from "vitest";
import { MersenneTwister, TorchCpuGenerator } from "@/lib/rng/torch-cpu";

// torch's printed outputs after torch.manual_seed(0) (docs/samplers.md#torch-cpu-generator), 4 decimals.
const RANDN_4 = [1.541, -0.2934, -2.1788, 0.5684];
const RANDN_16 = [
  -1.1258, -1.1524, -0.2506, -0.4339, 0.8487, 0.692, -0.316, -2.1152,
  0.3223, -1.2633, 0.35, 0.3081, 0.1198, 1.2377, 1.1168, -0.2473,
];
// torch.randn(3, 5): 15 values, all through the cached normal_distribution<double> path.
const RANDN_15 = [1.541, -0.2934, -2.1788, 0.5684, -1.0845, -1.3986, 0.4033, 0.838, -0.7193, -0.4033, -0.5966, 0.182, -0.8567, 1.1006, -1.0712];

const expectFourDecimals = (actual: Float32Array, expected: number[]) => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => expect(Math.abs(actual[i] - value)).toBeLessThanOrEqual(5e-5));
};

describe("MersenneTwister", () => {
  it("matches the reference MT19937 stream for seed 0 (numpy's legacy-seeded MT19937)", () => {
    const engine = new MersenneTwister(0);
    const outputs = Array.from({ length: 8 }, () => engine.nextUint32());
    expect(outputs).toEqual([2357136044, 2546248239, 3071714933, 3626093760, 2588848963, 3684848379, 2340255427, 3638918503]);
  });

  it("gives the C++11 standard's check value: output 10000 of mt19937 seeded 5489", () => {
    const engine = new MersenneTwister(5489);
    let value = 0;
    for (let i = 0; i < 10000; i++) value = engine.nextUint32();
    expect(value).toBe(4123659995);
  });
});

describe("TorchCpuGenerator", () => {
  it("randn(4) for n < 16 uses normal_distribution<double>", () => {
    expectFourDecimals(new TorchCpuGenerator(0).randn(4), RANDN_4);
    // Full precision of torch's float32 output for this path (a pure double computation, so exact).
    expect(Array.from(new TorchCpuGenerator(0).randn(2))).toEqual([1.5409960746765137, -0.293428897857666]);
  });

  it("keeps the cached second Box–Muller value across randn calls", () => {
    const generator = new TorchCpuGenerator(0);
    expectFourDecimals(generator.randn(3), RANDN_4.slice(0, 3));
    expect(Math.abs(generator.randn(3)[0] - 0.5684)).toBeLessThanOrEqual(5e-5);
    expectFourDecimals(new TorchCpuGenerator(0).randn(15), RANDN_15);
  });

  it("randn(16) uses the block-of-16 normal_fill", () => {
    expectFourDecimals(new TorchCpuGenerator(0).randn(16), RANDN_16);
  });

  it("a ragged tail recomputes the last 16 values from fresh uniforms", () => {
    const ragged = new TorchCpuGenerator(0).randn(20);
    // The first full block is untouched by the tail ...
    expect(Array.from(ragged.subarray(0, 4))).toEqual(Array.from(new TorchCpuGenerator(0).randn(16).subarray(0, 4)));
    // ... and values 4..19 are one block of 16 built from uniforms 20..35 of the stream.
    const reference = new TorchCpuGenerator(0);
    for (let i = 0; i < 20; i++) reference.uniformFloat();
    const tailUniforms = Array.from({ length: 16 }, () => reference.uniformFloat());
    for (let j = 0; j < 8; j++) {
      const radius = Math.sqrt(-2 * Math.log(1 - tailUniforms[j]));
      const theta = 2 * Math.PI * tailUniforms[j + 8];
      expect(ragged[4 + j]).toBeCloseTo(radius * Math.cos(theta), 5);
      expect(ragged[12 + j]).toBeCloseTo(radius * Math.sin(theta), 5);
    }
  });

  it("seeds with the low 32 bits, like manual_seed", () => {
    expect(Array.from(new TorchCpuGenerator(2 ** 32 + 7).randn(16))).toEqual(Array.from(new TorchCpuGenerator(7).randn(16)));
  });
});

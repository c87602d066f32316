import { describe, expect, test } from "vitest";
import { betaCdf, betaPpf } from "@/lib/sampling/beta-distribution";
import { discardNextToLastSigma, findScheduleType, SCHEDULE_TYPES } from "@/lib/sampling/schedulers";
import { alignYourStepsSigmas } from "@/lib/sampling/schedulers/align-your-steps";
import { ddimSigmas } from "@/lib/sampling/schedulers/ddim";
import { klOptimalSigmas } from "@/lib/sampling/schedulers/kl-optimal";
import { sd15 } from "./analytic-model";

// docs/samplers.md#schedule-types, n = 10, printed to 4 decimals.
const TABLE: Record<string, number[]> = {
  uniform: [14.6146, 7.8399, 4.6092, 2.9183, 1.9502, 1.3449, 0.9324, 0.625, 0.3687, 0.0292, 0],
  normal: [14.6146, 7.8399, 4.6092, 2.9183, 1.9502, 1.3449, 0.9324, 0.625, 0.3687, 0.0292, 0],
  karras: [14.6146, 9.1029, 5.4784, 3.1686, 1.7494, 0.9141, 0.4469, 0.2014, 0.0819, 0.0292, 0],
  exponential: [14.6146, 7.3249, 3.6712, 1.84, 0.9222, 0.4622, 0.2317, 0.1161, 0.0582, 0.0292, 0],
  polyexponential: [14.6146, 7.3249, 3.6712, 1.84, 0.9222, 0.4622, 0.2317, 0.1161, 0.0582, 0.0292, 0],
  sgm_uniform: [14.6146, 8.3072, 5.0924, 3.3251, 2.2797, 1.6156, 1.1629, 0.8319, 0.5712, 0.3437, 0],
  simple: [14.6146, 8.3028, 5.0878, 3.3211, 2.2765, 1.6129, 1.1606, 0.8299, 0.5693, 0.3417, 0],
  kl_optimal: [14.6146, 4.565, 2.6329, 1.7864, 1.2948, 0.9616, 0.7116, 0.5094, 0.3356, 0.1783, 0.0292],
  align_your_steps: [14.615, 6.1135, 3.5651, 2.3939, 1.65, 1.1358, 0.7425, 0.445, 0.1692, 0.029, 0],
  ddim: [8.3907, 5.1344, 3.3478, 2.2929, 1.6237, 1.1682, 0.8357, 0.5741, 0.3462, 0.0413, 0],
  beta: [14.6146, 13.9278, 12.491, 10.5976, 8.4424, 6.2014, 4.0462, 2.1528, 0.716, 0.0292, 0],
};
const inputs = { sigmaMin: sd15.sigmaMin, sigmaMax: sd15.sigmaMax, model: sd15, betaAlpha: 0.6, betaBeta: 0.6 };

describe("model σ table (SD 1.x scaled_linear)", () => {
  test("table ends and ᾱ ends match ldm", () => {
    expect(sd15.sigmaMin).toBeCloseTo(0.0291675, 6);
    expect(sd15.sigmas[1]).toBeCloseTo(0.0413145, 6);
    expect(sd15.sigmaMax / 14.614642 - 1).toBeLessThan(1e-6);
    expect(sd15.alphasCumprod[0]).toBeCloseTo(0.99915, 6);
    expect(sd15.alphasCumprod[999] / 0.0046601 - 1).toBeLessThan(1e-4);
  });

  test("t → σ → t round trip inside the table, clamping outside, quantized nearest index", () => {
    for (const t of [0, 0.25, 1, 17.5, 500.3, 998.9, 999]) expect(sd15.sigmaToT(sd15.tToSigma(t))).toBeCloseTo(t, 4);
    // log-σ interpolation halfway between two entries is their geometric mean
    expect(sd15.tToSigma(0.5)).toBeCloseTo(Math.sqrt(sd15.sigmas[0] * sd15.sigmas[1]), 6);
    expect(sd15.sigmaToT(100)).toBe(999);
    expect(sd15.sigmaToT(0.001)).toBe(0);
    expect(sd15.sigmaToTQuantized(sd15.tToSigma(41.4))).toBe(41);
    expect(sd15.sigmaToTQuantized(sd15.tToSigma(41.6))).toBe(42);
  });
});

describe("schedule types", () => {
  test("A1111 order and names", () => {
    expect(SCHEDULE_TYPES.map((t) => t.label)).toEqual([
      "Automatic", "Uniform", "Karras", "Exponential", "Polyexponential", "SGM Uniform", "KL Optimal", "Align Your Steps", "Simple", "Normal", "DDIM", "Beta",
    ]);
    expect(findScheduleType("SGM Uniform")?.name).toBe("sgm_uniform");
    expect(findScheduleType("karras")?.defaultRho).toBe(7);
  });

  test.each(Object.keys(TABLE))("%s at n = 10 matches the reference table", (name) => {
    const sigmas = findScheduleType(name)!.build!(10, inputs);
    expect(sigmas).toHaveLength(11);
    sigmas.forEach((s, i) => {
      const want = TABLE[name][i];
      // relative 1e-4 on top of the printed rounding (half a unit of the 4th decimal)
      expect(Math.abs(s - want)).toBeLessThanOrEqual(5e-5 + 1e-4 * want);
    });
  });

  test("DDIM schedule can be longer than n; KL Optimal has no final 0", () => {
    expect(ddimSigmas(7, sd15)).toHaveLength(9); // 8 σ + [0]
    expect(ddimSigmas(15, sd15)).toHaveLength(17);
    expect(ddimSigmas(20, sd15)[0]).toBe(sd15.sigmas[951]);
    const kl = klOptimalSigmas(10, sd15.sigmaMin, sd15.sigmaMax);
    expect(kl).toHaveLength(11);
    expect(kl[10]).toBeCloseTo(sd15.sigmaMin, 12);
  });

  test("Align Your Steps: the table verbatim at 11, log-linear resampling otherwise", () => {
    expect(alignYourStepsSigmas(11)).toEqual([14.615, 6.475, 3.861, 2.697, 1.886, 1.396, 0.963, 0.652, 0.399, 0.152, 0.029, 0]);
    // 21 points: every other one is a table entry, the rest geometric means of neighbours
    const s = alignYourStepsSigmas(21);
    expect(s[2]).toBeCloseTo(6.475, 10);
    expect(s[1]).toBeCloseTo(Math.sqrt(14.615 * 6.475), 10);
  });

  test("overrides: ρ changes Karras/Polyexponential, σ range moves the ends", () => {
    const k = findScheduleType("karras")!.build!(5, { ...inputs, rho: 1 });
    // ρ = 1 is linear in σ
    expect(k[1]).toBeCloseTo(sd15.sigmaMax + (sd15.sigmaMin - sd15.sigmaMax) / 4, 6);
    const e = findScheduleType("exponential")!.build!(3, { ...inputs, sigmaMin: 0.1, sigmaMax: 10 });
    expect(e.map((v) => +v.toFixed(12))).toEqual([10, 1, 0.1, 0]);
  });

  test("discarding the penultimate σ", () => {
    expect(discardNextToLastSigma([5, 4, 3, 2, 0])).toEqual([5, 4, 3, 0]);
  });
});

describe("Beta distribution", () => {
  test("CDF and quantile against closed forms", () => {
    // Beta(½, ½) is the arcsine law: F(x) = (2/π)·asin(√x)
    for (const p of [0.01, 0.3, 0.5, 0.9, 0.999]) expect(betaPpf(p, 0.5, 0.5)).toBeCloseTo(Math.sin((Math.PI * p) / 2) ** 2, 10);
    // Beta(2, 2): F = 3x² − 2x³; Beta(1, 3): F = 1 − (1 − x)³
    expect(betaCdf(0.3, 2, 2)).toBeCloseTo(3 * 0.09 - 2 * 0.027, 12);
    expect(betaPpf(1 - 0.7 ** 3, 1, 3)).toBeCloseTo(0.3, 10);
    // symmetric: the median of Beta(a, a) is ½
    expect(betaPpf(0.5, 0.6, 0.6)).toBeCloseTo(0.5, 12);
    expect(betaCdf(betaPpf(0.123, 0.6, 0.6), 0.6, 0.6)).toBeCloseTo(0.123, 12);
  });
});

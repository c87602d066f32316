// UniPC (Zhao et al. 2023) as A1111 runs it: multistep, data prediction, B(h) = bh1 (or bh2),
// time-uniform grid, order 3 with lower order at the start and the end, a UniC corrector after every
// step but the last (reusing the predictor's model call), no final denoise (docs/samplers.md#timestep-samplers).
import { lincomb } from "@/lib/sampling/lincomb";
import { linspace } from "@/lib/sampling/linspace";
import type { SamplerModel, TimestepSamplerOptions } from "@/lib/sampling/types";

export interface UniPcOptions extends TimestepSamplerOptions {
  order?: number;
  variant?: "bh1" | "bh2";
  /** img2img starts at ts[-1]/1000 + 1/1000 instead of t = 1. */
  img2img?: boolean;
}

/** The VP schedule in continuous time t ∈ (0, 1]: ln α piecewise linear over knots t_n = (n+1)/T. */
function continuousSchedule(alphasCumprod: Float32Array) {
  const total = alphasCumprod.length;
  const logAlpha = (t: number) => {
    const pos = t * total - 1; // fractional knot index
    const lo = Math.min(Math.max(Math.floor(pos), 0), total - 2);
    const w = pos - lo;
    return 0.5 * ((1 - w) * Math.log(alphasCumprod[lo]) + w * Math.log(alphasCumprod[lo + 1]));
  };
  const sigma = (t: number) => Math.sqrt(-Math.expm1(2 * logAlpha(t)));
  const lambda = (t: number) => logAlpha(t) - 0.5 * Math.log(-Math.expm1(2 * logAlpha(t)));
  return { total, logAlpha, sigma, lambda };
}

/** Solves the small dense system A·x = b (Gaussian elimination with partial pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row.slice(0, n), b[i]]);
  for (let c = 0; c < n; c++) {
    const p = m.reduce((best, row, r) => (r >= c && Math.abs(row[c]) > Math.abs(m[best][c]) ? r : best), c);
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let k = r + 1; k < n; k++) s -= m[r][k] * x[k];
    x[r] = s / m[r][r];
  }
  return x;
}

export async function sampleUniPc(model: SamplerModel, z: Float32Array, timesteps: number[], o: UniPcOptions): Promise<Float32Array> {
  const ns = continuousSchedule(o.alphasCumprod);
  const variant = o.variant ?? "bh1";
  const steps = timesteps.length;
  const order = Math.min(o.order ?? 3, steps);
  const tStart = o.img2img ? timesteps[steps - 1] / ns.total + 1 / ns.total : 1;
  const grid = linspace(tStart, 1 / ns.total, steps + 1);

  const dataPrediction = async (x: Float32Array, t: number) => {
    const eps = await model.eps(x, (t - 1 / ns.total) * ns.total);
    return lincomb([1 / Math.exp(ns.logAlpha(t)), x], [-ns.sigma(t) / Math.exp(ns.logAlpha(t)), eps]);
  };

  // One UniP step (+ UniC when `corrector`) from the newest stored point to t.
  const update = async (x: Float32Array, models: Float32Array[], times: number[], t: number, stepOrder: number, corrector: boolean) => {
    const tPrev = times[times.length - 1];
    const m0 = models[models.length - 1];
    const h = ns.lambda(t) - ns.lambda(tPrev);
    const alphaT = Math.exp(ns.logAlpha(t));
    const rks: number[] = [];
    const d1s: Float32Array[] = [];
    for (let k = 1; k < stepOrder; k++) {
      const rk = (ns.lambda(times[times.length - 1 - k]) - ns.lambda(tPrev)) / h;
      rks.push(rk);
      d1s.push(lincomb([1 / rk, models[models.length - 1 - k]], [-1 / rk, m0]));
    }
    rks.push(1);
    const hh = -h;
    const hPhi1 = Math.expm1(hh);
    const bh = variant === "bh1" ? hh : Math.expm1(hh);
    const R: number[][] = [];
    const b: number[] = [];
    let hPhiK = hPhi1 / hh - 1;
    let factorial = 1;
    for (let k = 1; k <= stepOrder; k++) {
      R.push(rks.map((r) => r ** (k - 1)));
      b.push((hPhiK * factorial) / bh);
      factorial *= k + 1;
      hPhiK = hPhiK / hh - 1 / factorial;
    }
    const base = lincomb([ns.sigma(t) / ns.sigma(tPrev), x], [-alphaT * hPhi1, m0]);
    let xt = base;
    if (d1s.length > 0) {
      const rhosP = stepOrder === 2 ? [0.5] : solve(R.slice(0, -1).map((row) => row.slice(0, -1)), b.slice(0, -1));
      xt = lincomb([1, base], ...d1s.map((d, k): [number, Float32Array] => [-alphaT * bh * rhosP[k], d]));
    }
    if (!corrector) return { x: xt, model: null };
    const mt = await dataPrediction(xt, t);
    const rhosC = stepOrder === 1 ? [0.5] : solve(R, b);
    const last = rhosC[rhosC.length - 1];
    const corrected = lincomb(
      [1, base],
      ...d1s.map((d, k): [number, Float32Array] => [-alphaT * bh * rhosC[k], d]),
      [-alphaT * bh * last, mt],
      [alphaT * bh * last, m0],
    );
    return { x: corrected, model: mt };
  };

  const models = [await dataPrediction(z, grid[0])];
  const times = [grid[0]];
  for (let step = 1; step <= steps; step++) {
    const stepOrder = step < order ? step : Math.min(order, steps + 1 - step); // warm-up, lower_order_final
    const { x, model: mt } = await update(z, models, times, grid[step], stepOrder, step < steps);
    z = x;
    o.onStep?.({ i: step - 1, x: z, denoised: models[models.length - 1], sigma: ns.sigma(grid[step]) / Math.exp(ns.logAlpha(grid[step])) });
    if (step < steps) {
      models.push(mt ?? (await dataPrediction(z, grid[step])));
      times.push(grid[step]);
      if (models.length > order) {
        models.shift();
        times.shift();
      }
    }
  }
  return z;
}

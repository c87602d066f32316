// Discrete Fourier transforms of any length in float64, as numpy.fft computes them
// (docs/builtin-scripts.md#outpainting-mk2): X[k] = Σ x[j]·e^(∓2πi·jk/n), mixed-radix Cooley–Tukey over the
// prime factors of n (radix 2 unrolled, other primes summed directly), twiddles taken from one exact
// cos/sin table. 2-D transforms run along the rows, then the columns, each with numpy's "ortho" scale
// 1/√n; fftShift moves the zero frequency to the middle as np.fft.fftshift does.

export interface ComplexPlane {
  re: Float64Array;
  im: Float64Array;
  /** Rows (the first numpy axis) and columns. */
  height: number;
  width: number;
}

function primeFactors(n: number): number[] {
  const factors: number[] = [];
  for (let p = 2; p * p <= n; p++) {
    while (n % p === 0) {
      factors.push(p);
      n /= p;
    }
  }
  if (n > 1) factors.push(n);
  return factors;
}

/** A transform plan for one length: its factors and e^(−2πi·j/n) for j < n. */
interface Plan {
  n: number;
  factors: number[];
  cos: Float64Array;
  sin: Float64Array;
}

const plans = new Map<number, Plan>();

function planFor(n: number): Plan {
  let plan = plans.get(n);
  if (!plan) {
    const cos = new Float64Array(n);
    const sin = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      cos[j] = Math.cos((2 * Math.PI * j) / n);
      sin[j] = -Math.sin((2 * Math.PI * j) / n);
    }
    plan = { n, factors: primeFactors(n), cos, sin };
    plans.set(n, plan);
  }
  return plan;
}

/**
 * out[outOff …] ← DFT of the m·(product of the remaining factors) inputs at inOff, inOff + stride, …
 * (decimation in time: the first factor p splits the input into p interleaved sub-sequences).
 */
function transform(plan: Plan, sign: 1 | -1, inRe: Float64Array, inIm: Float64Array, inOff: number, stride: number, n: number, outRe: Float64Array, outIm: Float64Array, outOff: number, level: number): void {
  if (n === 1) {
    outRe[outOff] = inRe[inOff];
    outIm[outOff] = inIm[inOff];
    return;
  }
  const p = plan.factors[level];
  const m = n / p;
  for (let q = 0; q < p; q++) transform(plan, sign, inRe, inIm, inOff + q * stride, stride * p, m, outRe, outIm, outOff + q * m, level + 1);
  // Twiddle index step: e^(−2πi/n) is entry N/n of the table.
  const step = plan.n / n;
  const { cos, sin } = plan;
  if (p === 2) {
    for (let k = 0; k < m; k++) {
      const a = outOff + k;
      const b = a + m;
      const wr = cos[k * step];
      const wi = sign * sin[k * step];
      const tr = outRe[b] * wr - outIm[b] * wi;
      const ti = outRe[b] * wi + outIm[b] * wr;
      outRe[b] = outRe[a] - tr;
      outIm[b] = outIm[a] - ti;
      outRe[a] += tr;
      outIm[a] += ti;
    }
    return;
  }
  const yr = new Float64Array(p);
  const yi = new Float64Array(p);
  for (let k = 0; k < m; k++) {
    for (let q = 0; q < p; q++) {
      // Y_q[k]·e^(∓2πi·qk/n)
      const idx = (q * k * step) % plan.n;
      const wr = cos[idx];
      const wi = sign * sin[idx];
      const xr = outRe[outOff + q * m + k];
      const xi = outIm[outOff + q * m + k];
      yr[q] = xr * wr - xi * wi;
      yi[q] = xr * wi + xi * wr;
    }
    for (let r = 0; r < p; r++) {
      let sr = 0;
      let si = 0;
      for (let q = 0; q < p; q++) {
        // e^(∓2πi·qr/p) is entry (qr mod p)·N/p of the table.
        const idx = ((q * r) % p) * (plan.n / p);
        const wr = cos[idx];
        const wi = sign * sin[idx];
        sr += yr[q] * wr - yi[q] * wi;
        si += yr[q] * wi + yi[q] * wr;
      }
      outRe[outOff + r * m + k] = sr;
      outIm[outOff + r * m + k] = si;
    }
  }
}

/** The DFT of (re, im) of any length, forward (e^−) or inverse (e^+, unscaled). */
export function dft(re: Float64Array, im: Float64Array, inverse = false): { re: Float64Array; im: Float64Array } {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  if (n > 0) transform(planFor(n), inverse ? -1 : 1, re, im, 0, 1, n, outRe, outIm, 0, 0);
  return { re: outRe, im: outIm };
}

/** One axis of a plane transformed, each line scaled by 1/√length ("ortho"). */
function transformAxis(plane: ComplexPlane, alongRows: boolean, inverse: boolean): ComplexPlane {
  const { height, width } = plane;
  const [lines, length] = alongRows ? [height, width] : [width, height];
  const at = (line: number, j: number) => (alongRows ? line * width + j : j * width + line);
  const scale = 1 / Math.sqrt(length);
  const re = new Float64Array(plane.re.length);
  const im = new Float64Array(plane.im.length);
  const lineRe = new Float64Array(length);
  const lineIm = new Float64Array(length);
  for (let line = 0; line < lines; line++) {
    for (let j = 0; j < length; j++) {
      lineRe[j] = plane.re[at(line, j)];
      lineIm[j] = plane.im[at(line, j)];
    }
    const out = dft(lineRe, lineIm, inverse);
    for (let j = 0; j < length; j++) {
      re[at(line, j)] = out.re[j] * scale;
      im[at(line, j)] = out.im[j] * scale;
    }
  }
  return { re, im, height, width };
}

/** np.fft.fft2 / ifft2 with norm="ortho": the last axis (along each row) first, then the first. */
export function fft2Ortho(plane: ComplexPlane, inverse = false): ComplexPlane {
  return transformAxis(transformAxis(plane, true, inverse), false, inverse);
}

/** np.fft.fftshift over both axes (shift by ⌊n/2⌋); `inverse` is ifftshift (by −⌊n/2⌋). */
export function fftShift(plane: ComplexPlane, inverse = false): ComplexPlane {
  const { height, width } = plane;
  const dy = inverse ? height - Math.floor(height / 2) : Math.floor(height / 2);
  const dx = inverse ? width - Math.floor(width / 2) : Math.floor(width / 2);
  const re = new Float64Array(plane.re.length);
  const im = new Float64Array(plane.im.length);
  for (let y = 0; y < height; y++) {
    const ty = (y + dy) % height;
    for (let x = 0; x < width; x++) {
      const to = ty * width + ((x + dx) % width);
      re[to] = plane.re[y * width + x];
      im[to] = plane.im[y * width + x];
    }
  }
  return { re, im, height, width };
}

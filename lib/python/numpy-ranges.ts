// The exact float sequences numpy produces for the ranges A1111 builds with it (X/Y/Z axis ranges,
// docs/python-values.md). The rounding order matters: numpy's linspace multiplies i by a precomputed step,
// so `3--9.8 [6]` gives -4.68 where start + (stop−start)·i/(n−1) gives -4.6800000000000015.

/** `np.arange(start, stop, step)`: ceil((stop−start)/step) values start + i·((start+step)−start). */
export function numpyArange(start: number, stop: number, step: number): number[] {
  if (step === 0) throw new Error("float division by zero");
  const length = Math.ceil((stop - start) / step);
  if (!(length > 0)) return [];
  const delta = start + step - start;
  return Array.from({ length }, (_, i) => start + i * delta);
}

/** `np.linspace(start, stop, n)`: i·step + start, the last value exactly `stop`. */
export function numpyLinspace(start: number, stop: number, n: number): number[] {
  if (n <= 0) return [];
  if (n === 1) return [start];
  const div = n - 1;
  const delta = stop - start;
  const step = delta / div;
  // numpy falls back to (i / div)·delta when the step underflows to zero.
  const at = step === 0 ? (i: number) => (i / div) * delta + start : (i: number) => i * step + start;
  return Array.from({ length: n }, (_, i) => (i === div ? stop : at(i)));
}

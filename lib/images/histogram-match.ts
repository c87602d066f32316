// scikit-image's histogram matching for float data (`exposure.match_histograms` → `_match_cumulative_cdf`,
// docs/builtin-scripts.md#outpainting-mk2): every distinct source value goes to the template value at the same
// quantile, the quantiles being the cumulative counts of the sorted distinct values over the sample size
// and the mapping numpy's `interp` between the template's (quantile, value) points.

/** The sorted distinct values and how often each occurs (np.unique with return_counts). */
function uniqueCounts(values: Float64Array): { values: Float64Array; counts: number[]; sorted: Float64Array } {
  const sorted = Float64Array.from(values).sort();
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) counts[counts.length - 1]++;
    else {
      distinct.push(sorted[i]);
      counts.push(1);
    }
  }
  return { values: Float64Array.from(distinct), counts, sorted };
}

/** Cumulative counts over the total, as float64 (np.cumsum(counts) / size). */
function quantiles(counts: number[], size: number): Float64Array {
  let sum = 0;
  return Float64Array.from(counts, (c) => (sum += c) / size);
}

/** np.interp(x, xp, fp) for increasing xp: the ends held flat, linear in between with numpy's slope form. */
export function numpyInterp(x: number, xp: Float64Array, fp: Float64Array): number {
  const last = xp.length - 1;
  if (x < xp[0]) return fp[0];
  if (x > xp[last]) return fp[last];
  let lo = 0;
  let hi = last;
  // Largest j with xp[j] <= x.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (xp[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  if (lo === last || x === xp[lo]) return fp[lo];
  const slope = (fp[lo + 1] - fp[lo]) / (xp[lo + 1] - xp[lo]);
  return slope * (x - xp[lo]) + fp[lo];
}

/** `source` with its value distribution matched to `template`'s (one channel). */
export function matchCumulativeCdf(source: Float64Array, template: Float64Array): Float64Array {
  const src = uniqueCounts(source);
  const tmpl = uniqueCounts(template);
  const srcQuantiles = quantiles(src.counts, source.length);
  const tmplQuantiles = quantiles(tmpl.counts, template.length);
  const mapped = new Map<number, number>();
  src.values.forEach((v, i) => mapped.set(v, numpyInterp(srcQuantiles[i], tmplQuantiles, tmpl.values)));
  return source.map((v) => mapped.get(v)!);
}

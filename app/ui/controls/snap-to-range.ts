// Typed-in numbers land on the slider's grid, as Gradio's slider number box does: clamped to
// [min, max] and rounded to the nearest step counted from min (so Width stays a multiple of 8).

export interface NumericRange {
  min: number;
  max: number;
  step: number;
}

/** Decimal places of the step, so 0.1 + 0.2 style float noise never reaches the form. */
function stepDecimals(step: number): number {
  const text = String(step);
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

export function snapToRange(value: number, { min, max, step }: NumericRange): number {
  if (!Number.isFinite(value)) return min;
  const clamped = Math.min(max, Math.max(min, value));
  const snapped = min + Math.round((clamped - min) / step) * step;
  // Rounding up may step past max when (max - min) is not a multiple of step.
  const inside = snapped > max ? snapped - step : snapped;
  return Number(inside.toFixed(stepDecimals(step)));
}

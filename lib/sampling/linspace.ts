/** n evenly spaced values from `start` to `end` inclusive (numpy linspace: the last is exactly `end`). */
export function linspace(start: number, end: number, n: number): number[] {
  if (n === 1) return [start];
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? end : start + ((end - start) * i) / (n - 1)));
}

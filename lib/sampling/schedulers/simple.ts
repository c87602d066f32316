// "Simple" (ComfyUI): every (T/n)-th entry of the σ table counted down from the top.
import type { DiscreteSchedule } from "@/lib/sampling/discrete-schedule";

export function simpleSigmas(n: number, model: DiscreteSchedule): number[] {
  const table = model.sigmas;
  const stride = table.length / n;
  return [...Array.from({ length: n }, (_, i) => table[table.length - 1 - Math.trunc(i * stride)]), 0];
}

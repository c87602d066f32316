// "DDIM" schedule (ComfyUI's ddim_uniform): σ table entries 1, 1+s, 1+2s, … (s = ⌊T/n⌋) reversed.
// Its length is ⌈(T−1)/s⌉, which can exceed n (n = 7 → 8), and it starts below σ_max.
import type { DiscreteSchedule } from "@/lib/sampling/discrete-schedule";

export function ddimSigmas(n: number, model: DiscreteSchedule): number[] {
  const table = model.sigmas;
  const stride = Math.max(Math.floor(table.length / n), 1);
  const picked: number[] = [];
  for (let t = 1; t < table.length; t += stride) picked.push(table[t]);
  return [...picked.reverse(), 0];
}

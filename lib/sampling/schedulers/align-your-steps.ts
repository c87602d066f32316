// "Align Your Steps" (NVIDIA, 2024): the published optimised 10-step tables; other step counts are
// resampled log-linearly (np.interp of ln σ). Ignores σ_min/σ_max: the table ends lie just outside
// SD's σ range (docs/samplers.md#the-denoiser).
import { linspace } from "@/lib/sampling/linspace";

const SD15 = [14.615, 6.475, 3.861, 2.697, 1.886, 1.396, 0.963, 0.652, 0.399, 0.152, 0.029];
const SDXL = [14.615, 6.315, 3.771, 2.181, 1.342, 0.862, 0.555, 0.38, 0.234, 0.113, 0.029];

/** Piecewise-linear interpolation of ln σ over the table's positions mapped to [0, 1]. */
function logLinearResample(table: number[], n: number): number[] {
  const logs = table.map(Math.log);
  const last = table.length - 1;
  return linspace(0, 1, n).map((u) => {
    const pos = u * last;
    const lo = Math.min(Math.floor(pos), last - 1);
    const w = pos - lo;
    return Math.exp((1 - w) * logs[lo] + w * logs[lo + 1]);
  });
}

export function alignYourStepsSigmas(n: number, sdxl = false): number[] {
  const table = sdxl ? SDXL : SD15;
  return [...(n === table.length ? table : logLinearResample(table, n)), 0];
}

// Tiled memory figures, one case per process (tiled-memory-case.ts), so an earlier, larger case's memory cannot
// hide a later one's: Tiled Diffusion + Tiled VAE txt2img at 2048² and 4096² here; Tiled VAE's own decode cases
// run the same way from tiled-vae.ts. Each figure is the bench process's plus the inference process's peak above
// their warmed-up idle figures (the decode cases without their float32 output); the load average is printed
// beside them, since the machine is shared.
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";

export interface CaseFigures {
  seconds: number;
  benchPeakMiB: number;
  workerPeakMiB: number;
}

/** `tsx scripts/bench/tiled-memory-case.ts <kind> <side>` in a process of its own. */
export function runCase(kind: string, side: number): CaseFigures {
  const tsx = path.resolve("node_modules/.bin/tsx");
  const out = execFileSync(tsx, ["--expose-gc", "scripts/bench/tiled-memory-case.ts", kind, String(side)], { encoding: "utf8", maxBuffer: 16 * 2 ** 20 });
  return JSON.parse(out.trim().split("\n").at(-1)!) as CaseFigures;
}

/** A case's seconds, peak of both processes and the load average as `<name>_…` figures. */
export function recordCase(figures: Record<string, number>, name: string, c: CaseFigures): void {
  figures[`${name}_seconds`] = c.seconds;
  figures[`${name}_peak_mib`] = c.benchPeakMiB + c.workerPeakMiB;
  figures[`${name}_load_average`] = os.loadavg()[0];
}

export async function benchTiledMemory(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  for (const side of [2048, 4096]) recordCase(figures, `diffusion_vae_job_${side}`, runCase("job", side));
  figures.diffusion_vae_job_4096_vs_2048_peak_ratio = figures.diffusion_vae_job_4096_peak_mib / figures.diffusion_vae_job_2048_peak_mib;
  return figures;
}

// Tiled memory figures, one case per process (tiled-memory-case.ts): Tiled VAE's fast decode at 1024², 2048² and
// 4096² with the decode the server runs untiled at 2048² for the time ratio, and Tiled Diffusion + Tiled VAE
// txt2img at 2048² and 4096². Each figure is the bench process's plus the inference process's peak above their
// warmed-up idle figures (the decode cases without their float32 output); the load average is printed beside them,
// since the machine is shared.
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";

interface CaseFigures {
  seconds: number;
  benchPeakMiB: number;
  workerPeakMiB: number;
}

function runCase(kind: string, side: number): CaseFigures {
  const tsx = path.resolve("node_modules/.bin/tsx");
  const out = execFileSync(tsx, ["--expose-gc", "scripts/bench/tiled-memory-case.ts", kind, String(side)], { encoding: "utf8", maxBuffer: 16 * 2 ** 20 });
  return JSON.parse(out.trim().split("\n").at(-1)!) as CaseFigures;
}

export async function benchTiledMemory(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const record = (name: string, c: CaseFigures) => {
    figures[`${name}_seconds`] = c.seconds;
    figures[`${name}_peak_mib`] = c.benchPeakMiB + c.workerPeakMiB;
    figures[`${name}_load_average`] = os.loadavg()[0];
  };
  for (const side of [1024, 2048, 4096]) record(`vae_fast_${side}`, runCase("vae-fast", side));
  record("vae_untiled_2048", runCase("vae-untiled", 2048));
  figures.vae_fast_4096_vs_1024_peak_ratio = figures.vae_fast_4096_peak_mib / figures.vae_fast_1024_peak_mib;
  figures.vae_fast_vs_untiled_2048_time_ratio = figures.vae_fast_2048_seconds / figures.vae_untiled_2048_seconds;
  for (const side of [2048, 4096]) record(`diffusion_vae_job_${side}`, runCase("job", side));
  figures.diffusion_vae_job_4096_vs_2048_peak_ratio = figures.diffusion_vae_job_4096_peak_mib / figures.diffusion_vae_job_2048_peak_mib;
  return figures;
}

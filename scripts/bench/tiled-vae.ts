// Tiled VAE benchmark (docs/tiled-vae.md#modes) on the fixture decoder, tile 64, through the extension's own code
// and the job's model service (chunked attention under the server's default chunking), each case in a process of
// its own (tiled-memory-case.ts) so that memory an earlier, larger case took cannot hide a later one's. It prints
// the figures in one run:
// - fast decode at 1024², 2048² and 4096² (latents 128², 256², 512²): peak RSS of both processes above their
//   warmed-up idle, minus the float32 output, and the 4096² ÷ 1024² ratio (acceptance ≤ 1.5) and 4096² ÷ 2048²;
//   the latent-resolution part (the mid block) runs over the whole latent only while it costs no more than a tile
//   (latentPartRunsWhole: 1024² on the fixture with tile 64), above that each tile runs the whole frozen graph;
// - synchronised decode at 1024², 1536² and 2048²: the same peak per megapixel — every tile's activations wait
//   between segments, so the peak grows with the picture and the figure per megapixel stays flat;
// - fast ÷ untiled (acceptance ≤ 1.3) and synchronised ÷ untiled (≤ 2) decode time at 2048², the untiled decode as
//   the server runs it (chunked attention).
// Sizes: 2048² is the ratio size and the largest where the untiled decode fits comfortably; 1536² adds a
// second synchronised size at 0.56× the cost of 2048² (synchronised 4096² would park ≈ 4× 2048²'s activations for
// little news). On the shared 2-core machine the seven cases take 20–30 min at load average 8–12 (the 4096² fast
// decode a third of it): a few minutes on a quiet one. The load average at each case is printed beside it.
import { openCutVae } from "@/extensions/tiled-vae/cut-vae";
import type { CutVae } from "@/extensions/tiled-vae/tiled-run";
import type { CheckpointInfo } from "@/lib/models/checkpoints";
import type { GraphOptions } from "@/lib/models/graph-options";
import type { StableDiffusionModel } from "@/lib/models/stable-diffusion";
import type { Processing } from "@/lib/pipeline/processing";
import { modelService } from "@/lib/pipeline/services/model";
import type { Tensor } from "@/lib/tensor";
import { recordCase, runCase, type CaseFigures } from "./tiled-memory";

const TILE = 64;
const FAST_SIDES = [1024, 2048, 4096];
const SYNC_SIDES = [1024, 1536, 2048];
const RATIO_SIDE = 2048;

export function latent(h: number, w: number): Tensor {
  const data = new Float32Array(4 * h * w);
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 0.37) * 0.8 + Math.cos(i * 0.011) * 0.5;
  return { data, shape: [1, 4, h, w] };
}

/**
 * The fixture's decoder cut as the extension cuts it in a job: its pieces opened through the job's own model
 * service (lib/pipeline/services/model.ts), so each is the cached derived copy with its attention chunked and fed
 * `graph`'s chunking, as `openDerived(…, { chunkedAttention: true })` does for the extension.
 */
export function fixtureCutDecoder(model: StableDiffusionModel, checkpoint: CheckpointInfo, graph: GraphOptions): CutVae {
  return openCutVae(modelService({ model, checkpoint, graph } as Processing, "tiled-vae"), "decoder")!;
}

export async function benchTiledVae(): Promise<Record<string, number>> {
  const figures: Record<string, number> = { decoder_tile: TILE };
  const record = (name: string, c: CaseFigures) => recordCase(figures, name, c);
  for (const side of FAST_SIDES) record(`fast_${side}`, runCase("vae-fast", side));
  for (const side of SYNC_SIDES) {
    record(`sync_${side}`, runCase("vae-sync", side));
    figures[`sync_${side}_peak_mib_per_mp`] = figures[`sync_${side}_peak_mib`] / ((side * side) / 1e6);
  }
  record(`untiled_${RATIO_SIDE}`, runCase("vae-untiled", RATIO_SIDE));
  figures.fast_4096_vs_1024_peak_ratio = figures.fast_4096_peak_mib / figures.fast_1024_peak_mib;
  figures.fast_4096_vs_2048_peak_ratio = figures.fast_4096_peak_mib / figures.fast_2048_peak_mib;
  figures.sync_2048_vs_1536_peak_per_mp_ratio = figures.sync_2048_peak_mib_per_mp / figures.sync_1536_peak_mib_per_mp;
  figures[`fast_vs_untiled_${RATIO_SIDE}_time_ratio`] = figures[`fast_${RATIO_SIDE}_seconds`] / figures[`untiled_${RATIO_SIDE}_seconds`];
  figures[`sync_vs_untiled_${RATIO_SIDE}_time_ratio`] = figures[`sync_${RATIO_SIDE}_seconds`] / figures[`untiled_${RATIO_SIDE}_seconds`];
  return figures;
}

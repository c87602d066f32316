// Synchronised mode as a job runs it: the cut decoder opened through the job's model service, its segments in the
// inference process keeping each tile's activations there as resident tensors (docs/tiled-vae.md#modes). The
// decode matches the untiled one as the harness's does, float16 parking moves it a little, and whether it
// finishes or is stopped midway, nothing stays resident.
import { beforeAll, describe, expect, it } from "vitest";
import { openCutVae } from "@/extensions/tiled-vae/cut-vae";
import { splitTiles } from "@/extensions/tiled-vae/split";
import { runSynchronised, runTiled, type CutVae } from "@/extensions/tiled-vae/tiled-run";
import { loadCheckpoint } from "@/lib/models/checkpoints";
import { inferenceProcess } from "@/lib/models/inference-process";
import type { StableDiffusionModel } from "@/lib/models/stable-diffusion";
import type { Processing } from "@/lib/pipeline/processing";
import { modelService } from "@/lib/pipeline/services/model";
import type { Tensor } from "@/lib/tensor";
import { difference, seamRatio } from "./metrics";
import { testInput } from "./ort-vae";

const SLOW = { timeout: 300_000 };
const graph = { tiling: false, attention: { limit: 4096, rows: 256, budget: 2 ** 62 } };

describe("synchronised decode through the job's model service (resident tensors)", () => {
  let vae: CutVae;
  let model: StableDiffusionModel;
  beforeAll(async () => {
    const loaded = await loadCheckpoint("onyx-tiny");
    model = loaded.model;
    vae = openCutVae(modelService({ model, checkpoint: loaded.info, graph } as unknown as Processing, "tiled-vae"), "decoder")!;
  }, 300_000);
  const x = testInput(4, 128, 128, "smooth", 2);
  const split = splitTiles("decoder", 128, 128, 64);

  it("at 1024²: within 0.1/255 mean and 2/255 max of the untiled decode, no seams, nothing left resident", SLOW, async () => {
    const { result, mode } = await runTiled(vae, x, split, { fast: false, colorFix: false, tileSize: 64 });
    expect(mode).toBe("synchronised");
    // decodeLatents takes the sampler's scaled latent; the tiles run on the decoder's own input.
    const s = model.folder.vaeScalingFactor;
    const plain: Tensor = await model.decodeLatents({ data: x.data.map((v) => v * s), shape: x.shape }, graph);
    const error = difference(result!, plain);
    expect(error.mean).toBeLessThan(0.1);
    expect(error.max).toBeLessThan(2);
    expect(seamRatio(result!, split)).toBeLessThan(1.2);
    expect(await inferenceProcess().residentTensors()).toBe(0);

    const half = (await runTiled(vae, x, split, { fast: false, colorFix: false, tileSize: 64, parkHalf: true })).result!;
    const parked = difference(half, result!);
    expect(parked.mean).toBeGreaterThan(0);
    expect(parked.mean).toBeLessThan(0.05);
    expect(await inferenceProcess().residentTensors()).toBe(0);
  });

  it("stopped between tiles midway: null, and the tiles' kept activations are freed", SLOW, async () => {
    let asked = 0;
    // The whole-latent part and a few segments over the four tiles run, then it stops with activations kept.
    const result = await runSynchronised(vae, x, split, { wholeLatentResolution: true, shouldStop: () => ++asked > 10 });
    expect(result).toBeNull();
    expect(asked).toBe(11);
    expect(await inferenceProcess().residentTensors()).toBe(0);
  });
});

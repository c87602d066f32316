// Tiled VAE's estimate follows the decode's own choice (docs/tiled-vae.md#memory): in fast mode the
// latent-resolution part is counted over the whole latent only while latentPartRunsWhole says it runs whole;
// above it each tile's call is the whole estimate, the same at every size. Synchronised mode keeps the picture's call.
import { describe, expect, it } from "vitest";
import { latentPartRunsWhole, tileBytes, tiledVaeMemoryPlan, wholeLatentBytes, WHOLE_LATENT_TENSORS, type PartMemory } from "@/extensions/tiled-vae/memory-plan";

// SD 1.5's decoder: 512 channels at latent resolution, 256 at the picture's, a one-head mid-block attention.
const SD: PartMemory = { latentAttention: true, latentChannels: 512, outputChannels: 256 };
// Scores and softmax in chunks of at most 1024 query rows.
const scoreBytes = (l: number, n: number, m: number) => 2 * 4 * l * Math.min(n, 1024) * m;
const TILE = 64;
const planAt = (side: number, fast: boolean) =>
  tiledVaeMemoryPlan(
    { unet: [], vaeDecode: [{ batch: 1, pixels: (side / 8) ** 2, context: 0 }], vaeEncode: [], extraBytes: 0 },
    { decoder: { ...SD, tileSize: TILE, fast }, encoder: null },
    scoreBytes,
  );

describe("Tiled VAE's memory plan", () => {
  it("counts the whole-latent part in fast mode only while it costs no more than a tile", () => {
    // A padded tile (86² latent, 688² picture pixels) holds 8 tensors of 256 channels.
    expect(tileBytes("decoder", SD, 1, TILE)).toBe(WHOLE_LATENT_TENSORS * 256 * 688 * 688 * 4);
    for (const side of [1024, 2048, 4096]) {
      const pixels = (side / 8) ** 2;
      const whole = latentPartRunsWhole("decoder", SD, 1, pixels, TILE, scoreBytes);
      // The activations and one attention chunk against the tile: 1024² and 2048² whole, 4096² (latent 512²) not.
      expect(whole).toBe(side < 4096);
      const plan = planAt(side, true);
      expect(plan.vaeDecode).toEqual([{ batch: 1, pixels: 86 * 86, context: 0 }]);
      expect(plan.extraBytes).toBe(whole ? wholeLatentBytes(SD, 1, pixels, scoreBytes) : 0);
      expect(plan.extraBytes).toBeLessThanOrEqual(tileBytes("decoder", SD, 1, TILE));
    }
  });

  it("keeps the picture's call in synchronised mode, with the whole latent's attention chunk on top", () => {
    const plan = planAt(4096, false);
    expect(plan.vaeDecode).toEqual([{ batch: 1, pixels: 512 * 512, context: 0 }]);
    expect(plan.extraBytes).toBe(scoreBytes(1, 512 * 512, 512 * 512));
  });
});

import { describe, expect, test } from "vitest";
import { JobInterrupted } from "@/lib/job-interrupted";
import { blendLatents } from "@/lib/pipeline/mask-blend";
import { CfgDenoiser } from "@/lib/pipeline/cfg-denoiser";
import type { ConditioningBatch, TextConditioning } from "@/lib/pipeline/conditioning-schedule";
import type { UnetBatch } from "@/lib/pipeline/unet-call";
import type { DiscreteSchedule } from "@/lib/sampling/discrete-schedule";

// A stand-in schedule: the denoiser only needs σ ↔ t here.
const schedule = { sigmaToT: (s: number) => s * 10, tToSigma: (t: number) => t / 10 } as unknown as DiscreteSchedule;

/** Conditioning whose every value is `v`, `chunks` × 77 tokens of dimension 2. */
const cond = (v: number, chunks = 1): TextConditioning => ({ data: new Float32Array(77 * chunks * 2).fill(v), tokens: 77 * chunks, dim: 2 });

/** A UNet whose ε for an entry is the first value of that entry's context: guidance becomes arithmetic. */
function recordingUnet() {
  const calls: UnetBatch[] = [];
  const unet = async (b: UnetBatch) => {
    calls.push(b);
    const [n, c, h, w] = b.x.shape;
    const out = new Float32Array(n * c * h * w);
    for (let e = 0; e < n; e++) out.fill(b.context.data[e * b.context.shape[1] * b.context.shape[2]], e * c * h * w, (e + 1) * c * h * w);
    return out;
  };
  return { unet, calls };
}

describe("CFG denoiser", () => {
  test("combines uncond + Σ w·scale·(cond − uncond) in one batch and converts ε to D", async () => {
    const { unet, calls } = recordingUnet();
    const conditioning: ConditioningBatch = {
      cond: [[{ schedule: [{ endAtStep: 20, cond: cond(1) }], weight: 1 }, { schedule: [{ endAtStep: 20, cond: cond(3) }], weight: 0.5 }]],
      uncond: [[{ endAtStep: 20, cond: cond(2) }]],
    };
    const d = new CfgDenoiser({ unet, schedule, predictionType: "epsilon", conditioning, cfgScale: 7, latentShape: [1, 1, 2], totalSteps: 20 });
    const x = new Float32Array([1, -1]);
    const sigma = 2;
    const out = await d.denoise(x, sigma);
    // ε = 2 + 7·(1 − 2)·1 + 7·(3 − 2)·0.5 = −1.5; D = x − σ·ε.
    expect(Array.from(out)).toEqual([1 + 3, -1 + 3]);
    expect(calls).toHaveLength(1);
    expect(calls[0].x.shape[0]).toBe(3);
    // The UNet sees x·c_in and the timestep of σ.
    expect(calls[0].x.data[0]).toBeCloseTo(1 / Math.sqrt(5), 6);
    expect(calls[0].timesteps).toEqual([20, 20, 20]);
  });

  test("labels every entry with its job image, cond or uncond and AND part, also across split calls", async () => {
    const { unet, calls } = recordingUnet();
    const part = (v: number, chunks = 1) => ({ schedule: [{ endAtStep: 20, cond: cond(v, chunks) }], weight: 1 });
    const conditioning: ConditioningBatch = {
      cond: [[part(1), part(2)], [part(3)]],
      uncond: [[{ endAtStep: 20, cond: cond(0) }], [{ endAtStep: 20, cond: cond(0) }]],
      images: [4, 5],
    };
    const d = new CfgDenoiser({ unet, schedule, predictionType: "epsilon", conditioning, cfgScale: 7, latentShape: [1, 1, 1], totalSteps: 20 });
    await d.denoise(new Float32Array([0, 0]), 1);
    expect(calls[0].entries).toEqual([
      { image: 4, cond: true, part: 0 },
      { image: 4, cond: true, part: 1 },
      { image: 5, cond: true, part: 0 },
      { image: 4, cond: false, part: 0 },
      { image: 5, cond: false, part: 0 },
    ]);
    // Without job indices the batch's own places; a longer negative prompt splits the call, labels follow.
    const split = recordingUnet();
    const solo: ConditioningBatch = { cond: [[part(1)]], uncond: [[{ endAtStep: 20, cond: cond(0, 2) }]] };
    await new CfgDenoiser({ unet: split.unet, schedule, predictionType: "epsilon", conditioning: solo, cfgScale: 7, latentShape: [1, 1, 1], totalSteps: 20 }).denoise(new Float32Array([0]), 1);
    expect(split.calls.map((c) => c.entries)).toEqual([[{ image: 0, cond: true, part: 0 }], [{ image: 0, cond: false, part: 0 }]]);
  });

  test("v-prediction uses c_skip·x + c_out·v", async () => {
    const { unet } = recordingUnet();
    const conditioning: ConditioningBatch = { cond: [[{ schedule: [{ endAtStep: 9, cond: cond(0.5) }], weight: 1 }]], uncond: [[{ endAtStep: 9, cond: cond(0.5) }]] };
    const d = new CfgDenoiser({ unet, schedule, predictionType: "v_prediction", conditioning, cfgScale: 5, latentShape: [1, 1, 1], totalSteps: 10 });
    const sigma = 3;
    const [out] = await d.denoise(new Float32Array([2]), sigma);
    expect(out).toBeCloseTo(2 / 10 - (3 / Math.sqrt(10)) * 0.5, 6);
  });

  test("prompt schedule switches after `endAtStep` model calls and different lengths run two batches", async () => {
    const { unet, calls } = recordingUnet();
    const conditioning: ConditioningBatch = {
      cond: [[{ schedule: [{ endAtStep: 1, cond: cond(1) }, { endAtStep: 3, cond: cond(5) }], weight: 1 }]],
      uncond: [[{ endAtStep: 3, cond: cond(0, 2) }]],
    };
    const d = new CfgDenoiser({ unet, schedule, predictionType: "epsilon", conditioning, cfgScale: 1, latentShape: [1, 1, 1], totalSteps: 4 });
    const seen: number[] = [];
    for (let k = 0; k < 4; k++) {
      // cfg 1: guided ε = cond ε; D = x − σ·ε with x = 0, σ = 1.
      seen.push(-(await d.denoise(new Float32Array([0]), 1))[0]);
    }
    expect(seen).toEqual([1, 1, 5, 5]); // calls 0 and 1 use the first text (A1111's ≤ rule)
    expect(calls).toHaveLength(8);
    expect(calls[0].context.shape[1]).toBe(77);
    expect(calls[1].context.shape[1]).toBe(154);
  });

  test("padding cond/uncond to equal length runs one batch", async () => {
    const { unet, calls } = recordingUnet();
    const conditioning: ConditioningBatch = { cond: [[{ schedule: [{ endAtStep: 3, cond: cond(1) }], weight: 1 }]], uncond: [[{ endAtStep: 3, cond: cond(0, 2) }]] };
    const d = new CfgDenoiser({
      unet, schedule, predictionType: "epsilon", conditioning, cfgScale: 1, latentShape: [1, 1, 1], totalSteps: 4,
      padCondUncond: { emptyChunk: cond(9) },
    });
    await d.denoise(new Float32Array([0]), 1);
    expect(calls).toHaveLength(1);
    expect(calls[0].context.shape).toEqual([2, 154, 2]);
    expect(calls[0].context.data[77 * 2]).toBe(9); // the cond's second chunk is the empty chunk
  });

  test("an interrupt stops before the next model call", async () => {
    const { unet, calls } = recordingUnet();
    let stop = false;
    const conditioning: ConditioningBatch = { cond: [[{ schedule: [{ endAtStep: 3, cond: cond(1) }], weight: 1 }]], uncond: [[{ endAtStep: 3, cond: cond(0) }]] };
    const d = new CfgDenoiser({ unet, schedule, predictionType: "epsilon", conditioning, cfgScale: 1, latentShape: [1, 1, 1], totalSteps: 4, isInterrupted: () => stop });
    await d.denoise(new Float32Array([0]), 1);
    stop = true;
    await expect(d.denoise(new Float32Array([0]), 1)).rejects.toBeInstanceOf(JobInterrupted);
    expect(calls).toHaveLength(1);
  });

  test("inpainting blends the prediction (k-diffusion) and the input (timestep samplers) with σ or t", async () => {
    const { unet } = recordingUnet();
    const conditioning: ConditioningBatch = { cond: [[{ schedule: [{ endAtStep: 3, cond: cond(1) }], weight: 1 }]], uncond: [[{ endAtStep: 3, cond: cond(1) }]] };
    const init = new Float32Array([10, 20, 30, 40]);
    const nmask = new Float32Array([0, 1]);
    const seen: Array<[number[], number]> = [];
    const d = new CfgDenoiser({
      unet, schedule, predictionType: "epsilon", conditioning, cfgScale: 1, latentShape: [2, 1, 2], totalSteps: 4,
      maskBlend: async (current, sigma) => (seen.push([Array.from(current), sigma]), blendLatents(current, init, nmask)),
    });
    const out = await d.denoise(new Float32Array([0, 0, 0, 0]), 1);
    // ε = 1 → D = −1 where repainted; the kept pixel (x = 0 in both channels) takes the init values.
    expect(Array.from(out)).toEqual([10, -1, 30, -1]);
    expect(seen).toEqual([[[-1, -1, -1, -1], 1]]);
    const t = schedule.sigmaToT(1);
    await d.eps(new Float32Array([5, 5, 5, 5]), t);
    expect(seen[1]).toEqual([[5, 5, 5, 5], t]);
  });
});

// Classifier-free guidance around the UNet (A1111's CFGDenoiser, docs/samplers.md#classifier-free-guidance): per model
// call it picks every image's scheduled conditioning for the current call counter, runs cond and
// uncond entries through the UNet (one batch when their token lengths agree), converts the output
// to the sampler's domain and combines  uncond + Σ_j w_j·scale·(cond_j − uncond).
import { JobInterrupted } from "@/lib/job-interrupted";
import { condAtStep, type ConditioningBatch, type TextConditioning } from "@/lib/pipeline/conditioning-schedule";
import { padWithEmptyChunks, stackConditioning } from "@/lib/pipeline/context-stack";
import type { UnetEntry, UnetFn } from "@/lib/pipeline/unet-call";
import type { DiscreteSchedule } from "@/lib/sampling/discrete-schedule";
import { cIn, denoisedFromEps, denoisedFromV, epsFromV } from "@/lib/sampling/parameterization";
import type { SamplerModel } from "@/lib/sampling/types";
import type { Tensor } from "@/lib/tensor";

export interface CfgDenoiserOptions {
  unet: UnetFn;
  schedule: DiscreteSchedule;
  predictionType: "epsilon" | "v_prediction";
  conditioning: ConditioningBatch;
  cfgScale: number;
  /** Latent shape of one image [C, h, w]. */
  latentShape: [number, number, number];
  /** Prompt-schedule length of this pass (2×steps for second-order samplers, docs/a1111/prompts.md#which-steps). */
  totalSteps: number;
  /** "Pad prompt/negative prompt": pad the shorter of cond/uncond with `emptyChunk` instead of two UNet calls. */
  padCondUncond?: { emptyChunk: TextConditioning } | null;
  /** Inpainting-model conditioning per image, [B, 5, h, w]. */
  imageCond?: Tensor | null;
  /**
   * Inpainting: after each call (k-diffusion, on the denoised prediction) / before it (timestep samplers, on
   * the input) the latent is blended with the init latent; `sigma` is σ or the timestep respectively.
   */
  maskBlend?: ((current: Float32Array, sigma: number) => Promise<Float32Array>) | null;
  /** Checked before every model call (A1111 aborts the sampler there). */
  isInterrupted?: () => boolean;
}

export class CfgDenoiser implements SamplerModel {
  /** Model calls so far in this pass: the prompt-schedule clock (0-based, docs/a1111/quirks.md#q6). */
  step = 0;
  cfgScaleMultiplier = 1;
  lastUncondEps?: Float32Array;
  private readonly imageSize: number;

  constructor(private readonly o: CfgDenoiserOptions) {
    const [c, h, w] = o.latentShape;
    this.imageSize = c * h * w;
  }

  async denoise(x: Float32Array, sigma: number): Promise<Float32Array> {
    const t = this.o.schedule.sigmaToT(sigma);
    const scale = cIn(sigma);
    const out = await this.guided(x.map((v) => v * scale), t, sigma);
    const denoised = this.o.predictionType === "v_prediction" ? denoisedFromV(x, sigma, out.guided) : denoisedFromEps(x, sigma, out.guided);
    return this.o.maskBlend ? this.o.maskBlend(denoised, sigma) : denoised;
  }

  async eps(z: Float32Array, t: number): Promise<Float32Array> {
    const sigma = this.o.schedule.tToSigma(t);
    // Timestep samplers blend the input, with the clean init latent as A1111 1.10 does.
    const input = this.o.maskBlend ? await this.o.maskBlend(z, t) : z;
    const out = await this.guided(input, t, sigma);
    if (this.o.predictionType !== "v_prediction") {
      this.lastUncondEps = out.uncond;
      return out.guided;
    }
    const alphaBar = 1 / (1 + sigma * sigma);
    const toEps = (v: Float32Array) => epsFromV(input, alphaBar, v);
    this.lastUncondEps = out.uncond && toEps(out.uncond);
    return toEps(out.guided);
  }

  /** Runs the guidance batch on VP-scaled input and returns the guided UNet output per image. */
  private async guided(xIn: Float32Array, t: number, sigma: number): Promise<{ guided: Float32Array; uncond?: Float32Array }> {
    if (this.o.isInterrupted?.()) throw new JobInterrupted("sampling");
    const { conditioning } = this.o;
    const images = conditioning.cond.length;
    const conds = conditioning.cond.map((parts) => parts.map((p) => ({ cond: condAtStep(p.schedule, this.step), weight: p.weight })));
    let uncond = conditioning.uncond.map((s) => condAtStep(s, this.step));
    let condTensors = conds.flat().map((c) => c.cond);
    const condTokens = Math.max(...condTensors.map((c) => c.tokens));
    const uncondTokens = Math.max(...uncond.map((c) => c.tokens));
    if (this.o.padCondUncond && condTokens !== uncondTokens) {
      const tokens = Math.max(condTokens, uncondTokens);
      const empty = this.o.padCondUncond.emptyChunk;
      condTensors = condTensors.map((c) => padWithEmptyChunks(c, empty, tokens));
      uncond = uncond.map((c) => padWithEmptyChunks(c, empty, tokens));
    }
    const entriesX: number[] = [...conds.flatMap((parts, i) => parts.map(() => i)), ...uncond.map((_, i) => i)];
    const image = (i: number) => conditioning.images?.[i] ?? i;
    const entries: UnetEntry[] = [...conds.flatMap((parts, i) => parts.map((_, part) => ({ image: image(i), cond: true, part }))), ...uncond.map((_, i) => ({ image: image(i), cond: false, part: 0 }))];
    const out = new Float32Array(entriesX.length * this.imageSize);
    const run = async (from: number, to: number, context: Tensor) => {
      const result = await this.callUnet(xIn, entriesX.slice(from, to), entries.slice(from, to), t, sigma, context);
      out.set(result, from * this.imageSize);
    };
    const condCount = condTensors.length;
    const cTok = Math.max(...condTensors.map((c) => c.tokens));
    const uTok = Math.max(...uncond.map((c) => c.tokens));
    if (cTok === uTok) {
      await run(0, entriesX.length, stackConditioning([...condTensors, ...uncond], cTok));
    } else {
      await run(0, condCount, stackConditioning(condTensors, cTok));
      await run(condCount, entriesX.length, stackConditioning(uncond, uTok));
    }
    this.step++;

    const scale = this.o.cfgScale * this.cfgScaleMultiplier;
    const n = this.imageSize;
    const guided = new Float32Array(images * n);
    const uncondOut = out.slice(condCount * n);
    guided.set(uncondOut);
    let entry = 0;
    for (let i = 0; i < images; i++) {
      const u = uncondOut.subarray(i * n, (i + 1) * n);
      const g = guided.subarray(i * n, (i + 1) * n);
      for (const { weight } of conds[i]) {
        const c = out.subarray(entry * n, (entry + 1) * n);
        const f = weight * scale;
        for (let k = 0; k < n; k++) g[k] += (c[k] - u[k]) * f;
        entry++;
      }
    }
    return { guided, uncond: uncondOut };
  }

  private callUnet(xIn: Float32Array, imageOf: number[], entries: UnetEntry[], t: number, sigma: number, context: Tensor): Promise<Float32Array> {
    const [c, h, w] = this.o.latentShape;
    const n = this.imageSize;
    const x = new Float32Array(imageOf.length * n);
    imageOf.forEach((img, e) => x.set(xIn.subarray(img * n, (img + 1) * n), e * n));
    let imageCond: Tensor | null = null;
    const ic = this.o.imageCond;
    if (ic) {
      const m = ic.data.length / ic.shape[0];
      const data = new Float32Array(imageOf.length * m);
      imageOf.forEach((img, e) => data.set(ic.data.subarray(img * m, (img + 1) * m), e * m));
      imageCond = { data, shape: [imageOf.length, ic.shape[1], h, w] };
    }
    return this.o.unet({
      x: { data: x, shape: [imageOf.length, c, h, w] },
      timesteps: imageOf.map(() => t),
      sigmas: imageOf.map(() => sigma),
      context,
      imageCond,
      entries,
      step: this.step,
      totalSteps: this.o.totalSteps,
    });
  }
}

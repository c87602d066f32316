// The VAE halves: latents ⇄ images in [-1, 1]. Scaling by the model's scaling factor happens in
// StableDiffusionModel, where the factor is known.
import { FLOAT_TYPES, requireInput, requireOutput } from "@/lib/models/graph-contract";
import { OnnxSession } from "@/lib/models/onnx-session";
import { TiledVariant } from "@/lib/models/tiled-variant";
import type { Tensor } from "@/lib/tensor";

export class VaeDecoder {
  private readonly tiled: TiledVariant;

  private constructor(
    file: string,
    private readonly session: OnnxSession,
  ) {
    this.tiled = new TiledVariant(file);
  }

  static async open(file: string): Promise<VaeDecoder> {
    const session = await OnnxSession.open(file);
    requireInput(session, "latent_sample", FLOAT_TYPES);
    requireOutput(session, ["sample"]);
    return new VaeDecoder(file, session);
  }

  /** Why this decoder cannot tile, or null. */
  tilingUnavailable(): Promise<string | null> {
    return this.tiled.unavailable();
  }

  /** latent [B, 4, h, w] (unscaled) → image [B, 3, 8h, 8w], nominally in [-1, 1]; `tiling` pads circularly. */
  async decode(latent: Tensor, tiling = false): Promise<Tensor> {
    const session = tiling ? await this.tiled.open() : this.session;
    const out = await session.run({ latent_sample: latent });
    return { data: out.sample.data, shape: out.sample.shape };
  }

  async release(): Promise<void> {
    await Promise.allSettled([this.session.release(), this.tiled.release()]);
  }
}

/**
 * Older exports sample inside the graph (`latent_sample`, seed not controllable); newer ones
 * return mean and log-variance (`latent_parameters`) so the job's generator draws the sample.
 */
export type VaeEncoding = { kind: "parameters"; mean: Tensor; logvar: Tensor } | { kind: "sample"; sample: Tensor };

export class VaeEncoder {
  private constructor(private readonly session: OnnxSession, private readonly outputName: string) {}

  static async open(file: string): Promise<VaeEncoder> {
    const session = await OnnxSession.open(file);
    requireInput(session, "sample", FLOAT_TYPES);
    const out = requireOutput(session, ["latent_parameters", "latent_sample"]);
    return new VaeEncoder(session, out.name);
  }

  /** image [B, 3, H, W] in [-1, 1] → latent distribution at [B, 4, H/8, W/8] (unscaled). */
  async encode(image: Tensor): Promise<VaeEncoding> {
    const out = (await this.session.run({ sample: image }))[this.outputName];
    if (this.outputName === "latent_sample") return { kind: "sample", sample: { data: out.data, shape: out.shape } };
    const [b, c2, h, w] = out.shape;
    const c = c2 / 2;
    const mean = new Float32Array(b * c * h * w);
    const logvar = new Float32Array(b * c * h * w);
    const plane = c * h * w;
    for (let i = 0; i < b; i++) {
      mean.set(out.data.subarray(i * 2 * plane, i * 2 * plane + plane), i * plane);
      logvar.set(out.data.subarray(i * 2 * plane + plane, (i + 1) * 2 * plane), i * plane);
    }
    return { kind: "parameters", mean: { data: mean, shape: [b, c, h, w] }, logvar: { data: logvar, shape: [b, c, h, w] } };
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

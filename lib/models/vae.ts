// The VAE halves: latents ⇄ images in [-1, 1]. Scaling by the model's scaling factor happens in
// StableDiffusionModel, where the factor is known.
import { FLOAT_TYPES, requireInput, requireOutput } from "@/lib/models/graph-contract";
import { attentionFeeds, type GraphOptions } from "@/lib/models/graph-options";
import { GraphVariants } from "@/lib/models/graph-variants";
import { componentMemory, measureComponent, PROBE_CHUNKING, probeSide, probeTensor, type CallShape, type ComponentMemory } from "@/lib/models/memory-profile";
import type { OnnxSession } from "@/lib/models/onnx-session";
import type { Tensor } from "@/lib/tensor";

export class VaeDecoder {
  private constructor(
    private readonly variants: GraphVariants,
    private readonly session: OnnxSession,
    /** Peak memory of a decode by size (memory-profile.ts); `pixels` are latent pixels. */
    readonly memory: ComponentMemory,
  ) {}

  static async open(file: string): Promise<VaeDecoder> {
    const variants = new GraphVariants(file);
    const session = await variants.open(false);
    const latent = requireInput(session, "latent_sample", FLOAT_TYPES);
    requireOutput(session, ["sample"]);
    const channels = typeof latent.shape?.[1] === "number" ? latent.shape[1] : 4;
    const probe = (shape: CallShape) => {
      const side = probeSide(shape);
      return session.measure({ latent_sample: probeTensor([shape.batch, channels, side, side]), ...attentionFeeds(session, PROBE_CHUNKING) });
    };
    return new VaeDecoder(variants, session, await componentMemory(file, () => measureComponent(probe)));
  }

  /** Why this decoder cannot tile, or null. */
  tilingUnavailable(): Promise<string | null> {
    return this.variants.tilingUnavailable();
  }

  /** latent [B, 4, h, w] (unscaled) → image [B, 3, 8h, 8w], nominally in [-1, 1], run as `graph` says. */
  async decode(latent: Tensor, graph: GraphOptions): Promise<Tensor> {
    const session = graph.tiling ? await this.variants.open(true) : this.session;
    const out = await session.run({ latent_sample: latent, ...attentionFeeds(session, graph.attention) });
    return { data: out.sample.data, shape: out.sample.shape };
  }

  release(): Promise<void> {
    return this.variants.release();
  }
}

/**
 * Older exports sample inside the graph (`latent_sample`, seed not controllable); newer ones
 * return mean and log-variance (`latent_parameters`) so the job's generator draws the sample.
 */
export type VaeEncoding = { kind: "parameters"; mean: Tensor; logvar: Tensor } | { kind: "sample"; sample: Tensor };

export class VaeEncoder {
  private constructor(
    private readonly variants: GraphVariants,
    private readonly session: OnnxSession,
    private readonly outputName: string,
    /** Peak memory of an encode by size (memory-profile.ts); `pixels` are latent pixels (image pixels / 64). */
    readonly memory: ComponentMemory,
  ) {}

  static async open(file: string): Promise<VaeEncoder> {
    const variants = new GraphVariants(file);
    const session = await variants.open(false);
    requireInput(session, "sample", FLOAT_TYPES);
    const out = requireOutput(session, ["latent_parameters", "latent_sample"]);
    const probe = (shape: CallShape) => {
      const side = 8 * probeSide(shape);
      return session.measure({ sample: probeTensor([shape.batch, 3, side, side]), ...attentionFeeds(session, PROBE_CHUNKING) });
    };
    return new VaeEncoder(variants, session, out.name, await componentMemory(file, () => measureComponent(probe)));
  }

  /** image [B, 3, H, W] in [-1, 1] → latent distribution at [B, 4, H/8, W/8] (unscaled). */
  async encode(image: Tensor, graph: GraphOptions): Promise<VaeEncoding> {
    const out = (await this.session.run({ sample: image, ...attentionFeeds(this.session, graph.attention) }))[this.outputName];
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
    return this.variants.release();
  }
}

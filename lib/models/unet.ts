// The denoising UNet. Exports differ in how they take the timestep (int64 [batch] from the old
// conversion script and Optimum ≤ 1.23, float32 [batch] from newer diffusers scripts, a float
// scalar from Optimum ≥ 1.24, float16 in GPU exports); this class feeds whichever the graph declares.
import { FLOAT_TYPES, INT_TYPES, requireInput, requireOutput } from "@/lib/models/graph-contract";
import { attentionFeeds, type GraphOptions } from "@/lib/models/graph-options";
import { GraphVariants } from "@/lib/models/graph-variants";
import { graphFile, type GraphSource } from "@/lib/models/patched-graph";
import { componentMemory, measureComponent, PROBE_CHUNKING, probeSide, probeTensor, type CallShape, type ComponentMemory } from "@/lib/models/memory-profile";
import type { Feed, OnnxSession } from "@/lib/models/onnx-session";
import { padLatentToMultiple, cropLatent } from "@/lib/models/latent-padding";
import type { Tensor } from "@/lib/tensor";

/** SD UNets downsample latents three times; other sizes are padded and cropped back. */
const LATENT_MULTIPLE = 8;

export class Unet {
  private constructor(
    private readonly variants: GraphVariants,
    private readonly session: OnnxSession,
    private readonly outputName: string,
    /** 4 for ordinary models, 9 for inpainting models (latent + mask + masked-image latent). */
    readonly inChannels: number,
    private readonly scalarTimestep: boolean,
    /** Peak memory of a call by size (memory-profile.ts). */
    readonly memory: ComponentMemory,
  ) {}

  static async open(source: GraphSource): Promise<Unet> {
    const file = graphFile(source);
    const variants = new GraphVariants(source);
    const session = await variants.open(false);
    const sample = requireInput(session, "sample", FLOAT_TYPES);
    const timestep = requireInput(session, "timestep", [...INT_TYPES, ...FLOAT_TYPES]);
    requireInput(session, "encoder_hidden_states", FLOAT_TYPES);
    for (const sdxl of ["text_embeds", "time_ids"]) {
      if (session.input(sdxl)) throw new Error(`${file}: takes "${sdxl}" — SDXL UNets are not supported yet`);
    }
    const out = requireOutput(session, ["out_sample", ...session.outputs.map((o) => o.name)]);
    const channels = typeof sample.shape?.[1] === "number" ? sample.shape[1] : 4;
    const scalarTimestep = (timestep.shape?.length ?? 1) === 0;
    const contextDim = session.input("encoder_hidden_states")?.shape?.[2];
    const probe = (shape: CallShape) => {
      const side = probeSide(shape);
      return session.measure({
        sample: probeTensor([shape.batch, channels, side, side]),
        timestep: Unet.timestepFeed(scalarTimestep, Array(shape.batch).fill(500)),
        encoder_hidden_states: probeTensor([shape.batch, shape.context, typeof contextDim === "number" ? contextDim : 768]),
        ...attentionFeeds(session, PROBE_CHUNKING),
      });
    };
    // Patched weights change no activation size: a LoRA-patched UNet shares its base file's measurements.
    const memory = await componentMemory(file, () => measureComponent(probe));
    return new Unet(variants, session, out.name, channels, scalarTimestep, memory);
  }

  private static timestepFeed(scalar: boolean, timesteps: number[]): Feed {
    return scalar ? { data: [timesteps[0]], shape: [] } : { data: timesteps, shape: [timesteps.length] };
  }

  /** Why this UNet cannot tile (its graph refuses the circular-padding rewrite), or null. */
  tilingUnavailable(): Promise<string | null> {
    return this.variants.tilingUnavailable();
  }

  /**
   * ε (or v) for sample [B, C, h, w] at per-entry timesteps (fractional values are kept for
   * float graphs and rounded for integer ones) with context [B, 77·k, dim], run as `graph` says.
   */
  async predict(sample: Tensor, timesteps: number[], context: Tensor, graph: GraphOptions): Promise<Float32Array> {
    const [b, , h, w] = sample.shape;
    if (timesteps.length !== b) throw new Error(`unet: ${timesteps.length} timesteps for a batch of ${b}`);
    if (this.scalarTimestep && timesteps.some((t) => t !== timesteps[0])) {
      throw new Error("unet: this export takes one timestep for the whole batch");
    }
    const padded = padLatentToMultiple(sample, LATENT_MULTIPLE);
    const session = graph.tiling ? await this.variants.open(true) : this.session;
    const out = await session.run({
      sample: padded,
      timestep: Unet.timestepFeed(this.scalarTimestep, timesteps),
      encoder_hidden_states: context,
      ...attentionFeeds(session, graph.attention),
    });
    const result = out[this.outputName];
    const outChannels = result.shape[1];
    return padded === sample ? result.data : cropLatent({ data: result.data, shape: [b, outChannels, padded.shape[2], padded.shape[3]] }, h, w).data;
  }

  async release(): Promise<void> {
    await this.variants.release();
  }
}

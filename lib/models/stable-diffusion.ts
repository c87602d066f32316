// One loaded Stable Diffusion model folder: tokenizer, text encoder, UNet and VAE with the
// configuration that ties them together.
import { derivedSessionModel } from "@/lib/models/derived-model";
import type { GraphOptions } from "@/lib/models/graph-options";
import type { ComponentMemory } from "@/lib/models/memory-profile";
import { readModelFolder, type ModelFolder, type SchedulerConfig } from "@/lib/models/model-folder";
import { OnnxSession } from "@/lib/models/onnx-session";
import { graphId, type GraphSource } from "@/lib/models/patched-graph";
import type { ModelProto } from "@/lib/onnx/proto";
import { TextEncoder } from "@/lib/models/text-encoder";
import { Unet } from "@/lib/models/unet";
import { VaeDecoder, VaeEncoder, type VaeEncoding } from "@/lib/models/vae";
import { ClipTokenizer } from "@/lib/tokenizers/clip-tokenizer";
import type { Tensor } from "@/lib/tensor";

/** The graphs of a model folder that have rewritten copies (docs/extensions.md#model). */
export type ModelGraph = "unet" | "vaeDecoder" | "vaeEncoder" | "textEncoder";

/** A VAE folder's graphs (lib/models/vaes.ts) that replace the checkpoint's own. */
export interface VaeFiles {
  decoder: string;
  encoder: string | null;
}

interface Vae {
  files: VaeFiles;
  decoder: VaeDecoder;
  encoder: VaeEncoder | null;
}

export class StableDiffusionModel {
  /** Rewritten copies of this model's graphs that scripts opened, by graph, variant and file; released with the model. */
  private readonly derived = new Map<string, Promise<OnnxSession>>();
  /** A chosen VAE in use instead of the checkpoint's own (docs/vae-choice.md), or null. */
  private chosenVae: Vae | null = null;
  /** LoRA-patched UNet and text encoder in use instead of the own ones, or null. */
  private patched: { unet: { source: GraphSource; graph: Unet } | null; textEncoder: { source: GraphSource; graph: TextEncoder } | null } | null = null;

  private constructor(
    readonly name: string,
    readonly folder: ModelFolder,
    readonly tokenizer: ClipTokenizer,
    private readonly ownTextEncoder: TextEncoder,
    private readonly ownUnet: Unet,
    private readonly ownVaeDecoder: VaeDecoder,
    private readonly ownVaeEncoder: VaeEncoder | null,
  ) {}

  get unet(): Unet {
    return this.patched?.unet?.graph ?? this.ownUnet;
  }

  get textEncoder(): TextEncoder {
    return this.patched?.textEncoder?.graph ?? this.ownTextEncoder;
  }

  /**
   * Runs the UNet and text encoder from these graphs from now on (LoRA-patched ones, lib/networks/lora-patch.ts,
   * opened from memory); a missing one means the checkpoint's own graph. The previous ones are released.
   */
  async useGraphs(graphs: { unet?: GraphSource; textEncoder?: GraphSource }): Promise<void> {
    const id = (source: GraphSource | undefined) => (source === undefined ? null : graphId(source));
    const same = (current: { source: GraphSource } | null | undefined, source: GraphSource | undefined) => id(current?.source) === id(source);
    if (same(this.patched?.unet, graphs.unet) && same(this.patched?.textEncoder, graphs.textEncoder)) return;
    const previous = this.patched;
    this.patched = null;
    const reuse = <T>(current: { source: GraphSource; graph: T } | null | undefined, source: GraphSource | undefined) => (current && same(current, source) ? current : null);
    const unet = reuse(previous?.unet, graphs.unet);
    const textEncoder = reuse(previous?.textEncoder, graphs.textEncoder);
    if (previous?.unet && previous.unet !== unet) await previous.unet.graph.release();
    if (previous?.textEncoder && previous.textEncoder !== textEncoder) await previous.textEncoder.graph.release();
    this.patched = {
      unet: unet ?? (graphs.unet ? { source: graphs.unet, graph: await Unet.open(graphs.unet) } : null),
      textEncoder: textEncoder ?? (graphs.textEncoder ? { source: graphs.textEncoder, graph: await TextEncoder.open(graphs.textEncoder) } : null),
    };
  }

  private get vaeDecoder(): VaeDecoder {
    return this.chosenVae?.decoder ?? this.ownVaeDecoder;
  }

  /** A chosen VAE without an encoder encodes with the checkpoint's own. */
  private get vaeEncoder(): VaeEncoder | null {
    return this.chosenVae?.encoder ?? this.ownVaeEncoder;
  }

  /** The VAE graph files decode and encode use now. */
  get vaeFiles(): VaeFiles {
    return { decoder: this.chosenVae?.files.decoder ?? this.folder.vaeDecoder, encoder: this.chosenVae?.files.encoder ?? this.folder.vaeEncoder };
  }

  /**
   * Decodes and encodes with `vae` from now on, or with the checkpoint's own VAE for null (A1111 loads the
   * chosen VAE's weights into the loaded model the same way). The previous chosen VAE is released.
   */
  async useVae(vae: VaeFiles | null): Promise<void> {
    if ((this.chosenVae?.files.decoder ?? null) === (vae?.decoder ?? null) && (this.chosenVae?.files.encoder ?? null) === (vae?.encoder ?? null)) return;
    const previous = this.chosenVae;
    this.chosenVae = null;
    await previous?.decoder.release();
    await previous?.encoder?.release();
    if (!vae) return;
    const decoder = await VaeDecoder.open(vae.decoder);
    try {
      this.chosenVae = { files: vae, decoder, encoder: vae.encoder ? await VaeEncoder.open(vae.encoder) : null };
    } catch (e) {
      await decoder.release();
      throw e;
    }
  }

  static async load(name: string, dir: string): Promise<StableDiffusionModel> {
    const folder = readModelFolder(dir);
    const tokenizer = await ClipTokenizer.fromDirectory(folder.tokenizerDir);
    const opened: Array<{ release(): Promise<void> }> = [];
    const open = async <T extends { release(): Promise<void> }>(p: Promise<T>) => {
      const component = await p;
      opened.push(component);
      return component;
    };
    try {
      const textEncoder = await open(TextEncoder.open(folder.textEncoder));
      const unet = await open(Unet.open(folder.unet));
      const vaeDecoder = await open(VaeDecoder.open(folder.vaeDecoder));
      const vaeEncoder = folder.vaeEncoder ? await open(VaeEncoder.open(folder.vaeEncoder)) : null;
      return new StableDiffusionModel(name, folder, tokenizer, textEncoder, unet, vaeDecoder, vaeEncoder);
    } catch (e) {
      await Promise.allSettled(opened.map((c) => c.release()));
      throw e;
    }
  }

  get scheduler(): SchedulerConfig {
    return this.folder.scheduler;
  }

  /** Peak memory of each component's calls by size (memory-profile.ts); no encoder in txt2img-only exports. */
  get memory(): { unet: ComponentMemory; vaeDecoder: ComponentMemory; vaeEncoder: ComponentMemory | null } {
    return { unet: this.unet.memory, vaeDecoder: this.vaeDecoder.memory, vaeEncoder: this.vaeEncoder?.memory ?? null };
  }

  get isInpainting(): boolean {
    return this.unet.inChannels === 9;
  }

  /** Why "Tiling" cannot apply to this model (a UNet or VAE decoder graph the rewrite refuses), or null. */
  async tilingUnavailable(): Promise<string | null> {
    const unet = await this.unet.tilingUnavailable();
    if (unet) return `UNet: ${unet}`;
    const vae = await this.vaeDecoder.tilingUnavailable();
    return vae && `VAE decoder: ${vae}`;
  }

  /** Scaled latent [B, 4, h, w] → image [B, 3, 8h, 8w] in [-1, 1] (not yet clamped). */
  async decodeLatents(latent: Tensor, graph: GraphOptions): Promise<Tensor> {
    const s = this.folder.vaeScalingFactor;
    return this.vaeDecoder.decode({ data: latent.data.map((v) => v / s), shape: latent.shape }, graph);
  }

  /** Image [B, 3, H, W] in [-1, 1] → the encoder's latent distribution, scaled like sampling latents. */
  async encodeImages(image: Tensor, graph: GraphOptions): Promise<VaeEncoding> {
    if (!this.vaeEncoder) throw new Error(`${this.name} has no vae_encoder/model.onnx, which img2img needs`);
    const s = this.folder.vaeScalingFactor;
    const scale = (t: Tensor): Tensor => ({ data: t.data.map((v) => v * s), shape: t.shape });
    const enc = await this.vaeEncoder.encode(image, graph);
    // The log-variance is shifted by 2·ln s so that mean + exp(logvar/2)·ε stays consistent after scaling.
    if (enc.kind === "sample") return { kind: "sample", sample: scale(enc.sample) };
    const shift = 2 * Math.log(s);
    return { kind: "parameters", mean: scale(enc.mean), logvar: { data: enc.logvar.data.map((v) => v + shift), shape: enc.logvar.shape } };
  }

  /**
   * The copy of one of this model's graphs that `rewrite` makes, written once per source file and variant
   * (derived-model.ts; built in memory for a LoRA-patched graph) and opened in the inference worker on first use.
   */
  openDerived(graph: ModelGraph, variant: string, rewrite: (model: ModelProto) => ModelProto): Promise<OnnxSession> {
    const inUse: Record<ModelGraph, GraphSource | null> = { vaeDecoder: this.vaeFiles.decoder, vaeEncoder: this.vaeFiles.encoder, unet: this.patched?.unet?.source ?? this.folder.unet, textEncoder: this.patched?.textEncoder?.source ?? this.folder.textEncoder };
    const source = inUse[graph];
    if (!source) return Promise.reject(new Error(`${this.name} has no ${graph} graph`));
    const key = `${graph}:${variant}:${graphId(source)}`;
    let session = this.derived.get(key);
    if (!session) {
      const opening = Promise.resolve().then(() => OnnxSession.open(derivedSessionModel(source, variant, rewrite)));
      opening.catch(() => this.derived.get(key) === opening && this.derived.delete(key));
      this.derived.set(key, (session = opening));
    }
    return session;
  }

  async release(): Promise<void> {
    const derived = [...this.derived.values()].map((s) => s.then((session) => session.release()));
    this.derived.clear();
    const vaes = [this.ownVaeDecoder, this.ownVaeEncoder, this.chosenVae?.decoder, this.chosenVae?.encoder];
    const graphs = [this.ownTextEncoder, this.ownUnet, this.patched?.textEncoder?.graph, this.patched?.unet?.graph];
    this.chosenVae = null;
    this.patched = null;
    await Promise.allSettled([...[...graphs, ...vaes].map((c) => c?.release()), ...derived]);
  }
}

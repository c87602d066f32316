// A UNet or VAE graph as it runs: the export with its attention computed in query chunks above a
// limit (attention-graph.ts), and with Tiling also its convolutions padded circularly
// (tiling-graph.ts). Each variant is derived once (derived-model.ts) and opened on first use; a graph
// the circular-padding rewrite refuses stays refused (it is asked once per model). A LoRA-patched graph's
// variants are built in memory (patched-graph.ts).
import { CHUNKED_ATTENTION_VARIANT, withChunkedAttention } from "@/lib/models/attention-graph";
import { derivedSessionModel } from "@/lib/models/derived-model";
import { OnnxSession } from "@/lib/models/onnx-session";
import { graphFile, type GraphSource } from "@/lib/models/patched-graph";
import { TilingUnsupported, withCircularPadding } from "@/lib/models/tiling-graph";

export class GraphVariants {
  private readonly sessions = new Map<string, Promise<OnnxSession>>();

  constructor(private readonly source: GraphSource) {}

  open(tiling: boolean): Promise<OnnxSession> {
    const variant = tiling ? `tiling-${CHUNKED_ATTENTION_VARIANT}` : CHUNKED_ATTENTION_VARIANT;
    let session = this.sessions.get(variant);
    if (!session) {
      const rewrite = tiling
        ? (model: Parameters<typeof withCircularPadding>[0]) => {
            const padded = withCircularPadding(model);
            return withChunkedAttention(padded) ?? padded;
          }
        : withChunkedAttention;
      const opening = Promise.resolve().then(() => OnnxSession.open(derivedSessionModel(this.source, variant, rewrite), graphFile(this.source)));
      opening.catch((e) => !(e instanceof TilingUnsupported) && this.sessions.get(variant) === opening && this.sessions.delete(variant));
      this.sessions.set(variant, opening);
      session = opening;
    }
    return session;
  }

  /** Why this graph cannot tile, or null when its tiled copy opens. */
  async tilingUnavailable(): Promise<string | null> {
    try {
      await this.open(true);
      return null;
    } catch (e) {
      if (e instanceof TilingUnsupported) return e.message;
      throw e;
    }
  }

  async release(): Promise<void> {
    const opened = await Promise.allSettled(this.sessions.values());
    this.sessions.clear();
    await Promise.allSettled(opened.flatMap((r) => (r.status === "fulfilled" ? [r.value.release()] : [])));
  }
}

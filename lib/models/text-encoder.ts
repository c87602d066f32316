// The CLIP text encoder: 77-token id rows in, one hidden state per token out. Clip skip > 1 runs a
// rewritten copy of the graph that also returns an earlier layer's normalised output (see
// clip-skip-graph.ts), and rows with textual-inversion vectors run a copy that takes token embeddings
// (token-embeds-graph.ts, docs/textual-inversion.md#the-text-encoder-graph); each copy is written once per model
// file and variant (derived-model.ts), or built in memory from a LoRA-patched graph (patched-graph.ts,
// docs/lora.md#patched-graphs). Rows without embeddings always run the graph without that rewrite.
import { clipSkipOutputName, withClipSkipOutput } from "@/lib/models/clip-skip-graph";
import { derivedSessionModel } from "@/lib/models/derived-model";
import { FLOAT_TYPES, INT_TYPES, requireInput, requireOutput } from "@/lib/models/graph-contract";
import { OnnxSession } from "@/lib/models/onnx-session";
import { graphFile, patchedModel, type GraphSource } from "@/lib/models/patched-graph";
import { EMBEDDED_TOKEN_ID, TOKEN_EMBEDS_INPUT, withTokenEmbedsInput } from "@/lib/models/token-embeds-graph";
import type { ModelProto } from "@/lib/onnx/proto";
import type { Tensor } from "@/lib/tensor";

/** Vectors that replace the token embeddings of row `row` from `position` on (vectors × width floats). */
export interface TokenEmbeds {
  row: number;
  position: number;
  vectors: Float32Array;
}

export class TextEncoder {
  private readonly variantSessions = new Map<string, Promise<OnnxSession>>();

  private constructor(
    private readonly source: GraphSource,
    private readonly session: OnnxSession,
  ) {}

  static async open(source: GraphSource): Promise<TextEncoder> {
    const file = graphFile(source);
    const session = await OnnxSession.open(typeof source === "string" ? source : patchedModel(source));
    requireInput(session, "input_ids", INT_TYPES);
    const out = requireOutput(session, ["last_hidden_state"]);
    if (out.type && !FLOAT_TYPES.includes(out.type)) throw new Error(`${file}: last_hidden_state is ${out.type}`);
    return new TextEncoder(source, session);
  }

  /** The own graph, or its copy with clip skip `skip` and/or the token-embeddings input. */
  private sessionFor(skip: number, embeds: boolean): Promise<OnnxSession> {
    if (skip <= 1 && !embeds) return Promise.resolve(this.session);
    const variant = [embeds ? "token-embeds" : "", skip > 1 ? `clip-skip-${skip}` : ""].filter(Boolean).join("-");
    let session = this.variantSessions.get(variant);
    if (!session) {
      // Clip skip copies the final LayerNorm onto an earlier layer; the token-embeddings Where sits before every layer.
      const rewrite = (m: ModelProto) => {
        const fed = embeds ? withTokenEmbedsInput(m) : m;
        return skip > 1 ? withClipSkipOutput(fed, skip) : fed;
      };
      session = Promise.resolve().then(() => OnnxSession.open(derivedSessionModel(this.source, variant, rewrite), graphFile(this.source)));
      session.catch(() => this.variantSessions.delete(variant));
      this.variantSessions.set(variant, session);
    }
    return session;
  }

  /**
   * ids: [batch, 77] row-major → [batch, 77, dim]: final_layer_norm(hidden_states[-clipSkip]). `embeds` put
   * textual-inversion vectors in place of token embeddings (A1111's EmbeddingsWithFixes: cut at the row's end).
   */
  async encode(ids: Int32Array, batch: number, clipSkip = 1, embeds: readonly TokenEmbeds[] = []): Promise<Tensor> {
    const tokens = ids.length / batch;
    const session = await this.sessionFor(clipSkip, embeds.length > 0);
    const feeds: Record<string, { data: Int32Array | Float32Array; shape: number[] }> = { input_ids: { data: ids, shape: [batch, tokens] } };
    if (embeds.length > 0) {
      const width = Number(session.input(TOKEN_EMBEDS_INPUT)?.shape?.[2]);
      if (!(width > 0)) throw new Error(`${graphFile(this.source)}: the token-embeddings copy declares no width for ${TOKEN_EMBEDS_INPUT}`);
      const marked = Int32Array.from(ids);
      const table = new Float32Array(batch * tokens * width);
      for (const { row, position, vectors } of embeds) {
        if (vectors.length % width !== 0) throw new Error(`an embedding of ${vectors.length} values does not fit the text encoder's width ${width}`);
        const count = Math.min(vectors.length / width, tokens - position);
        for (let k = 0; k < count; k++) marked[row * tokens + position + k] = EMBEDDED_TOKEN_ID;
        table.set(vectors.subarray(0, count * width), (row * tokens + position) * width);
      }
      feeds.input_ids = { data: marked, shape: [batch, tokens] };
      feeds[TOKEN_EMBEDS_INPUT] = { data: table, shape: [batch, tokens, width] };
    }
    const out = await session.run(feeds);
    const hidden = out[clipSkip > 1 ? clipSkipOutputName(clipSkip) : "last_hidden_state"];
    return { data: hidden.data, shape: hidden.shape };
  }

  async release(): Promise<void> {
    const extra = await Promise.allSettled(this.variantSessions.values());
    await Promise.allSettled([this.session, ...extra.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []))].map((s) => s.release()));
  }
}

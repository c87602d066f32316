// The CLIP text encoder: 77-token id rows in, one hidden state per token out. Clip skip > 1 runs a
// rewritten copy of the graph that also returns an earlier layer's normalised output (see
// clip-skip-graph.ts), written once per model and skip value (derived-model.ts); a LoRA-patched graph and its
// copies are built in memory instead (patched-graph.ts, docs/lora.md#patched-graphs).
import { clipSkipOutputName, withClipSkipOutput } from "@/lib/models/clip-skip-graph";
import { derivedSessionModel } from "@/lib/models/derived-model";
import { FLOAT_TYPES, INT_TYPES, requireInput, requireOutput } from "@/lib/models/graph-contract";
import { OnnxSession } from "@/lib/models/onnx-session";
import { graphFile, patchedModel, type GraphSource } from "@/lib/models/patched-graph";
import type { Tensor } from "@/lib/tensor";

export class TextEncoder {
  private readonly skipSessions = new Map<number, Promise<OnnxSession>>();

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

  private sessionFor(skip: number): Promise<OnnxSession> {
    let session = this.skipSessions.get(skip);
    if (!session) {
      session = Promise.resolve().then(() => OnnxSession.open(derivedSessionModel(this.source, `clip-skip-${skip}`, (m) => withClipSkipOutput(m, skip)), graphFile(this.source)));
      session.catch(() => this.skipSessions.delete(skip));
      this.skipSessions.set(skip, session);
    }
    return session;
  }

  /** ids: [batch, 77] row-major → [batch, 77, dim]: final_layer_norm(hidden_states[-clipSkip]). */
  async encode(ids: Int32Array, batch: number, clipSkip = 1): Promise<Tensor> {
    const tokens = ids.length / batch;
    const feeds = { input_ids: { data: ids, shape: [batch, tokens] } };
    const session = clipSkip > 1 ? await this.sessionFor(clipSkip) : this.session;
    const out = await session.run(feeds);
    const hidden = out[clipSkip > 1 ? clipSkipOutputName(clipSkip) : "last_hidden_state"];
    return { data: hidden.data, shape: hidden.shape };
  }

  async release(): Promise<void> {
    const extra = await Promise.allSettled(this.skipSessions.values());
    await Promise.allSettled([this.session, ...extra.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []))].map((s) => s.release()));
  }
}

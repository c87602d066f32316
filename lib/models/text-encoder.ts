// The CLIP text encoder: 77-token id rows in, one hidden state per token out. Clip skip > 1 runs a
// rewritten copy of the graph that also returns an earlier layer's normalised output (see
// clip-skip-graph.ts), written once per model and skip value (derived-model.ts).
import { clipSkipOutputName, withClipSkipOutput } from "@/lib/models/clip-skip-graph";
import { derivedModelFile } from "@/lib/models/derived-model";
import { FLOAT_TYPES, INT_TYPES, requireInput, requireOutput } from "@/lib/models/graph-contract";
import { OnnxSession } from "@/lib/models/onnx-session";
import type { Tensor } from "@/lib/tensor";

export class TextEncoder {
  private readonly skipSessions = new Map<number, Promise<OnnxSession>>();

  private constructor(
    private readonly file: string,
    private readonly session: OnnxSession,
  ) {}

  static async open(file: string): Promise<TextEncoder> {
    const session = await OnnxSession.open(file);
    requireInput(session, "input_ids", INT_TYPES);
    const out = requireOutput(session, ["last_hidden_state"]);
    if (out.type && !FLOAT_TYPES.includes(out.type)) throw new Error(`${file}: last_hidden_state is ${out.type}`);
    return new TextEncoder(file, session);
  }

  private sessionFor(skip: number): Promise<OnnxSession> {
    let session = this.skipSessions.get(skip);
    if (!session) {
      session = Promise.resolve().then(() => OnnxSession.open(derivedModelFile(this.file, `clip-skip-${skip}`, (m) => withClipSkipOutput(m, skip)), this.file));
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

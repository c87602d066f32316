// The CLIP text encoder: 77-token id rows in, one hidden state per token out. Clip skip > 1 runs a
// rewritten copy of the graph that also returns an earlier layer's normalised output (see
// clip-skip-graph.ts); the copy is written once per model and skip value under <DATA_DIR>/cache.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { onyxPaths } from "@/lib/config";
import { clipSkipOutputName, withClipSkipOutput } from "@/lib/models/clip-skip-graph";
import { FLOAT_TYPES, INT_TYPES, requireInput, requireOutput } from "@/lib/models/graph-contract";
import { OnnxSession } from "@/lib/models/onnx-session";
import { readModel } from "@/lib/onnx/read";
import { writeModel } from "@/lib/onnx/write";
import type { Tensor } from "@/lib/tensor";

/** Writes (once) the text encoder with the clip-skip output for `skip`; returns its path. */
function clipSkipModelFile(file: string, skip: number): string {
  const st = fs.statSync(file);
  const key = crypto.createHash("sha256").update(`${path.resolve(file)}:${st.size}:${st.mtimeMs}`).digest("hex").slice(0, 16);
  const out = path.join(onyxPaths().data, "cache", "text-encoder", `${key}-clip-skip-${skip}.onnx`);
  if (fs.existsSync(out)) return out;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  writeModel(tmp, withClipSkipOutput(readModel(file, { loadExternalData: true }), skip));
  fs.renameSync(tmp, out);
  return out;
}

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
      session = Promise.resolve().then(() => OnnxSession.open(clipSkipModelFile(this.file, skip)));
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

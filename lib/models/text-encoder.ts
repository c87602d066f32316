// The CLIP text encoder: 77-token id rows in, one hidden state per token out.
import { FLOAT_TYPES, INT_TYPES, requireInput, requireOutput } from "@/lib/models/graph-contract";
import { OnnxSession } from "@/lib/models/onnx-session";
import type { Tensor } from "@/lib/tensor";

export class TextEncoder {
  private constructor(private readonly session: OnnxSession) {}

  static async open(file: string): Promise<TextEncoder> {
    const session = await OnnxSession.open(file);
    requireInput(session, "input_ids", INT_TYPES);
    const out = requireOutput(session, ["last_hidden_state"]);
    if (out.type && !FLOAT_TYPES.includes(out.type)) throw new Error(`${file}: last_hidden_state is ${out.type}`);
    return new TextEncoder(session);
  }

  /** ids: [batch, 77] row-major → last_hidden_state [batch, 77, dim] (clip skip 1 = the last layer). */
  async encode(ids: Int32Array, batch: number, clipSkip = 1): Promise<Tensor> {
    if (clipSkip !== 1) throw new Error("clip skip > 1 is not supported yet");
    const tokens = ids.length / batch;
    const out = await this.session.run({ input_ids: { data: ids, shape: [batch, tokens] } });
    const hidden = out.last_hidden_state;
    return { data: hidden.data, shape: hidden.shape };
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

// ΔW = up · down · scale computed by onnxruntime (docs/lora.md#computing-the-weight-update): a one-MatMul graph run in the
// inference process, a few ns per parameter at any rank where JavaScript loops take seconds for a real UNet.
// It returns ΔW in torch's [out, n] layout and transposed ([n, out], for MatMul weights).
import { OnnxSession } from "@/lib/models/onnx-session";
import { valueInfo } from "@/lib/onnx/graph-builder";
import { AttributeType, DataType, encodeModelProto } from "@/lib/onnx/proto";
import { createModel } from "@/lib/onnx/write";
import { processSingleton } from "@/lib/process-singleton";

const state = processSingleton<{ session: Promise<OnnxSession> | null }>("loraDeltaSession", () => ({ session: null }));

function deltaGraph(): Uint8Array {
  return encodeModelProto(
    createModel({
      name: "lora_delta",
      node: [
        { opType: "MatMul", input: ["up", "down"], output: ["product"], name: "/MatMul" },
        { opType: "Mul", input: ["product", "scale"], output: ["delta"], name: "/Mul" },
        { opType: "Transpose", input: ["delta"], output: ["delta_t"], name: "/Transpose", attribute: [{ name: "perm", type: AttributeType.INTS, ints: [1, 0] }] },
      ],
      initializer: [],
      input: [valueInfo("up", DataType.FLOAT, ["out", "rank"]), valueInfo("down", DataType.FLOAT, ["rank", "n"]), valueInfo("scale", DataType.FLOAT, [])],
      output: [valueInfo("delta", DataType.FLOAT, ["out", "n"]), valueInfo("delta_t", DataType.FLOAT, ["n", "out"])],
    }),
  );
}

/** The graph is built in memory: it has no weights, and nothing is written for it. */
function deltaSession(): Promise<OnnxSession> {
  if (!state.session) {
    const opening = OnnxSession.open({ name: "lora-delta", folder: null, bytes: deltaGraph });
    opening.catch(() => state.session === opening && (state.session = null));
    state.session = opening;
  }
  return state.session;
}

/** up [out, rank], down [rank, n] (row-major) → ΔW·scale as [out, n] and [n, out]. */
export async function loraDelta(up: Float32Array, down: Float32Array, out: number, rank: number, scale: number) {
  const n = down.length / rank;
  const session = await deltaSession();
  const result = await session.run({ up: { data: up, shape: [out, rank] }, down: { data: down, shape: [rank, n] }, scale: { data: Float32Array.of(scale), shape: [] } });
  return { delta: result.delta.data, transposed: result.delta_t.data };
}

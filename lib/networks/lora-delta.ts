// ΔW = up · down · scale computed by onnxruntime (docs/lora.md#computing-the-weight-update): a one-MatMul graph run in the
// inference process, a few ns per parameter at any rank where JavaScript loops take seconds for a real UNet.
// It returns ΔW in the layout asked for: torch's [out, n], or transposed ([n, out], for MatMul weights) as
// downᵀ · upᵀ, so only the one layout needed crosses the process boundary.
import { OnnxSession } from "@/lib/models/onnx-session";
import { valueInfo } from "@/lib/onnx/graph-builder";
import { DataType, encodeModelProto } from "@/lib/onnx/proto";
import { createModel } from "@/lib/onnx/write";
import { processSingleton } from "@/lib/process-singleton";

const state = processSingleton<{ session: Promise<OnnxSession> | null }>("loraDeltaSession", () => ({ session: null }));

function deltaGraph(): Uint8Array {
  return encodeModelProto(
    createModel({
      name: "lora_delta",
      node: [
        { opType: "MatMul", input: ["a", "b"], output: ["product"], name: "/MatMul" },
        { opType: "Mul", input: ["product", "scale"], output: ["delta"], name: "/Mul" },
      ],
      initializer: [],
      input: [valueInfo("a", DataType.FLOAT, ["rows", "rank"]), valueInfo("b", DataType.FLOAT, ["rank", "cols"]), valueInfo("scale", DataType.FLOAT, [])],
      output: [valueInfo("delta", DataType.FLOAT, ["rows", "cols"])],
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

/** A row-major [rows, cols] matrix transposed. */
function transpose(m: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(m.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = m[r * cols + c];
  return t;
}

/** up [out, rank], down [rank, n] (row-major) → ΔW·scale as [out, n] ("torch") or [n, out] ("transposed"). */
export async function loraDelta(up: Float32Array, down: Float32Array, out: number, rank: number, scale: number, layout: "torch" | "transposed"): Promise<Float32Array> {
  const n = down.length / rank;
  const session = await deltaSession();
  const [a, b] = layout === "torch" ? [{ data: up, shape: [out, rank] }, { data: down, shape: [rank, n] }] : [{ data: transpose(down, rank, n), shape: [n, rank] }, { data: transpose(up, out, rank), shape: [rank, out] }];
  const result = await session.run({ a, b, scale: { data: Float32Array.of(scale), shape: [] } });
  return result.delta.data;
}

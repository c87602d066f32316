// The export-pattern blocks compute what their torch modules compute, checked against direct formulas.
import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { GraphBuilder } from "@/lib/onnx/graph-builder";
import { attention, groupNorm } from "@/lib/onnx/graph-blocks";
import { encodeModelProto, type TensorProto } from "@/lib/onnx/proto";
import { createModel } from "@/lib/onnx/write";

async function run(b: GraphBuilder, feeds: Record<string, ort.Tensor>): Promise<Float32Array> {
  const s = await ort.InferenceSession.create(encodeModelProto(createModel(b.build("t"))), { executionProviders: ["cpu"], logSeverityLevel: 3 });
  const out = await s.run(feeds);
  return out[s.outputNames[0]].data as Float32Array;
}

const values = (t: TensorProto) => new Float32Array(Uint8Array.from(t.rawData!).buffer);
const param = (b: GraphBuilder, name: string) => values(b.initializers.find((t) => t.name === name)!);

describe("graph blocks", () => {
  it("GroupNorm pattern = per-group standardisation then per-channel affine, for any spatial size", async () => {
    const [n, c, groups] = [2, 6, 3];
    const b = new GraphBuilder({ seed: 3 });
    const x = b.input("x", ["n", c, "h", "w"]);
    b.output(groupNorm(b, x, c, groups, "norm"), "y", ["n", c, "h", "w"]);
    const [h, w] = [3, 5];
    const data = Float32Array.from({ length: n * c * h * w }, (_, i) => Math.sin(i * 1.3) * (1 + (i % 7)));
    const y = await run(b, { x: new ort.Tensor("float32", data, [n, c, h, w]) });
    const gamma = param(b, "norm.weight");
    const beta = param(b, "norm.bias");
    const perGroup = (c / groups) * h * w;
    for (let i = 0; i < n * groups; i++) {
      const slice = data.subarray(i * perGroup, (i + 1) * perGroup);
      const mean = slice.reduce((a, v) => a + v, 0) / perGroup;
      const variance = slice.reduce((a, v) => a + (v - mean) ** 2, 0) / perGroup;
      slice.forEach((v, k) => {
        const channel = (((i % groups) * c) / groups) + Math.floor(k / (h * w));
        const expected = ((v - mean) / Math.sqrt(variance + 1e-5)) * gamma[channel] + beta[channel];
        expect(y[i * perGroup + k]).toBeCloseTo(expected, 4);
      });
    }
  });

  it("attention = softmax(QKᵀ/√d)V per head, on a dynamic sequence length", async () => {
    const [features, heads, seq] = [4, 2, 3];
    const b = new GraphBuilder({ seed: 5 });
    const x = b.input("x", ["batch", "seq", features]);
    b.output(attention(b, x, features, heads, "attn"), "y", ["batch", "seq", features]);
    const data = Float32Array.from({ length: seq * features }, (_, i) => Math.cos(i * 0.7));
    const y = await run(b, { x: new ort.Tensor("float32", data, [1, seq, features]) });
    const matmul = (a: Float32Array, rows: number, inner: number, m: Float32Array, cols: number) =>
      Float32Array.from({ length: rows * cols }, (_, i) => { let s = 0; for (let k = 0; k < inner; k++) s += a[Math.floor(i / cols) * inner + k] * m[k * cols + (i % cols)]; return s; });
    const [q, k, v] = ["to_q", "to_k", "to_v"].map((p) => matmul(data, seq, features, param(b, `attn.${p}.weight`), features));
    const d = features / heads;
    const merged = new Float32Array(seq * features);
    for (let head = 0; head < heads; head++) for (let i = 0; i < seq; i++) {
      const scores = Array.from({ length: seq }, (_, j) => { let s = 0; for (let e = 0; e < d; e++) s += q[i * features + head * d + e] * k[j * features + head * d + e]; return s / Math.sqrt(d); });
      const top = Math.max(...scores);
      const weights = scores.map((s) => Math.exp(s - top));
      const total = weights.reduce((a, w) => a + w, 0);
      for (let e = 0; e < d; e++) merged[i * features + head * d + e] = weights.reduce((a, w, j) => a + (w / total) * v[j * features + head * d + e], 0);
    }
    const projected = matmul(merged, seq, features, param(b, "attn.to_out.0.weight"), features);
    const bias = param(b, "attn.to_out.0.bias");
    projected.forEach((value, i) => expect(y[i]).toBeCloseTo(value + bias[i % features], 5));
  });
});

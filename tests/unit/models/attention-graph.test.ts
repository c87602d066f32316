// Query-chunked attention by graph rewrite: each attention pattern real exports use is found and
// computes the same numbers in chunks (also with a partial last chunk, a single query row, and on
// the unchunked path below the limit); look-alikes that are not row-wise attention are left alone;
// the fixture UNet and VAE decoder at 1024² give the unchunked outputs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as ort from "onnxruntime-node";
import { afterAll, describe, expect, it } from "vitest";
import { onyxPaths } from "@/lib/config";
import { ATTENTION_CHUNKING_INPUT, CHUNKED_ATTENTION_VARIANT, isAttentionProfileOutput, withChunkedAttention } from "@/lib/models/attention-graph";
import { derivedModelFile } from "@/lib/models/derived-model";
import { NEVER_CHUNK } from "@/lib/models/graph-options";
import { GraphBuilder } from "@/lib/onnx/graph-builder";
import { DataType, encodeModelProto, type ModelProto } from "@/lib/onnx/proto";
import { readModel } from "@/lib/onnx/read";
import { createModel } from "@/lib/onnx/write";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-attention-"));
const savedDataDir = process.env.DATA_DIR;
afterAll(() => {
  process.env.DATA_DIR = savedDataDir;
  fs.rmSync(scratch, { recursive: true, force: true });
});

const OPTIONS = { executionProviders: ["cpu"], logSeverityLevel: 3, graphOptimizationLevel: "all", enableMemPattern: false } as const;

async function run(model: ModelProto | string, feeds: Record<string, ort.Tensor>): Promise<Record<string, ort.Tensor>> {
  const s = typeof model === "string" ? await ort.InferenceSession.create(model, OPTIONS) : await ort.InferenceSession.create(encodeModelProto(model), OPTIONS);
  try {
    return await s.run(feeds);
  } finally {
    await s.release();
  }
}

const chunking = (limit: number, rows: number, budget = NEVER_CHUNK) => new ort.Tensor("int64", BigInt64Array.from([BigInt(limit), BigInt(rows), BigInt(budget)]), [3]);
const float = (shape: number[], seed: number) => new ort.Tensor("float32", Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(i * 0.37 + seed) * 1.5), shape);
const profiles = (out: Record<string, ort.Tensor>) => Object.keys(out).filter(isAttentionProfileOutput).sort().map((k) => Array.from(out[k].data as BigInt64Array, Number));

/** Largest difference relative to the largest magnitude of `expected`. */
function relativeError(actual: Float32Array, expected: Float32Array): number {
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
    norm = Math.max(norm, Math.abs(expected[i]));
  }
  return diff / norm;
}

/**
 * Runs the original and the rewrite, chunked in chunks of `rows` and whole, and expects the same `y`
 * within float rounding: onnxruntime's MatMul may take another kernel for another row count, and
 * does not fold a scale into a MatMul across the If that picks the path.
 */
async function expectSameInChunks(model: ModelProto, feeds: Record<string, ort.Tensor>, rows: number, expectedProfile: number[][], budget = NEVER_CHUNK) {
  const rewritten = withChunkedAttention(model);
  expect(rewritten).not.toBeNull();
  const original = (await run(model, feeds)).y.data as Float32Array;
  const chunked = await run(rewritten!, { ...feeds, [ATTENTION_CHUNKING_INPUT]: chunking(0, rows, budget) });
  const whole = await run(rewritten!, { ...feeds, [ATTENTION_CHUNKING_INPUT]: chunking(NEVER_CHUNK, rows) });
  expect(relativeError(chunked.y.data as Float32Array, original)).toBeLessThanOrEqual(1e-6);
  expect(relativeError(whole.y.data as Float32Array, original)).toBeLessThanOrEqual(1e-6);
  expect(profiles(chunked)).toEqual(expectedProfile);
  return rewritten!;
}

/** [B·H, N, D] queries against [B·H, M, D] keys and values, as diffusers' head_to_batch_dim exports them. */
function bmmAttention(scale: (b: GraphBuilder, scores: string) => string): GraphBuilder {
  const b = new GraphBuilder({ seed: 1 });
  const q = b.input("q", ["bh", "n", 4]);
  const k = b.input("k", ["bh", "m", 4]);
  const v = b.input("v", ["bh", "m", 4]);
  const scores = b.node("MatMul", [q, b.node("Transpose", [k], { perm: [0, 2, 1] })]);
  const weights = b.node("Softmax", [scale(b, scores)], { axis: -1 });
  b.output(b.node("MatMul", [weights, v]), "y", ["bh", "n", 4]);
  return b;
}

const qkv = (bh: number, n: number, m: number) => ({ q: float([bh, n, 4], 1), k: float([bh, m, 4], 2), v: float([bh, m, 4], 3) });

describe("attention patterns", () => {
  it("MatMul → Div(√d) → Softmax → MatMul: chunks of `rows` or fewer within the budget, padded last chunk, a single row", async () => {
    const model = createModel(bmmAttention((b, s) => b.node("Div", [s, b.floatConstant([2])])).build("div"));
    await expectSameInChunks(model, qkv(3, 10, 7), 3, [[3, 10, 7]]);
    await expectSameInChunks(model, qkv(3, 10, 7), 1024, [[3, 10, 7]], 3 * 7 * 2);
    await expectSameInChunks(model, qkv(3, 1, 7), 3, [[3, 1, 7]]);
  });

  it("torch's baddbmm export: MatMul → Mul(α) → Add(Mul(ConstantOfShape(0), β)); the zero matrix is dropped", async () => {
    const model = createModel(
      bmmAttention((b, s) => {
        // torch.empty(q.shape[0], q.shape[1], k.shape[1]), as diffusers' get_attention_scores builds it.
        const [q, k] = b.inputs.map((i) => b.node("Shape", [i.name]));
        const dims = b.node("Concat", [b.node("Slice", [q, b.int64Constant([0]), b.int64Constant([2])]), b.node("Slice", [k, b.int64Constant([1]), b.int64Constant([2])])], { axis: 0 });
        const empty = b.node("ConstantOfShape", [dims]);
        return b.node("Add", [b.node("Mul", [s, b.floatConstant([0.5])]), b.node("Mul", [empty, b.floatConstant([0])])]);
      }).build("baddbmm"),
    );
    const rewritten = await expectSameInChunks(model, qkv(2, 9, 9), 2, [[2, 9, 9]]);
    // The zero matrix was made in the main graph; what is left of ConstantOfShape pads the query inside the chunked branch.
    expect(rewritten.graph.node.map((n) => n.opType)).not.toContain("ConstantOfShape");
  });

  it("scaled_dot_product_attention's export: √s on Q and Kᵀ before the MatMul, 4-D heads", async () => {
    const b = new GraphBuilder({ seed: 2 });
    const q = b.input("q", ["b", 2, "n", 4]);
    const k = b.input("k", ["b", 2, "m", 4]);
    const v = b.input("v", ["b", 2, "m", 4]);
    const root = b.floatConstant([Math.sqrt(0.5)]);
    const scores = b.node("MatMul", [b.node("Mul", [q, root]), b.node("Mul", [b.node("Transpose", [k], { perm: [0, 1, 3, 2] }), root])]);
    b.output(b.node("MatMul", [b.node("Softmax", [scores], { axis: -1 }), v]), "y", ["b", 2, "n", 4]);
    await expectSameInChunks(createModel(b.build("sdpa")), { q: float([2, 2, 11, 4], 1), k: float([2, 2, 5, 4], 2), v: float([2, 2, 5, 4], 3) }, 4, [[4, 11, 5]]);
  });

  it("fp16 graphs with upcast attention: Cast up, Softmax in fp32, Cast down before the MatMul with V", async () => {
    const b = new GraphBuilder({ seed: 3, precision: "fp16" });
    const q = b.input("q", ["bh", "n", 4]);
    const k = b.input("k", ["bh", "m", 4]);
    const v = b.input("v", ["bh", "m", 4]);
    const up = (x: string) => b.node("Cast", [x], { to: DataType.FLOAT });
    const scores = b.node("MatMul", [up(q), b.node("Transpose", [up(k)], { perm: [0, 2, 1] })]);
    const weights = b.node("Cast", [b.node("Softmax", [b.node("Mul", [scores, b.node("Cast", [b.floatConstant([0.5])], { to: DataType.FLOAT })])], { axis: 2 })], { to: DataType.FLOAT16 });
    b.output(b.node("MatMul", [weights, v]), "y", ["bh", "n", 4]);
    const half = (shape: number[], seed: number) => new ort.Tensor("float16", Uint16Array.from({ length: shape.reduce((a, c) => a * c, 1) }, (_, i) => 0x3c00 + ((i * 37 + seed * 11) % 512) - 256), shape);
    const model = createModel(b.build("upcast"));
    const feeds = { q: half([2, 6, 4], 1), k: half([2, 6, 4], 2), v: half([2, 6, 4], 3) };
    const original = (await run(model, feeds)).y.data as Uint16Array;
    const chunked = (await run(withChunkedAttention(model)!, { ...feeds, [ATTENTION_CHUNKING_INPUT]: chunking(0, 4) })).y.data as Uint16Array;
    expect(Array.from(chunked)).toEqual(Array.from(original));
  });

  it("the contrib ops: MultiHeadAttention and the packed-QKV Attention", async () => {
    const mha = new GraphBuilder({ seed: 4 });
    const [q, k, v] = ["q", "k", "v"].map((n) => mha.input(n, ["b", n === "q" ? "n" : "m", 8]));
    mha.output(mha.node("MultiHeadAttention", [q, k, v], { num_heads: 2 }), "y", ["b", "n", 8]);
    const graph = mha.build("mha");
    graph.node[graph.node.length - 2].domain = "com.microsoft";
    const mhaModel = { ...createModel(graph), opsetImport: [...createModel(graph).opsetImport, { domain: "com.microsoft", version: 1 }] };
    const feeds = { q: float([2, 13, 8], 1), k: float([2, 7, 8], 2), v: float([2, 7, 8], 3) };
    const mhaOut = (await run(mhaModel, feeds)).y.data as Float32Array;
    const mhaChunked = await run(withChunkedAttention(mhaModel)!, { ...feeds, [ATTENTION_CHUNKING_INPUT]: chunking(0, 5) });
    expect(relativeError(mhaChunked.y.data as Float32Array, mhaOut)).toBeLessThanOrEqual(1e-6);
    expect(profiles(mhaChunked)).toEqual([[4, 13, 7]]);

    const packed = new GraphBuilder({ seed: 5 });
    const x = packed.input("x", ["b", "n", 8]);
    const w = packed.randomParameter("w", [8, 24], 0.3);
    const bias = packed.randomParameter("bias", [24], 0.1);
    packed.output(packed.node("Attention", [x, w, bias], { num_heads: 2 }), "y", ["b", "n", 8]);
    const pg = packed.build("packed");
    pg.node[pg.node.length - 2].domain = "com.microsoft";
    const packedModel = { ...createModel(pg), opsetImport: [...createModel(pg).opsetImport, { domain: "com.microsoft", version: 1 }] };
    const xs = { x: float([2, 9, 8], 4) };
    const expected = (await run(packedModel, xs)).y.data as Float32Array;
    const got = await run(withChunkedAttention(packedModel)!, { ...xs, [ATTENTION_CHUNKING_INPUT]: chunking(0, 2) });
    expect(relativeError(got.y.data as Float32Array, expected)).toBeLessThanOrEqual(1e-6);
    expect(profiles(got)).toEqual([[4, 9, 9]]);
  });

  it("leaves look-alikes alone: a softmax over another axis, a row-dependent mask, a softmax not followed by a MatMul", async () => {
    const otherAxis = bmmAttention((b, s) => s);
    otherAxis.nodes.find((n) => n.opType === "Softmax")!.attribute = [{ name: "axis", type: 2, i: 1 }];
    const rowMask = bmmAttention((b, s) => b.node("Add", [s, b.floatConstant(new Float32Array(10 * 7), [10, 7])]));
    const b = new GraphBuilder({ seed: 6 });
    const x = b.input("x", ["n", 4]);
    b.output(b.node("Softmax", [b.node("MatMul", [x, b.floatConstant(new Float32Array(16), [4, 4])])], { axis: -1 }), "y", ["n", 4]);
    for (const g of [otherAxis, rowMask, b]) expect(withChunkedAttention(createModel(g.build("x")))).toBeNull();
  });
});

describe("the fixture graphs", () => {
  const fixture = (part: string) => path.join(onyxPaths().models, "Stable-diffusion/onyx-tiny", part, "model.onnx");

  it("the derived copy links the UNet's external weights instead of copying them", () => {
    process.env.DATA_DIR = path.join(scratch, "data");
    const derived = derivedModelFile(fixture("unet"), CHUNKED_ATTENTION_VARIANT, withChunkedAttention);
    const weights = fs.readdirSync(path.dirname(derived)).find((f) => f.endsWith("weights.pb"))!;
    expect(fs.statSync(path.join(path.dirname(derived), weights)).ino).toBe(fs.statSync(path.join(path.dirname(fixture("unet")), "weights.pb")).ino);
    expect(readModel(derived).graph.input.map((i) => i.name)).toContain(ATTENTION_CHUNKING_INPUT);
  });

  it("UNet and VAE decoder at 1024² give their unchunked outputs within 1e-6 relative", async () => {
    const unet = { sample: float([2, 4, 128, 128], 1), timestep: new ort.Tensor("int64", BigInt64Array.from([700n, 700n]), [2]), encoder_hidden_states: float([2, 77, 64], 2) };
    const vae = { latent_sample: float([1, 4, 128, 128], 3) };
    for (const [part, feeds, name] of [["unet", unet, "out_sample"], ["vae_decoder", vae, "sample"]] as const) {
      const rewritten = withChunkedAttention(readModel(fixture(part), { loadExternalData: true }))!;
      const original = (await run(fixture(part), feeds))[name].data as Float32Array;
      const chunked = (await run(rewritten, { ...feeds, [ATTENTION_CHUNKING_INPUT]: chunking(0, 1024) }))[name].data as Float32Array;
      expect(relativeError(chunked, original)).toBeLessThanOrEqual(1e-6);
    }
  }, 180_000);
});


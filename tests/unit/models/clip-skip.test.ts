// Clip skip by graph rewrite, checked on the fixture text encoder against values derived separately:
// skip 1 must reproduce last_hidden_state exactly, skip 2 must equal LayerNorm(layer 0's output)
// computed here in JavaScript from the final LayerNorm's own weights.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as ort from "onnxruntime-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onyxPaths } from "@/lib/config";
import { clipSkipOutputName, withClipSkipOutput } from "@/lib/models/clip-skip-graph";
import { TextEncoder } from "@/lib/models/text-encoder";
import { readModel } from "@/lib/onnx/read";
import type { ModelProto } from "@/lib/onnx/proto";
import { writeModel } from "@/lib/onnx/write";

const encoderFile = () => path.join(onyxPaths().models, "Stable-diffusion/onyx-tiny/text_encoder/model.onnx");
let tmp = "";
const savedDataDir = process.env.DATA_DIR;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-clipskip-"));
});
afterAll(() => {
  process.env.DATA_DIR = savedDataDir;
  fs.rmSync(tmp, { recursive: true, force: true });
});

const ids = Int32Array.from({ length: 77 }, (_, i) => (i === 0 ? 1394 : i < 6 ? 300 + i * 7 : 1395));

async function run(model: ModelProto, outputs: string[]): Promise<Record<string, Float32Array>> {
  const file = path.join(tmp, `m-${Math.random().toString(36).slice(2)}.onnx`);
  writeModel(file, model);
  const session = await ort.InferenceSession.create(file);
  const result = await session.run({ input_ids: new ort.Tensor("int32", ids, [1, 77]) }, outputs);
  await session.release();
  return Object.fromEntries(outputs.map((o) => [o, result[o].data as Float32Array]));
}

function initializer(model: ModelProto, name: string): Float32Array {
  const t = model.graph.initializer.find((i) => i.name === name)!;
  const raw = t.rawData!;
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

describe("clip skip graph rewrite", () => {
  it("skip 1 reproduces last_hidden_state exactly", async () => {
    const model = withClipSkipOutput(readModel(encoderFile(), { loadExternalData: true }), 1);
    const out = await run(model, ["last_hidden_state", clipSkipOutputName(1)]);
    expect(Array.from(out[clipSkipOutputName(1)])).toEqual(Array.from(out.last_hidden_state));
  });

  it("skip 2 equals the final LayerNorm applied to layer 0's output", async () => {
    const base = readModel(encoderFile(), { loadExternalData: true });
    // The exporter may end with an Identity that renames the LayerNorm's result.
    let finalNorm = base.graph.node.find((n) => n.output.includes("last_hidden_state"))!;
    while (finalNorm.opType === "Identity") finalNorm = base.graph.node.find((n) => n.output.includes(finalNorm.input[0]))!;
    expect(finalNorm.opType).toBe("LayerNormalization");
    const gamma = initializer(base, finalNorm.input[1]);
    const beta = initializer(base, finalNorm.input[2]);
    const layer0 = "/text_model/encoder/layers.0/Add_1_output_0";
    const model = withClipSkipOutput(base, 2);
    model.graph.output.push({ name: layer0 });
    const out = await run(model, [layer0, clipSkipOutputName(2), "last_hidden_state"]);

    const dim = gamma.length;
    const h = out[layer0];
    const expected = new Float32Array(h.length);
    for (let t = 0; t < h.length / dim; t++) {
      const row = h.subarray(t * dim, (t + 1) * dim);
      const mean = row.reduce((a, b) => a + b, 0) / dim;
      const variance = row.reduce((a, b) => a + (b - mean) ** 2, 0) / dim;
      for (let k = 0; k < dim; k++) expected[t * dim + k] = ((row[k] - mean) / Math.sqrt(variance + 1e-5)) * gamma[k] + beta[k];
    }
    const got = out[clipSkipOutputName(2)];
    let maxError = 0;
    for (let i = 0; i < got.length; i++) maxError = Math.max(maxError, Math.abs(got[i] - expected[i]));
    expect(maxError).toBeLessThan(1e-4);
    // …and it is really a different layer's output.
    let differs = 0;
    for (let i = 0; i < got.length; i++) differs = Math.max(differs, Math.abs(got[i] - out.last_hidden_state[i]));
    expect(differs).toBeGreaterThan(0.1);
  });

  it("rejects a skip beyond the encoder's depth with a clear message", () => {
    const model = readModel(encoderFile());
    expect(() => withClipSkipOutput(model, 40)).toThrow(/clip skip 40 is out of range/);
  });

  it("TextEncoder.encode with clip skip 2 runs the rewritten copy from the cache folder", async () => {
    process.env.DATA_DIR = path.join(tmp, "data");
    const encoder = await TextEncoder.open(encoderFile());
    try {
      const skip1 = await encoder.encode(ids, 1, 1);
      const skip2 = await encoder.encode(ids, 1, 2);
      expect(skip2.shape).toEqual(skip1.shape);
      expect(Array.from(skip2.data)).not.toEqual(Array.from(skip1.data));
      expect(fs.readdirSync(path.join(tmp, "data/cache/models")).filter((f) => f.endsWith("-clip-skip-2.onnx"))).toHaveLength(1);
    } finally {
      await encoder.release();
    }
  });
});

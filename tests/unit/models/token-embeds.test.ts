// The token-embeddings rewrite of the text encoder (docs/textual-inversion.md#the-text-encoder-graph) on the
// fixture text encoder: vectors fed at marked places give exactly what a model whose token table was extended
// offline with those vectors gives for ids pointing at the new rows; with nothing marked the rewritten graph equals
// the original; and through the prompt encoder the fixture embedding's conditioning is that of its vectors, while a
// prompt without embeddings is bit-identical to before, with clip skip too.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as ort from "onnxruntime-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTempJobFolders } from "../temp-job-folders";
import { onyxPaths } from "@/lib/config";
import { loadCheckpoint } from "@/lib/models/checkpoints";
import { EMBEDDED_TOKEN_ID, TOKEN_EMBEDS_INPUT, tokenEmbeddingGather, withTokenEmbedsInput } from "@/lib/models/token-embeds-graph";
import { EmbeddingDatabase } from "@/lib/networks/embedding-database";
import { listEmbeddingFiles } from "@/lib/networks/embedding-files";
import { FIXTURE_EMBEDDING, fixtureEmbeddingVectors } from "@/lib/networks/embedding-fixtures";
import { fromFloat16 } from "@/lib/onnx/float16";
import { DataType } from "@/lib/onnx/proto";
import { readModel } from "@/lib/onnx/read";
import type { ModelProto } from "@/lib/onnx/proto";
import { writeModel } from "@/lib/onnx/write";
import { PromptEncoder } from "@/lib/pipeline/conditioning";
import { PhiloxGenerator } from "@/lib/rng/philox";

useTempJobFolders("token-embeds");
const encoderFile = () => path.join(onyxPaths().models, "Stable-diffusion/onyx-tiny/text_encoder/model.onnx");
let tmp = "";
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-token-embeds-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(model: ModelProto, feeds: Record<string, ort.Tensor>): Promise<Float32Array> {
  const file = path.join(tmp, `m-${Math.random().toString(36).slice(2)}.onnx`);
  writeModel(file, model);
  const session = await ort.InferenceSession.create(file);
  const result = await session.run(feeds, ["last_hidden_state"]);
  await session.release();
  return result.last_hidden_state.data as Float32Array;
}

const ids = Int32Array.from({ length: 77 }, (_, i) => (i === 0 ? 1394 : i < 6 ? 300 + i * 7 : 1395));
const PLACES = [2, 3];

describe("token-embeddings graph rewrite", () => {
  it("feeding vectors equals a token table extended with them offline", async () => {
    const base = readModel(encoderFile(), { loadExternalData: true });
    const { table } = tokenEmbeddingGather(base.graph);
    const [vocab, width] = table.dims.map(Number);
    const vectors = new PhiloxGenerator(7).randn(PLACES.length * width);

    const fed = Int32Array.from(ids);
    const embeds = new Float32Array(77 * width);
    PLACES.forEach((p, k) => {
      fed[p] = EMBEDDED_TOKEN_ID;
      embeds.set(vectors.subarray(k * width, (k + 1) * width), p * width);
    });
    const rewritten = await run(withTokenEmbedsInput(base), { input_ids: new ort.Tensor("int32", fed, [1, 77]), [TOKEN_EMBEDS_INPUT]: new ort.Tensor("float32", embeds, [1, 77, width]) });

    // The reference: the same graph, its table with the vectors as rows vocab, vocab + 1, and ids pointing there.
    const rows = new Float32Array(new Uint8Array(table.rawData!).buffer);
    const extended = new Float32Array((vocab + PLACES.length) * width);
    extended.set(rows);
    extended.set(vectors, vocab * width);
    const merged: ModelProto = { ...base, graph: { ...base.graph, initializer: base.graph.initializer.map((t) => (t === table ? { ...t, dims: [vocab + PLACES.length, width], rawData: new Uint8Array(extended.buffer) } : t)) } };
    const pointing = Int32Array.from(ids);
    PLACES.forEach((p, k) => (pointing[p] = vocab + k));
    const reference = await run(merged, { input_ids: new ort.Tensor("int32", pointing, [1, 77]) });
    expect(Array.from(rewritten)).toEqual(Array.from(reference));

    // Nothing marked: whatever the fed vectors, the original's output exactly.
    const untouched = await run(withTokenEmbedsInput(base), { input_ids: new ort.Tensor("int32", ids, [1, 77]), [TOKEN_EMBEDS_INPUT]: new ort.Tensor("float32", embeds, [1, 77, width]) });
    expect(Array.from(untouched)).toEqual(Array.from(await run(base, { input_ids: new ort.Tensor("int32", ids, [1, 77]) })));
  });

  it("an fp16 text encoder takes the vectors in its own dtype: its own table rows fed as vectors give the plain ids' output", async () => {
    const { model } = await loadCheckpoint("onyx-tiny-fp16");
    const { table } = tokenEmbeddingGather(readModel(model.folder.textEncoder, { loadExternalData: true }).graph);
    expect(table.dataType).toBe(DataType.FLOAT16);
    const width = Number(table.dims[1]);
    const rows = fromFloat16(new Uint16Array(new Uint8Array(table.rawData!).buffer));
    const vectors = Float32Array.from(PLACES.flatMap((p) => Array.from(rows.subarray(ids[p] * width, (ids[p] + 1) * width))));
    const plain = await model.textEncoder.encode(ids, 1);
    const fed = await model.textEncoder.encode(ids, 1, 1, [{ row: 0, position: PLACES[0], vectors }]);
    expect(Array.from(fed.data)).toEqual(Array.from(plain.data));
  });

  it("the prompt encoder feeds the fixture embedding's vectors; prompts without one are bit-identical to before", async () => {
    const { model } = await loadCheckpoint("onyx-tiny");
    const db = new EmbeddingDatabase(model.tokenizer, 64, listEmbeddingFiles(onyxPaths().embeddings));
    for (const clipSkip of [1, 2]) {
      const plain = new PromptEncoder(model, { clipSkip, emphasis: "Original", commaPaddingBacktrack: 20, embeddings: null });
      const withDb = new PromptEncoder(model, { clipSkip, emphasis: "Original", commaPaddingBacktrack: 20, embeddings: db });
      const [before] = await plain.encodeTogether(["a cat"]);
      const [after] = await withDb.encodeTogether(["a cat"]);
      expect(Array.from(after.data)).toEqual(Array.from(before.data));

      // The embedding takes 2 places: its conditioning is the text encoder's with those two token embeddings replaced.
      const [embedded] = await withDb.encodeTogether([`a ${FIXTURE_EMBEDDING}`]);
      expect(embedded.tokens).toBe(77);
      const row = Int32Array.from([model.tokenizer.bosId, model.tokenizer.encode("a")[0], 0, 0, ...Array(73).fill(model.tokenizer.eosId)]);
      const direct = await model.textEncoder.encode(row, 1, clipSkip, [{ row: 0, position: 2, vectors: fixtureEmbeddingVectors(64) }]);
      expect(Array.from(embedded.data)).toEqual(Array.from(direct.data));
      expect(Array.from(embedded.data)).not.toEqual(Array.from((await plain.encodeTogether([`a ${FIXTURE_EMBEDDING}`]))[0].data));
    }
  });
});

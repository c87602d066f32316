// What the inference process and the rewritten graph cost per UNet call at 512² (batch 2): the same
// tensors run, interleaved call by call so the machine's load hits all three alike, (a) on a bare
// session of the export in this process, (b) on a bare session of the chunked-attention graph in this
// process (its If picks the export's ops at this size), (c) through OnnxSession in the inference
// process on that graph. Medians of per-round ratios: b/a is the graph's cost, c/b the process hop's.
import path from "node:path";
import * as ort from "onnxruntime-node";
import { CHUNKED_ATTENTION_VARIANT, withChunkedAttention } from "@/lib/models/attention-graph";
import { derivedModelFile } from "@/lib/models/derived-model";
import { attentionChunking, attentionFeeds } from "@/lib/models/graph-options";
import { loadCheckpoint } from "@/lib/models/checkpoints";
import { OnnxSession, sessionOptions, type Feed } from "@/lib/models/onnx-session";
import { availableMemory } from "@/lib/admission/available-memory";
import { defaultOptions } from "@/lib/settings/options";

const ROUNDS = 25;

export async function benchProcessHop(): Promise<Record<string, number>> {
  const { model } = await loadCheckpoint("onyx-tiny");
  const file = path.join(model.folder.dir, "unet/model.onnx");
  const derived = derivedModelFile(file, CHUNKED_ATTENTION_VARIANT, withChunkedAttention);
  const options = sessionOptions();
  const [bare, bareDerived] = [await ort.InferenceSession.create(file, options), await ort.InferenceSession.create(derived, options)];
  const hopped = await OnnxSession.open(derived, file);
  const n = 2 * 4 * 64 * 64;
  const sample = Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37));
  const context = Float32Array.from({ length: 2 * 77 * 64 }, (_, i) => Math.cos(i * 0.05));
  const feeds: Record<string, Feed> = {
    sample: { data: sample, shape: [2, 4, 64, 64] },
    timestep: { data: [500, 500], shape: [2] },
    encoder_hidden_states: { data: context, shape: [2, 77, 64] },
    ...attentionFeeds(hopped, attentionChunking(defaultOptions(), availableMemory())),
  };
  const ortFeeds = (withChunking: boolean): Record<string, ort.Tensor> => {
    const out: Record<string, ort.Tensor> = {
      sample: new ort.Tensor("float32", sample, [2, 4, 64, 64]),
      timestep: new ort.Tensor("int64", BigInt64Array.from([500n, 500n]), [2]),
      encoder_hidden_states: new ort.Tensor("float32", context, [2, 77, 64]),
    };
    const chunking = feeds.onyx_attention_chunking;
    if (withChunking && chunking) out.onyx_attention_chunking = new ort.Tensor("int64", BigInt64Array.from(chunking.data as readonly number[], (v) => BigInt(v)), [3]);
    return out;
  };
  const time = async (call: () => Promise<unknown>) => {
    const start = performance.now();
    await call();
    return performance.now() - start;
  };
  const rounds: Array<{ a: number; b: number; c: number }> = [];
  try {
    for (let i = 0; i < ROUNDS + 2; i++) {
      const a = await time(() => bare.run(ortFeeds(false)));
      const b = await time(() => bareDerived.run(ortFeeds(true)));
      const c = await time(() => hopped.run(feeds));
      if (i >= 2) rounds.push({ a, b, c }); // the first rounds size the arenas
    }
  } finally {
    await Promise.all([bare.release(), bareDerived.release(), hopped.release()]);
  }
  const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)];
  return {
    rounds: ROUNDS,
    bareExportMsPerCall: median(rounds.map((r) => r.a)),
    bareChunkedGraphMsPerCall: median(rounds.map((r) => r.b)),
    inferenceProcessMsPerCall: median(rounds.map((r) => r.c)),
    chunkedGraphOverExport: median(rounds.map((r) => r.b / r.a)),
    processHopOverInProcess: median(rounds.map((r) => r.c / r.b)),
    processHopMsPerCall: median(rounds.map((r) => r.c - r.b)),
  };
}

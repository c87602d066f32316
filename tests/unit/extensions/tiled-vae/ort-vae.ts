// Test harness: a VAE half cut by the extension's rewrites, run on bare onnxruntime sessions in a temp folder.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as ort from "onnxruntime-node";
import { afterLastResamplingSegment, frozenAfter, frozenModel, planSegments, segmentRangeModel, firstResamplingSegment, syncSegmentModel } from "@/extensions/tiled-vae/groupnorm-graph";
import { partMemory } from "@/extensions/tiled-vae/graph-memory";
import type { CutVae, Feeds, HeldFeeds } from "@/extensions/tiled-vae/tiled-run";
import type { VaeSide } from "@/extensions/tiled-vae/split";
import { ATTENTION_CHUNKING_INPUT, isAttentionProfileOutput, withChunkedAttention } from "@/lib/models/attention-graph";
import type { AttentionChunking } from "@/lib/models/graph-options";
import { scoreBytes } from "@/lib/models/memory-profile";
import type { ModelProto } from "@/lib/onnx/proto";
import { writeModel } from "@/lib/onnx/write";
import type { Tensor } from "@/lib/tensor";
import type { Feed } from "@/lib/models/onnx-session";
import { fromFloat16, toFloat16 } from "@/lib/onnx/float16";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-tiled-vae-"));
process.on("exit", () => fs.rmSync(scratch, { recursive: true, force: true }));
let count = 0;

export async function session(model: ModelProto): Promise<ort.InferenceSession> {
  const file = path.join(scratch, `m${count++}.onnx`);
  writeModel(file, model, { externalData: `${path.basename(file)}.weights` });
  return ort.InferenceSession.create(file, { logSeverityLevel: 3 });
}

/**
 * Runs `s` on float32 feeds; a graph with chunked attention (attention-graph.ts) gets `chunking` too, as
 * `openDerived(…, { chunkedAttention: true })` feeds it, and its profile outputs are dropped.
 */
export async function run(s: ort.InferenceSession, feeds: Feeds | HeldFeeds, chunking?: AttentionChunking): Promise<Feeds> {
  // As the model service converts: float32 data to the declared float16 or int64 type.
  const declared = new Map(s.inputMetadata.map((m) => [m.name, m.isTensor ? m.type : null]));
  const tensor = (name: string, t: Feed) => {
    const type = declared.get(name);
    if (type === "int64") return new ort.Tensor("int64", BigInt64Array.from(Array.from(t.data as ArrayLike<number>), (v) => BigInt(v)), t.shape);
    if (type === "float16") return new ort.Tensor("float16", toFloat16(Float32Array.from(t.data as ArrayLike<number>)), t.shape);
    return new ort.Tensor("float32", t.data as Float32Array, t.shape);
  };
  const input: Record<string, ort.Tensor> = Object.fromEntries(Object.entries(feeds).map(([k, t]) => [k, tensor(k, t as Feed)]));
  if (s.inputNames.includes(ATTENTION_CHUNKING_INPUT)) {
    if (!chunking) throw new Error("a graph with chunked attention needs a chunking");
    input[ATTENTION_CHUNKING_INPUT] = new ort.Tensor("int64", BigInt64Array.from([chunking.limit, chunking.rows, chunking.budget].map(BigInt)), [3]);
  }
  const out = await s.run(input);
  const float32 = (t: ort.Tensor) => (t.type === "float16" ? fromFloat16(t.data as Uint16Array) : t.type === "float32" ? (t.data as Float32Array) : Float32Array.from(t.data as ArrayLike<number | bigint>, Number));
  return Object.fromEntries(Object.entries(out).filter(([k]) => !isAttentionProfileOutput(k)).map(([k, t]) => [k, { data: float32(t), shape: [...t.dims] }]));
}

/** `model` with its attentions chunked (the rewrite `openDerived` applies with `chunkedAttention`). */
export const chunked = (model: ModelProto): ModelProto => withChunkedAttention(model) ?? model;

/**
 * The cut VAE; with `chunking`, every piece's attention computed in query chunks under it. `latentTo` moves the
 * end of the decoder's whole latent-resolution part (default: its first upsampling).
 */
export async function cutVae(model: ModelProto, side: VaeSide, chunking?: AttentionChunking, latentTo?: number): Promise<CutVae & { calls: number[] }> {
  const plan = planSegments(model);
  const rewrite = chunking ? chunked : (m: ModelProto) => m;
  // Each synchronised segment variant opened when first run, as openDerived does.
  const segments = new Map<string, Promise<ort.InferenceSession>>();
  const segment = (k: number, entering: boolean, half: boolean) => {
    const key = `${k}:${entering}:${half}`;
    if (!segments.has(key)) segments.set(key, session(rewrite(syncSegmentModel(model, plan, k, { entering, half }))));
    return segments.get(key)!;
  };
  const frozen = await session(rewrite(frozenModel(model)));
  const resampling = firstResamplingSegment(model, plan);
  const latentResolution = side === "decoder" ? { from: 0, to: latentTo ?? resampling } : { from: afterLastResamplingSegment(model, plan), to: plan.segments.length };
  const latentPart = await session(rewrite(segmentRangeModel(model, plan, latentResolution.from, latentResolution.to)));
  const frozenAfterPart = side === "decoder" ? await session(rewrite(frozenAfter(model, plan, latentResolution.to))) : null;
  const calls = plan.segments.map(() => 0);
  return {
    side,
    plan,
    input: model.graph.input[0].name,
    output: model.graph.output[0].name,
    fullResolutionSites: resampling,
    latentResolution,
    memory: partMemory(model, plan, side, latentResolution.from, latentResolution.to),
    // Unchunked, an attention's scores and softmax are whole.
    scoreBytes: (l, n, m) => (chunking ? scoreBytes(l, n, m, chunking) : 2 * 4 * l * n * m),
    // Nothing is resident here: kept tensors come back as data, and there is nothing to free.
    runSyncSegment: async (k, feeds, { entering, half }) => (calls[k]++, run(await segment(k, entering, half), feeds, chunking)),
    free: async () => {},
    releaseSegment: async () => {},
    runLatentPart: (feeds) => run(latentPart, feeds, chunking),
    runFrozen: (feeds) => run(frozen, feeds, chunking),
    runFrozenAfterLatentPart: (feeds) => run(frozenAfterPart!, feeds, chunking),
    calls,
  };
}

/** Smooth field plus a little noise, or plain noise, [1, c, h, w]. */
export function testInput(c: number, h: number, w: number, kind: "smooth" | "noise", amplitude = 1): Tensor {
  const data = new Float32Array(c * h * w);
  let s = 12345;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  for (let ch = 0; ch < c; ch++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const smooth = Math.sin((x / w) * 3 + ch) * Math.cos((y / h) * 2 - ch) * 0.8;
        data[(ch * h + y) * w + x] = amplitude * (kind === "smooth" ? smooth + 0.05 * rand() : rand());
      }
  return { data, shape: [1, c, h, w] };
}

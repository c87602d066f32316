// How much memory one UNet or VAE call takes, measured on the model itself (docs/memory.md#the-estimate). Right
// after a session is created, two probe runs at small sizes give (a) the peak resident memory above
// the idle process, whose growth with batch × latent pixels is the activations' cost, and (b) each
// attention's score sizes [L, N, M] (the rewritten graph returns them), whose growth between the
// probes says how each follows the batch, the picture and the prompt length. A call's estimate is
// then activations + its largest attention's score matrices (two: the scores and their softmax), as
// the job's chunking computes them. Measured once per model file and kept under
// <DATA_DIR>/cache/memory.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { onyxPaths } from "@/lib/config";
import { isAttentionProfileOutput } from "@/lib/models/attention-graph";
import type { AttentionChunking } from "@/lib/models/graph-options";
import type { CallMemory } from "@/lib/models/inference-process";
import type { OutputTensor } from "@/lib/models/onnx-session";

/** A call's size: batch entries, latent pixels (h·w) per entry, prompt tokens (UNet cross-attention). */
export interface CallShape {
  batch: number;
  pixels: number;
  context: number;
}

/** value × (batch ratio)^batch × (pixel ratio)^pixels × (context ratio)^context, relative to the first probe. */
export interface ScalingLaw {
  value: number;
  batch: 0 | 1;
  pixels: 0 | 1;
  context: 0 | 1;
}

export interface AttentionLaw {
  /** batch × heads, query rows, keys. */
  l: ScalingLaw;
  n: ScalingLaw;
  m: ScalingLaw;
}

export interface ComponentMemory {
  /** Peak bytes above the idle inference process: base + perPixel × batch × pixels, besides attention. */
  base: number;
  perPixel: number;
  attention: AttentionLaw[];
}

/**
 * The two probes. Every product of their ratios (batch ×2, pixels ×4, context ×3) is distinct, so
 * each dimension's dependence reads off its own ratio.
 */
export const PROBES: readonly [CallShape, CallShape] = [
  { batch: 1, pixels: 16 * 16, context: 77 },
  { batch: 2, pixels: 32 * 32, context: 231 },
];

/** Probes run with every attention in small chunks, so their memory is nearly all activations. */
export const PROBE_CHUNKING: AttentionChunking = { limit: 0, rows: 16, budget: 2 ** 62 };

const SCORE_BYTES = 4;
const CACHE_VERSION = 5;

function lawFrom(first: number, second: number): ScalingLaw {
  const ratio = second / first;
  const [p0, p1] = PROBES;
  const factors = { batch: p1.batch / p0.batch, pixels: p1.pixels / p0.pixels, context: p1.context / p0.context };
  let best: ScalingLaw = { value: first, batch: 0, pixels: 0, context: 0 };
  let bestError = Infinity;
  for (const batch of [0, 1] as const)
    for (const pixels of [0, 1] as const)
      for (const context of [0, 1] as const) {
        const predicted = factors.batch ** batch * factors.pixels ** pixels * factors.context ** context;
        const error = Math.abs(Math.log(ratio / predicted));
        if (error < bestError) [best, bestError] = [{ value: first, batch, pixels, context }, error];
      }
  return best;
}

function evaluateLaw(law: ScalingLaw, shape: CallShape): number {
  const [p0] = PROBES;
  return law.value * (shape.batch / p0.batch) ** law.batch * (shape.pixels / p0.pixels) ** law.pixels * (shape.context / p0.context) ** law.context;
}

/** Query rows per chunk as the rewritten graph computes them (attention-graph.ts). */
function chunkRows(l: number, n: number, m: number, chunking: AttentionChunking): number {
  if (l * n * m <= chunking.limit) return n;
  const first = Math.max(1, Math.min(chunking.rows, Math.floor(chunking.budget / (l * m))));
  return Math.ceil(n / Math.ceil(n / first));
}

/** Bytes of one attention's two score matrices (scores and softmax) of [L, N, M] as `chunking` computes them. */
export function scoreBytes(l: number, n: number, m: number, chunking: AttentionChunking): number {
  return 2 * SCORE_BYTES * l * chunkRows(l, n, m, chunking) * m;
}

/** Bytes of the largest attention's two score matrices (scores and softmax) for one call. */
export function attentionBytes(laws: readonly AttentionLaw[], shape: CallShape, chunking: AttentionChunking): number {
  let most = 0;
  for (const a of laws) most = Math.max(most, scoreBytes(evaluateLaw(a.l, shape), evaluateLaw(a.n, shape), evaluateLaw(a.m, shape), chunking));
  return most;
}

/** Estimated peak bytes of one call above the idle inference process. */
export function callPeak(memory: ComponentMemory, shape: CallShape, chunking: AttentionChunking): number {
  return memory.base + memory.perPixel * shape.batch * shape.pixels + attentionBytes(memory.attention, shape, chunking);
}

/** Each attention's [L, N, M] from a run's profile outputs, in attention order. */
function attentionSizes(outputs: Record<string, OutputTensor>): number[][] {
  const index = (name: string) => Number(name.slice(name.lastIndexOf("_") + 1));
  return Object.keys(outputs)
    .filter(isAttentionProfileOutput)
    .sort((a, b) => index(a) - index(b))
    .map((k) => Array.from(outputs[k].data));
}

export type ProbeRun = (shape: CallShape) => Promise<{ outputs: Record<string, OutputTensor>; memory: CallMemory }>;

/** Runs the probes on a session nothing has run on yet and fits the component's memory figures. */
export async function measureComponent(probe: ProbeRun): Promise<ComponentMemory> {
  const first = await probe(PROBES[0]);
  const second = await probe(PROBES[1]);
  const idle = first.memory.rssBefore;
  const [s0, s1] = [attentionSizes(first.outputs), attentionSizes(second.outputs)];
  const attention = s0.map((a, i): AttentionLaw => ({ l: lawFrom(a[0], s1[i][0]), n: lawFrom(a[1], s1[i][1]), m: lawFrom(a[2], s1[i][2]) }));
  const activations = [first, second].map((r, i) => r.memory.peakRss - idle - attentionBytes(attention, PROBES[i], PROBE_CHUNKING));
  const units = PROBES.map((p) => p.batch * p.pixels);
  const perPixel = Math.max(0, (activations[1] - activations[0]) / (units[1] - units[0]));
  return { base: Math.max(0, activations[0] - perPixel * units[0]), perPixel, attention };
}

/** The figures for `file` from the cache, or measured now (on a session nothing has run on yet) and cached. */
export async function componentMemory(file: string, measure: () => Promise<ComponentMemory>): Promise<ComponentMemory> {
  const st = fs.statSync(file);
  const key = crypto.createHash("sha256").update(`${CACHE_VERSION}:${path.resolve(file)}:${st.size}:${st.mtimeMs}`).digest("hex").slice(0, 16);
  const cached = path.join(onyxPaths().data, "cache", "memory", `${key}.json`);
  try {
    return JSON.parse(fs.readFileSync(cached, "utf8")) as ComponentMemory;
  } catch {
    // not measured yet (or unreadable): measure
  }
  const measured = await measure();
  fs.mkdirSync(path.dirname(cached), { recursive: true });
  fs.writeFileSync(`${cached}.${process.pid}.tmp`, JSON.stringify(measured));
  fs.renameSync(`${cached}.${process.pid}.tmp`, cached);
  return measured;
}

/** Deterministic, varied values for probe inputs (zeros could take shortcuts real inputs do not). */
export function probeTensor(shape: number[]): { data: Float32Array; shape: number[] } {
  return { data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(i * 0.37)), shape };
}

/** The side of the square latent a probe runs at. */
export const probeSide = (shape: CallShape) => Math.round(Math.sqrt(shape.pixels));

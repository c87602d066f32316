// The loaded model's VAE halves as CutVae: the cut is planned once per graph file (the plan is cheap to keep;
// the segment and frozen graphs are written once and cached on disk by `openDerived`, like Onyx's own
// clip-skip and tiling copies) and each piece runs in the inference worker, its attention (the mid block's, run
// over the whole latent) computed in query chunks under the job's chunking (docs/tiled-vae.md#memory).
import fs from "node:fs";
import { readModel, type ModelService, type Tensor } from "@onyx/sdk";
import { afterLastResamplingSegment, firstResamplingSegment, frozenModel, planSegments, segmentModel, type SegmentPlan } from "./groupnorm-graph";
import type { CutVae, Feeds } from "./tiled-run";
import type { VaeSide } from "./split";

/** Bumped whenever the rewrites change, so copies cached by an older version are never used. */
const REWRITE_VERSION = 2;

interface PlannedCut {
  plan: SegmentPlan;
  /** First segment that changes resolution, and the one after the last. */
  resampling: [number, number];
  /** Whether the latent-resolution segments of the decoder / encoder hold an attention (a Softmax). */
  latentAttention: { decoder: boolean; encoder: boolean };
  input: string;
  output: string;
}

const CHUNKED = { chunkedAttention: true };

const planned = new Map<string, PlannedCut | null>();

function planFor(file: string): PlannedCut | null {
  const st = fs.statSync(file);
  const key = `${file}:${st.size}:${st.mtimeMs}`;
  if (!planned.has(key)) {
    const model = readModel(file, { loadExternalData: true });
    const plan = planSegments(model);
    const resampling: [number, number] = [firstResamplingSegment(model, plan), afterLastResamplingSegment(model, plan)];
    const softmaxIn = (from: number, to: number) => plan.segments.slice(from, to).some((s) => s.nodes.some((i) => model.graph.node[i].opType === "Softmax"));
    const latentAttention = { decoder: softmaxIn(0, resampling[0]), encoder: softmaxIn(resampling[1], plan.segments.length) };
    planned.set(key, plan.sites.length === 0 ? null : { plan, resampling, latentAttention, input: model.graph.input[0].name, output: model.graph.output[0].name });
  }
  return planned.get(key)!;
}

const toFeeds = (out: Record<string, { data: Float32Array; shape: number[] }>): Feeds =>
  Object.fromEntries(Object.entries(out).map(([name, t]): [string, Tensor] => [name, { data: t.data, shape: t.shape }]));

/**
 * Whether the model's decoder or encoder can be cut (null: it runs untiled) and whether its latent-resolution part
 * has an attention, which runs over the whole latent (memory-plan.ts).
 */
export function cutInfo(model: Pick<ModelService, "files">, side: VaeSide): { latentAttention: boolean } | null {
  const file = model.files[side === "decoder" ? "vaeDecoder" : "vaeEncoder"];
  const cut = file ? planFor(file) : null;
  return cut && { latentAttention: cut.latentAttention[side] };
}

/** The model's decoder or encoder cut at its GroupNorms; null when it has none that can be recognised. */
export function openCutVae(model: ModelService, side: VaeSide): CutVae | null {
  const graph = side === "decoder" ? "vaeDecoder" : "vaeEncoder";
  const file = model.files[graph];
  if (!file) return null;
  const cut = planFor(file);
  if (!cut) return null;
  const variant = (name: string) => `tiled-vae-v${REWRITE_VERSION}-${name}`;
  return {
    side,
    plan: cut.plan,
    input: cut.input,
    output: cut.output,
    fullResolutionSites: cut.resampling[0],
    latentResolution: side === "decoder" ? { from: 0, to: cut.resampling[0] } : { from: cut.resampling[1], to: cut.plan.segments.length },
    async runSegment(k, feeds) {
      const session = await model.openDerived(graph, variant(`segment-${k}`), (m) => segmentModel(m, planSegments(m), k), undefined, CHUNKED);
      return toFeeds(await session.run(feeds));
    },
    async runFrozen(feeds) {
      const session = await model.openDerived(graph, variant("frozen"), (m) => frozenModel(m), undefined, CHUNKED);
      return toFeeds(await session.run(feeds));
    },
  };
}

// The loaded model's VAE halves as CutVae: the cut is planned once per graph file (the plan is cheap to keep;
// the segment and frozen graphs are written once and cached on disk by `openDerived`, like Onyx's own
// clip-skip and tiling copies) and each piece runs in the inference worker, its attention (the mid block's, run
// over the whole latent) computed in query chunks under the job's chunking (docs/tiled-vae.md#memory).
import fs from "node:fs";
import { readModel, type ModelService, type OnnxModel, type Tensor } from "@onyx/sdk";
import { afterLastResamplingSegment, firstResamplingSegment, frozenAfter, frozenModel, momentOutputs, planSegments, segmentRangeModel, syncSegmentModel, type SegmentPlan } from "./groupnorm-graph";
import { partMemory } from "./graph-memory";
import type { PartMemory } from "./memory-plan";
import type { CutVae, Feeds } from "./tiled-run";
import type { VaeSide } from "./split";

/** Bumped whenever the rewrites change, so copies cached by an older version are never used. */
const REWRITE_VERSION = 3;

interface PlannedCut {
  plan: SegmentPlan;
  /** First segment that changes resolution, and the one after the last. */
  resampling: [number, number];
  /** What the estimate needs of the decoder's / encoder's graph (graph-memory.ts). */
  memory: { decoder: PartMemory; encoder: PartMemory };
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
    const memory = { decoder: partMemory(model, plan, "decoder", 0, resampling[0]), encoder: partMemory(model, plan, "encoder", resampling[1], plan.segments.length) };
    planned.set(key, plan.sites.length === 0 ? null : { plan, resampling, memory, input: model.graph.input[0].name, output: model.graph.output[0].name });
  }
  return planned.get(key)!;
}

const toFeeds = (out: Record<string, { data: Float32Array; shape: number[] }>): Feeds =>
  Object.fromEntries(Object.entries(out).map(([name, t]): [string, Tensor] => [name, { data: t.data, shape: t.shape }]));

/**
 * Whether the model's decoder or encoder can be cut (null: it runs untiled), and what its latent-resolution part,
 * which runs over the whole latent, and its tiles hold (memory-plan.ts).
 */
export function cutInfo(model: Pick<ModelService, "files">, side: VaeSide): PartMemory | null {
  const file = model.files[side === "decoder" ? "vaeDecoder" : "vaeEncoder"];
  const cut = file ? planFor(file) : null;
  return cut && cut.memory[side];
}

/** The model's decoder or encoder cut at its GroupNorms; null when it has none that can be recognised. */
export function openCutVae(model: ModelService, side: VaeSide): CutVae | null {
  const graph = side === "decoder" ? "vaeDecoder" : "vaeEncoder";
  const file = model.files[graph];
  if (!file) return null;
  const cut = planFor(file);
  if (!cut) return null;
  const variant = (name: string) => `tiled-vae-v${REWRITE_VERSION}-${name}`;
  let keeper: OnnxModel | null = null;
  const syncSegment = (k: number, entering: boolean, half: boolean) =>
    model.openDerived(graph, variant(`sync-segment-${k}${entering ? "-entering" : ""}${half ? "-half" : ""}`), (m) => syncSegmentModel(m, planSegments(m), k, { entering, half }), undefined, CHUNKED);
  const latentResolution = side === "decoder" ? { from: 0, to: cut.resampling[0] } : { from: cut.resampling[1], to: cut.plan.segments.length };
  return {
    side,
    plan: cut.plan,
    input: cut.input,
    output: cut.output,
    fullResolutionSites: cut.resampling[0],
    latentResolution,
    memory: cut.memory[side],
    scoreBytes: (l, n, m) => model.attentionScoreBytes(l, n, m),
    async runLatentPart(feeds) {
      const session = await model.openDerived(graph, variant("latent-part"), (m) => segmentRangeModel(m, planSegments(m), latentResolution.from, latentResolution.to), undefined, CHUNKED);
      return toFeeds(await session.run(feeds));
    },
    async runSyncSegment(k, feeds, { entering, keep, half }) {
      const session = await syncSegment(k, entering, half);
      // Kept: the cut tensors, for the tile's next segment; the moments and the graph's outputs come back as data.
      const moments = k < cut.plan.sites.length ? Object.values(momentOutputs(k)) : [];
      const kept = keep ? cut.plan.segments[k].outputs.filter((o) => !moments.includes(o)) : [];
      keeper = session;
      const { outputs, kept: resident } = await session.runKeeping(feeds, kept);
      return { ...toFeeds(outputs), ...resident };
    },
    releaseSegment: async (k, { entering, half }) => (await syncSegment(k, entering, half)).unload(),
    // Only the segments keep tensors, so one of their sessions has been opened before anything needs freeing.
    free: async (tensors) => void (tensors.length > 0 && (await keeper!.free(tensors))),
    async runFrozen(feeds) {
      const session = await model.openDerived(graph, variant("frozen"), (m) => frozenModel(m), undefined, CHUNKED);
      return toFeeds(await session.run(feeds));
    },
    async runFrozenAfterLatentPart(feeds) {
      const session = await model.openDerived(graph, variant("frozen-after-latent-part"), (m) => frozenAfter(m, planSegments(m), latentResolution.to), undefined, CHUNKED);
      return toFeeds(await session.run(feeds));
    },
  };
}

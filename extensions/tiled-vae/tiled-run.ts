// Running a VAE half over tiles (docs/tiled-vae.md#modes). Synchronised: segment by segment over every tile,
// each GroupNorm's statistics pooled over all tiles before any tile goes on. Fast: statistics estimated once on
// a downsampled copy, then each tile runs the whole graph with them, independently of the others.
import { isResident, type Feed, type ResidentTensor, type Tensor } from "@onyx/sdk";
import type { SegmentPlan } from "./groupnorm-graph";
import { CORE_INPUTS, momentOutputs, statInputs, syncSegmentInputs } from "./groupnorm-graph";
import { latentPartRunsWhole, type PartMemory, type ScoreBytes } from "./memory-plan";
import { TILE_PADDING, type Box, type TileSplit, type VaeSide } from "./split";
import { hasNaN, normalise, poolMoments, statsOf, type GroupStats, type Moments } from "./statistics";

export type Feeds = Record<string, Tensor>;
/** A tile's tensor: data here, or resident in the inference process (kept by a synchronised segment). */
export type Held = Feed | ResidentTensor;
export type HeldFeeds = Record<string, Held>;

/** A VAE half cut at its GroupNorms, with ways to run its pieces. */
export interface CutVae {
  side: VaeSide;
  plan: SegmentPlan;
  /** The graph's image/latent input and its result output. */
  input: string;
  output: string;
  /** Sites before the first downsampling (the encoder's full-resolution level; colour fix). */
  fullResolutionSites: number;
  /**
   * The segments [from, to) that run at latent resolution next to the graph's latent end: the decoder's first ones
   * (conv_in, mid block, deepest up level: from 0 to its first upsampling), the encoder's last ones (after its last
   * downsampling: mid block, norm_out, conv_out).
   */
  latentResolution: { from: number; to: number };
  /** What the latent-resolution part and a tile hold (graph-memory.ts), for fast mode's choice (memory-plan.ts). */
  memory: PartMemory;
  /** An attention's score bytes under the job's chunking (ModelService.attentionScoreBytes). */
  scoreBytes: ScoreBytes;
  /**
   * Synchronised segment k on one tile (syncSegmentModel), fed what syncSegmentInputs names: with `keep` its cut
   * tensors stay resident for the tile's next segment, else they come back as data; site k's moments over the
   * core always come back. `half`: the cut tensors are float16.
   */
  runSyncSegment(k: number, feeds: HeldFeeds, options: { entering: boolean; keep: boolean; half: boolean }): Promise<HeldFeeds>;
  /** Frees resident tensors runSyncSegment kept. */
  free(tensors: readonly ResidentTensor[]): Promise<void>;
  /**
   * Hands back the memory arena of segment k's session (this variant), once every tile has run it: each session
   * keeps an arena as large as its largest run, and thirty of them at a padded tile of SD's channels would hold
   * about 19 GB (docs/tiled-vae.md#memory).
   */
  releaseSegment(k: number, options: { entering: boolean; half: boolean }): Promise<void>;
  /**
   * The latent-resolution segments as one graph with their own GroupNorms, run over the whole latent (exact
   * statistics): it takes what segment `from` takes and returns what segment `to` takes (or the graph's output).
   */
  runLatentPart(feeds: Feeds): Promise<Feeds>;
  /** The whole graph with every GroupNorm's statistics as inputs (frozenModel). */
  runFrozen(feeds: Feeds): Promise<Feeds>;
  /**
   * The decoder's frozen graph after its latent-resolution part: it takes what segment `latentResolution.to` takes
   * and the statistics of the sites from there on, and returns the graph's output.
   */
  runFrozenAfterLatentPart(feeds: Feeds): Promise<Feeds>;
}

export interface TileRunOptions {
  /** Checked between tiles; true stops the run (the result is then null). */
  shouldStop?: () => boolean;
  /** Called as each tile is finished (progress). */
  step?: () => void;
  /** Statistics that replace the pooled ones at these sites (fast encoder's colour fix). */
  frozen?: Map<number, GroupStats>;
  /** Run the latent-resolution segments over the whole latent (the mid block's self-attention sees all of it). */
  wholeLatentResolution?: boolean;
  /**
   * Synchronised mode: keep the tiles' activations as float16 while other tiles run (half the parked memory; each
   * value rounded to 11 significant bits, docs/tiled-vae.md#modes).
   */
  parkHalf?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Tensor regions

export function cropTensor(t: Tensor, [x1, x2, y1, y2]: Box): Tensor {
  const [b, c, h, w] = t.shape;
  const [ch, cw] = [y2 - y1, x2 - x1];
  const out = new Float32Array(b * c * ch * cw);
  for (let p = 0; p < b * c; p++) {
    for (let y = 0; y < ch; y++) out.set(t.data.subarray(p * h * w + (y1 + y) * w + x1, p * h * w + (y1 + y) * w + x2), (p * ch + y) * cw);
  }
  return { data: out, shape: [b, c, ch, cw] };
}

function pasteTensor(target: Tensor, source: Tensor, x0: number, y0: number): void {
  const [b, c, h, w] = target.shape;
  const [, , sh, sw] = source.shape;
  for (let p = 0; p < b * c; p++) {
    for (let y = 0; y < sh; y++) target.data.set(source.data.subarray((p * sh + y) * sw, (p * sh + y + 1) * sw), p * h * w + (y0 + y) * w + x0);
  }
}

/** A box in one resolution at another one `factor` times as fine. */
const scaleBox = (box: Box, factor: number): Box => box.map((v) => Math.round(v * factor)) as Box;

/** The factor from the input's pixels to the output's (8 for the decoder, 1/8 for the encoder). */
const outputFactor = (side: VaeSide) => (side === "decoder" ? 8 : 1 / 8);

/** A tile's core (its output region, in input pixels) in its own coordinates at a tensor's resolution. */
function coreIn(tile: { input: Box; output: Box }, t: Tensor, side: VaeSide): Box {
  const [x1, , y1] = tile.input;
  const core = scaleBox(tile.output, 1 / outputFactor(side));
  const factor = t.shape[3] / (tile.input[1] - tile.input[0]);
  const local: Box = [core[0] - x1, core[1] - x1, core[2] - y1, core[3] - y1];
  return scaleBox(local, factor);
}

/** Visiting order of the tiles at pass k: forwards, backwards, forwards… so the turning tile runs twice in a row. */
export function zigzag(count: number, pass: number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  return pass % 2 === 0 ? order : order.reverse();
}

// ---------------------------------------------------------------------------------------------
// Synchronised mode

interface TileState {
  tile: { input: Box; output: Box };
  /** The tile's tensors: data, or resident where the segments run while the tile waits for the others. */
  tensors: HeldFeeds;
}

/** A tensor the run returned as data (the last segment's, and those it was not asked to keep). */
function dataOf(t: Held | undefined, name: string): Tensor {
  if (!t || isResident(t)) throw new Error(`Tiled VAE: ${name} is not here as data`);
  return t as Tensor;
}

const residents = (states: readonly TileState[]): ResidentTensor[] => states.flatMap((s) => Object.values(s.tensors).filter(isResident));

/** The result, written tile by tile: each tile's output region, cropped from its output. */
class Canvas {
  private result: Tensor | null = null;

  constructor(private readonly side: VaeSide, private readonly input: Tensor) {}

  write(tile: { input: Box; output: Box }, out: Tensor): void {
    const f = outputFactor(this.side);
    const [, , h, w] = this.input.shape;
    const [b, c] = out.shape;
    this.result ??= { data: new Float32Array(b * c * h * f * w * f), shape: [b, c, h * f, w * f] };
    const [ox, oy] = [Math.round(tile.input[0] * f), Math.round(tile.input[2] * f)];
    const [x1, x2, y1, y2] = tile.output;
    pasteTensor(this.result, cropTensor(out, [x1 - ox, x2 - ox, y1 - oy, y2 - oy]), x1, y1);
  }

  get image(): Tensor {
    return this.result!;
  }
}

/** A synchronised segment's core inputs (CORE_INPUTS): the tile's core and size, in its input's pixels. */
function coreFeeds(tile: { input: Box; output: Box }, side: VaeSide): HeldFeeds {
  const [x1, x2, y1, y2] = tile.input;
  const [cx1, cx2, cy1, cy2] = scaleBox(tile.output, 1 / outputFactor(side));
  return { [CORE_INPUTS.box]: { data: [cy1 - y1, cx1 - x1, cy2 - y1, cx2 - x1], shape: [4] }, [CORE_INPUTS.tile]: { data: [y2 - y1, x2 - x1], shape: [2] } };
}

/** Site k's moments over a tile's core, as a synchronised segment returns them (and takes them out of `out`). */
function takeMoments(out: HeldFeeds, k: number, groups: number): Moments {
  const names = momentOutputs(k);
  const [mean, m2, shape] = [dataOf(out[names.mean], names.mean), dataOf(out[names.m2], names.m2), dataOf(out[names.shape], names.shape)];
  for (const name of Object.values(names)) delete out[name];
  const [, c, h, w] = shape.data;
  return { count: new Float64Array(mean.data.length).fill((c / groups) * h * w), mean: Float64Array.from(mean.data), m2: Float64Array.from(m2.data) };
}

/**
 * Runs every state through segments [from, to): all states through one segment (in zigzag order), then site k's
 * statistics — frozen, or pooled from every state's moments over its core — go into segment k + 1, which
 * normalises with them inside its graph. The tensors a tile carries between segments stay resident where the
 * segments run (float16 with `parkHalf`); only the small moments come back, and the last segment's outputs.
 * `onStats` sees each site's statistics. False when stopped.
 */
async function runSegments(vae: CutVae, states: TileState[], from: number, to: number, options: TileRunOptions, frozen?: Map<number, GroupStats>, onStats?: (k: number, stats: GroupStats) => void): Promise<boolean> {
  const { plan } = vae;
  // Only tiles that wait for others are parked; a last segment's output is the result and stays float32.
  const half = options.parkHalf === true && states.length > 1;
  let stats: GroupStats | null = null;
  try {
    for (let k = from; k < to; k++) {
      const entering = k === from;
      const keep = k + 1 < to;
      const moments: Moments[] = [];
      for (const i of zigzag(states.length, k)) {
        if (options.shouldStop?.()) return false;
        const state = states[i];
        const feeds: HeldFeeds = k < plan.sites.length ? coreFeeds(state.tile, vae.side) : {};
        if (!entering) {
          const names = statInputs(k - 1);
          const batch = stats!.mean.length / plan.sites[k - 1].groups;
          feeds[names.mean] = { data: stats!.mean, shape: [batch, plan.sites[k - 1].groups, 1] };
          feeds[names.variance] = { data: stats!.variance, shape: [batch, plan.sites[k - 1].groups, 1] };
        }
        for (const name of syncSegmentInputs(plan, k, entering)) if (!(name in feeds)) feeds[name] = state.tensors[name];
        const out = await vae.runSyncSegment(k, feeds, { entering, keep, half });
        // What the tile needs later came back with the outputs; its older tensors are done with.
        await vae.free(Object.values(state.tensors).filter(isResident));
        if (k < plan.sites.length) moments.push(takeMoments(out, k, plan.sites[k].groups));
        state.tensors = out;
        if (k === plan.segments.length - 1) options.step?.(); // a tile is done when it leaves the last segment
      }
      await vae.releaseSegment(k, { entering, half });
      if (k === plan.sites.length) break;
      stats = frozen?.get(k) ?? statsOf(poolMoments(moments));
      onStats?.(k, stats);
    }
    // Stopping at a site (the encoder's tiles before its whole trailing part): what comes next takes the
    // normalised tensor, made here from the small latent-resolution data the last segment returned.
    if (to <= plan.sites.length && to > from) {
      const site = plan.sites[to - 1];
      for (const state of states) state.tensors[site.output] = normalise(dataOf(state.tensors[site.input], site.input), site.groups, stats!, site.epsilon, site.affine);
    }
    return true;
  } finally {
    // Stopped or failed midway: nothing may stay resident.
    await vae.free(residents(states));
  }
}

/** The whole input as one tile. */
function wholeTile(vae: CutVae, input: Tensor): { input: Box; output: Box } {
  const box: Box = [0, input.shape[3], 0, input.shape[2]];
  return { input: box, output: scaleBox(box, outputFactor(vae.side)) };
}

/** The latent-resolution segments, when they run whole: the decoder's leading or the encoder's trailing ones. */
function wholeRange(vae: CutVae, options: TileRunOptions): "leading" | "trailing" | null {
  const { from, to } = vae.latentResolution;
  if (!options.wholeLatentResolution || to <= from) return null;
  return from === 0 ? "leading" : to === vae.plan.segments.length ? "trailing" : null;
}

/** The decoder's leading latent-resolution segments over the whole latent (exact statistics); null when stopped. */
async function runLeading(vae: CutVae, input: Tensor, options: TileRunOptions): Promise<Feeds | null> {
  if (options.shouldStop?.()) return null;
  return vae.runLatentPart({ [vae.input]: input });
}

/** The encoder's trailing latent-resolution segments over the tiles' merged tensors; null when stopped. */
async function runTrailing(vae: CutVae, input: Tensor, states: TileState[], options: TileRunOptions): Promise<Tensor | null> {
  if (options.shouldStop?.()) return null;
  const out = await vae.runLatentPart(mergeTiles(vae, states, input, vae.plan.segments[vae.latentResolution.from].inputs));
  const canvas = new Canvas(vae.side, input);
  canvas.write(wholeTile(vae, input), out[vae.output]);
  return canvas.image;
}

/** The tensors `names` of the tiles' states as whole tensors: each tile's core, at the tensor's own resolution. */
function mergeTiles(vae: CutVae, states: TileState[], input: Tensor, names: readonly string[]): Feeds {
  const [, , h, w] = input.shape;
  return Object.fromEntries(
    names.map((name) => {
      let whole: Tensor | null = null;
      for (const { tile, tensors } of states) {
        const t = dataOf(tensors[name], name);
        const f = t.shape[3] / (tile.input[1] - tile.input[0]);
        whole ??= { data: new Float32Array(t.shape[0] * t.shape[1] * Math.round(h * f) * Math.round(w * f)), shape: [t.shape[0], t.shape[1], Math.round(h * f), Math.round(w * f)] };
        const core = coreIn(tile, t, vae.side);
        pasteTensor(whole, cropTensor(t, core), Math.round(tile.input[0] * f) + core[0], Math.round(tile.input[2] * f) + core[2]);
      }
      return [name, whole!];
    }),
  );
}

/**
 * Every tile through every segment; at each GroupNorm the pre-norm tensors of all tiles are pooled over their
 * cores and every tile is normalised with the pooled statistics. With `wholeLatentResolution` the
 * latent-resolution segments run once over the whole latent instead. Returns null when stopped.
 */
export async function runSynchronised(vae: CutVae, input: Tensor, split: TileSplit, options: TileRunOptions = {}): Promise<Tensor | null> {
  const tiles = split.tiles.length > 0 ? split.tiles : [wholeTile(vae, input)];
  const range = wholeRange(vae, options);
  const end = vae.plan.segments.length;
  let states: TileState[];
  let [from, to] = [0, end];
  if (range === "leading") {
    const whole = await runLeading(vae, input, options);
    if (!whole) return null;
    states = tiles.map((tile) => ({ tile, tensors: cropAll(whole, tile.input, input.shape[3]) }));
    from = vae.latentResolution.to;
  } else {
    states = tiles.map((tile) => ({ tile, tensors: { [vae.input]: cropTensor(input, tile.input) } }));
    if (range === "trailing") to = vae.latentResolution.from;
  }
  if (!(await runSegments(vae, states, from, to, options, options.frozen))) return null;
  if (to < end) return runTrailing(vae, input, states, options);
  const canvas = new Canvas(vae.side, input);
  for (const state of states) canvas.write(state.tile, dataOf(state.tensors[vae.output], vae.output));
  return canvas.image;
}

/** Each tensor of a whole-input state cut to a tile, at the tensor's own resolution. */
function cropAll(tensors: Feeds, box: Box, inputWidth: number): Feeds {
  return Object.fromEntries(Object.entries(tensors).map(([name, t]) => [name, cropTensor(t, scaleBox(box, t.shape[3] / inputWidth))]));
}

// ---------------------------------------------------------------------------------------------
// Fast mode

/**
 * The input shrunk by `size / max(h, w)` with nearest-exact sampling, then per channel moved to the original's
 * mean and standard deviation (over images and pixels) and clamped to its range (the extension's estimate input).
 */
export function estimationInput(input: Tensor, size: number): Tensor {
  const [b, c, h, w] = input.shape;
  const scale = Math.min(1, size / Math.max(h, w));
  const [sh, sw] = [Math.max(1, Math.floor(h * scale)), Math.max(1, Math.floor(w * scale))];
  const out = new Float32Array(b * c * sh * sw);
  for (let p = 0; p < b * c; p++) {
    for (let y = 0; y < sh; y++) {
      const iy = Math.min(h - 1, Math.floor(((y + 0.5) * h) / sh));
      for (let x = 0; x < sw; x++) out[(p * sh + y) * sw + x] = input.data[p * h * w + iy * w + Math.min(w - 1, Math.floor(((x + 0.5) * w) / sw))];
    }
  }
  const channelStats = (data: Float32Array, size: number, ch: number) => {
    let [sum, sq, min, max] = [0, 0, Infinity, -Infinity];
    for (let i = 0; i < b; i++) {
      for (let o = (i * c + ch) * size; o < (i * c + ch + 1) * size; o++) {
        const v = data[o];
        sum += v;
        sq += v * v;
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
    const n = b * size;
    const mean = sum / n;
    // torch.std: the unbiased estimate.
    return { mean, std: Math.sqrt(Math.max(0, (sq - n * mean * mean) / Math.max(1, n - 1))), min, max };
  };
  for (let ch = 0; ch < c; ch++) {
    const original = channelStats(input.data, h * w, ch);
    const small = channelStats(out, sh * sw, ch);
    const gain = small.std > 0 ? original.std / small.std : 1;
    for (let i = 0; i < b; i++) {
      for (let o = (i * c + ch) * sh * sw; o < (i * c + ch + 1) * sh * sw; o++) {
        out[o] = Math.min(original.max, Math.max(original.min, (out[o] - small.mean) * gain + original.mean));
      }
    }
  }
  return { data: out, shape: [b, c, sh, sw] };
}

/**
 * Every site's statistics from the input shrunk to `size` (estimationInput); null when the estimate has a NaN
 * (then: synchronised mode).
 */
export async function estimateStats(vae: CutVae, input: Tensor, size: number, sites = vae.plan.sites.length): Promise<Map<number, GroupStats> | null> {
  const small = estimationInput(input, size);
  const found = new Map<number, GroupStats>();
  // The shrunk copy as one tile, its core the whole of it: synchronised over itself, every statistic is its own.
  await runSegments(vae, [{ tile: wholeTile(vae, small), tensors: { [vae.input]: small } }], 0, sites, {}, undefined, (k, stats) => found.set(k, stats));
  return [...found.values()].some(hasNaN) ? null : found;
}

/**
 * Each tile on its own with the same statistics, one after the other, so memory is one tile's. With
 * `wholeLatentResolution` the decoder's latent-resolution part (its mid-block attention) first runs over the
 * whole latent and each tile goes on from its crop of that, through the rest of the frozen graph;
 * otherwise each tile runs the whole frozen graph (the original extension's fast mode). Returns null when stopped.
 */
export async function runFast(vae: CutVae, input: Tensor, split: TileSplit, stats: Map<number, GroupStats>, options: TileRunOptions = {}): Promise<Tensor | null> {
  const canvas = new Canvas(vae.side, input);
  const range = wholeRange(vae, options);
  const [b] = input.shape;
  /** The frozen graph's statistics inputs of the sites from `from` on. */
  const statFeeds = (from: number): Feeds => {
    const feeds: Feeds = {};
    vae.plan.sites.forEach((site, k) => {
      if (k < from) return;
      const s = stats.get(k)!;
      const names = statInputs(k);
      feeds[names.mean] = { data: s.mean, shape: [b, site.groups, 1] };
      feeds[names.variance] = { data: s.variance, shape: [b, site.groups, 1] };
    });
    return feeds;
  };
  if (range === "leading") {
    const whole = await runLeading(vae, input, options);
    if (!whole) return null;
    // One call per tile with the GroupNorms inside onnxruntime, not a call and a normalisation in JS per segment.
    const frozen = statFeeds(vae.latentResolution.to);
    for (const tile of split.tiles) {
      if (options.shouldStop?.()) return null;
      canvas.write(tile, (await vae.runFrozenAfterLatentPart({ ...cropAll(whole, tile.input, input.shape[3]), ...frozen }))[vae.output]);
      options.step?.();
    }
    return canvas.image;
  }
  if (range === "trailing") {
    // Each tile alone up to latent resolution, where what it keeps is small; then the rest over the whole latent.
    const states: TileState[] = [];
    for (const tile of split.tiles) {
      const state: TileState = { tile, tensors: { [vae.input]: cropTensor(input, tile.input) } };
      if (!(await runSegments(vae, [state], 0, vae.latentResolution.from, options, stats))) return null;
      states.push(state);
      options.step?.();
    }
    return runTrailing(vae, input, states, options);
  }
  const all = statFeeds(0);
  for (const tile of split.tiles) {
    if (options.shouldStop?.()) return null;
    canvas.write(tile, (await vae.runFrozen({ [vae.input]: cropTensor(input, tile.input), ...all }))[vae.output]);
    options.step?.();
  }
  return canvas.image;
}

// ---------------------------------------------------------------------------------------------
// Choosing the mode

export type TiledMode = "fast" | "colour fix" | "synchronised";

export interface ModeOptions extends TileRunOptions {
  fast: boolean;
  /** Encoder only: frozen statistics only up to the first downsampling, synchronised after. */
  colorFix: boolean;
  tileSize: number;
}

/**
 * Runs the mode asked for; fast mode whose estimate has a NaN falls back to synchronised mode. Synchronised mode
 * and the colour fix run the latent-resolution segments (the mid block with its self-attention) over the whole
 * latent at every size: their attention is chunked (cut-vae.ts), so its scores take one chunk's memory, not
 * tokens². Fast mode does so only while that part costs no more than a tile (latentPartRunsWhole, as the estimate
 * assumes); above it each tile runs the whole frozen graph, so memory stays the tile's (docs/tiled-vae.md#modes).
 */
export async function runTiled(vae: CutVae, input: Tensor, split: TileSplit, options: ModeOptions): Promise<{ result: Tensor | null; mode: TiledMode }> {
  if (options.fast) {
    const colorFix = options.colorFix && vae.side === "encoder";
    // The original shrinks to the tile; to the padded tile is as cheap (a tile runs at that size) and closer:
    // on SD's layout at 1024², 1.19 instead of 2.20/255 mean on a smooth latent (docs/tiled-vae.md#accuracy).
    const size = options.tileSize + 2 * TILE_PADDING[vae.side];
    const stats = await estimateStats(vae, input, size, colorFix ? vae.fullResolutionSites : vae.plan.sites.length);
    if (stats && colorFix) return { result: await runSynchronised(vae, input, split, { ...options, frozen: stats, wholeLatentResolution: true }), mode: "colour fix" };
    if (stats) {
      const [b, , h, w] = input.shape;
      const latentPixels = vae.side === "decoder" ? h * w : Math.ceil(h / 8) * Math.ceil(w / 8);
      const whole = latentPartRunsWhole(vae.side, vae.memory, b, latentPixels, options.tileSize, vae.scoreBytes);
      return { result: await runFast(vae, input, split, stats, { ...options, wholeLatentResolution: whole }), mode: "fast" };
    }
  }
  return { result: await runSynchronised(vae, input, split, { ...options, wholeLatentResolution: true }), mode: "synchronised" };
}

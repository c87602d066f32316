// A handle on one ONNX model running in the inference process (inference-process.ts). It reads the
// element types each graph declares and converts at the boundary, so callers always pass and get
// float32 data and plain integer ids whether the export is fp32 or fp16, int32 or int64. When the
// inference process was restarted, the session is opened again in the new one on its next run.
import os from "node:os";
import { inferenceProcess, type CallMemory } from "@/lib/models/inference-process";
import { fromFloat16, toFloat16 } from "@/lib/onnx/float16";
import { loadOptions } from "@/lib/settings/store";
import type { Options } from "@/lib/settings/options";
import { isResident, type ResidentTensor } from "@/lib/models/resident-tensor";

export { isResident, type ResidentTensor };

export interface ValueInfo {
  name: string;
  /** onnxruntime element type: "float32", "float16", "int32", "int64", … (null for non-tensors). */
  type: string | null;
  /** Declared dims: numbers for fixed axes, strings for dynamic (dim_param) axes. */
  shape: Array<number | string> | null;
}

export interface Feed {
  data: Float32Array | Int32Array | readonly number[];
  shape: number[];
}

export interface OutputTensor {
  data: Float32Array;
  shape: number[];
}

interface WireTensor {
  type: string;
  dims: number[];
  data: Float32Array | Uint16Array | Int32Array | BigInt64Array | Uint8Array;
}

/** The array itself when it spans its buffer; a copy otherwise (serialization would send the whole buffer). */
function whole(data: Float32Array): Float32Array {
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
}

function toWire(info: ValueInfo, feed: Feed): WireTensor {
  const dims = feed.shape;
  switch (info.type) {
    case "float32":
      return { type: "float32", dims, data: feed.data instanceof Float32Array ? whole(feed.data) : Float32Array.from(feed.data) };
    case "float16":
      return { type: "float16", dims, data: toFloat16(feed.data instanceof Float32Array ? feed.data : Float32Array.from(feed.data)) };
    case "int32":
      return { type: "int32", dims, data: Int32Array.from(feed.data as ArrayLike<number>, Math.round) };
    case "int64":
      return { type: "int64", dims, data: BigInt64Array.from(Array.from(feed.data as ArrayLike<number>), (v) => BigInt(Math.round(v))) };
    default:
      throw new Error(`input "${info.name}" has element type ${info.type}, which Onyx cannot feed`);
  }
}

function residentToWire(t: ResidentTensor): { resident: number } {
  if (t.generation !== inferenceProcess().generation) throw new Error(`resident tensor ${t.resident} was lost when the inference process restarted`);
  return { resident: t.resident };
}

/** Frees tensors kept by runs (of any session); those of an inference process that has ended are gone already. */
export async function freeResident(tensors: readonly ResidentTensor[]): Promise<void> {
  const host = inferenceProcess();
  const ids = tensors.filter((t) => t.generation === host.generation).map((t) => t.resident);
  if (ids.length > 0) await host.call({ op: "free", tensors: ids });
}

function fromWire(t: WireTensor): OutputTensor {
  if (t.data instanceof Float32Array) return { data: t.data, shape: t.dims };
  if (t.type === "float16") return { data: fromFloat16(t.data as Uint16Array), shape: t.dims };
  return { data: Float32Array.from(t.data as ArrayLike<number>, Number), shape: t.dims };
}

/**
 * Session options for every model (benchmarks open their bare sessions with the same ones). The
 * memory pattern is off: with it, a session's second run at a size takes about twice the first's
 * peak; the CPU arena stays on (runs without it are about 3× slower) and is handed back by
 * reloading the sessions after a big job (docs/memory.md#session-options-and-handing-memory-back).
 */
export interface SessionOptions {
  executionProviders: string[];
  logSeverityLevel: 3;
  graphOptimizationLevel: "all" | "extended" | "basic" | "disabled";
  enableMemPattern: false;
  enableCpuMemArena: true;
  intraOpNumThreads: number;
}

/**
 * The one place session options are decided, for every model and for the benchmarks' bare sessions: the fixed
 * choices above, and the two the Optimizations settings change (docs/settings.md#onnx-runtime).
 */
export function sessionOptions(options: Pick<Options, "onnx_intra_op_threads" | "onnx_graph_optimization"> = loadOptions()): SessionOptions {
  // 0: every CPU the process may use. onnxruntime's own choice ran one thread on this 2-core machine, 1.2–1.4×
  // slower per UNet call (docs/settings.md#onnx-runtime).
  const threads = Number(options.onnx_intra_op_threads);
  return {
    executionProviders: ["cpu"], logSeverityLevel: 3, enableMemPattern: false, enableCpuMemArena: true,
    graphOptimizationLevel: options.onnx_graph_optimization as SessionOptions["graphOptimizationLevel"],
    intraOpNumThreads: threads > 0 ? threads : os.availableParallelism(),
  };
}

interface Opened {
  session: number;
  inputs: ValueInfo[];
  outputs: ValueInfo[];
}

/**
 * A model built in memory (a LoRA-patched graph, docs/lora.md#patched-graphs): its bytes hold the graph and the
 * tensors it changed inline, and its other initializers name external data files in `folder` — the base
 * model's, so no weight is copied or written. `bytes` is called again when the session must be re-created in a
 * new inference process.
 */
export interface InMemoryModel {
  /** The file it was derived from, which messages name. */
  name: string;
  /** Where the external data files its initializers name are; null when it has none. */
  folder: string | null;
  bytes: () => Uint8Array;
}

/** A model file on disk, or a model built in memory. */
export type SessionModel = string | InMemoryModel;

function create(model: SessionModel): Promise<Opened> {
  if (typeof model === "string") return inferenceProcess().call<Opened>({ op: "create", path: model, options: sessionOptions() });
  // onnxruntime resolves a buffer's external data from this session config entry, not from a model path
  // (measured: docs/lora.md#patched-graphs).
  const extra = model.folder ? { extra: { session: { model_external_initializers_file_folder_path: model.folder } } } : {};
  return inferenceProcess().call<Opened>({ op: "create", bytes: model.bytes(), options: { ...sessionOptions(), ...extra } });
}

export class OnnxSession {
  /** This session's id in the inference process of generation `generation`. */
  private handle: Promise<{ id: number; generation: number } | null>;

  private constructor(
    private readonly model: SessionModel,
    /** The model file, or the file an in-memory model was derived from. */
    readonly file: string,
    /** The model file this one was derived from (derived-model.ts), which messages name; `file` otherwise. */
    readonly source: string,
    opened: Opened,
    generation: number,
    readonly inputs: ValueInfo[],
    readonly outputs: ValueInfo[],
  ) {
    this.handle = Promise.resolve({ id: opened.session, generation });
  }

  static async open(model: SessionModel, source = typeof model === "string" ? model : model.name): Promise<OnnxSession> {
    const opened = await create(model);
    return new OnnxSession(model, typeof model === "string" ? model : model.name, source, opened, inferenceProcess().generation, opened.inputs, opened.outputs);
  }

  input(name: string): ValueInfo | undefined {
    return this.inputs.find((i) => i.name === name);
  }

  output(name: string): ValueInfo | undefined {
    return this.outputs.find((o) => o.name === name);
  }

  /** The session's id in the current inference process, re-creating it there when the process was restarted. */
  private async id(): Promise<number> {
    const handle = await this.handle.catch(() => null);
    const host = inferenceProcess();
    if (handle && handle.generation === host.generation) return handle.id;
    const reopening = create(this.model).then((o) => ({ id: o.session, generation: host.generation }));
    this.handle = reopening;
    return (await reopening).id;
  }

  async run(feeds: Record<string, Feed | ResidentTensor>): Promise<Record<string, OutputTensor>> {
    return (await this.measure(feeds)).outputs;
  }

  /**
   * A run whose outputs named in `keep` stay in the inference process as ResidentTensors; the others come back as
   * data. The caller frees the kept ones (`freeResident`) when it is done with them.
   */
  async runKeeping(feeds: Record<string, Feed | ResidentTensor>, keep: readonly string[]): Promise<{ outputs: Record<string, OutputTensor>; kept: Record<string, ResidentTensor> }> {
    for (const name of keep) if (!this.output(name)) throw new Error(`${this.source} has no output "${name}" to keep`);
    const { result, generation } = await this.call(feeds, keep);
    const [outputs, kept]: [Record<string, OutputTensor>, Record<string, ResidentTensor>] = [{}, {}];
    for (const [name, t] of Object.entries(result)) {
      if ("resident" in t) kept[name] = { resident: t.resident, generation, shape: t.dims };
      else outputs[name] = fromWire(t);
    }
    return { outputs, kept };
  }

  /** A run and the inference process's resident memory around it. */
  async measure(feeds: Record<string, Feed | ResidentTensor>): Promise<{ outputs: Record<string, OutputTensor>; memory: CallMemory }> {
    const { result, memory } = await this.call(feeds, []);
    return { outputs: Object.fromEntries(Object.entries(result).map(([k, v]) => [k, fromWire(v as WireTensor)])), memory };
  }

  private async call(feeds: Record<string, Feed | ResidentTensor>, keep: readonly string[]) {
    const wire: Record<string, WireTensor | { resident: number }> = {};
    for (const [name, feed] of Object.entries(feeds)) {
      const info = this.input(name);
      if (!info) throw new Error(`${this.source} has no input "${name}"`);
      wire[name] = isResident(feed) ? residentToWire(feed) : toWire(info, feed);
    }
    const session = await this.id();
    const host = inferenceProcess();
    const generation = host.generation;
    const { result, memory } = await host.callMeasured<Record<string, WireTensor | { resident: number; dims: number[] }>>({ op: "run", session, feeds: wire, ...(keep.length > 0 ? { keep } : {}) });
    return { result, memory, generation };
  }

  /**
   * Releases the session in the inference process, which hands its memory arena back (onnxruntime keeps a
   * session's arena at its largest run). The handle stays usable: a later run opens the session again — for one of
   * many sessions that run in turn (Tiled VAE's segments), so that only one holds an arena at a time. Tensors its
   * runs kept stay valid.
   */
  async release(): Promise<void> {
    const handle = this.handle;
    this.handle = Promise.resolve(null);
    const opened = await handle.catch(() => null);
    if (opened && opened.generation === inferenceProcess().generation) await inferenceProcess().call({ op: "release", session: opened.id });
  }
}

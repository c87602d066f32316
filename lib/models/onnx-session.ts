// A handle on one ONNX model running in the inference worker (ort-worker.mjs). It reads the
// element types each graph declares and converts at the boundary, so callers always pass and get
// float32 data and plain integer ids whether the export is fp32 or fp16, int32 or int64.
import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { fromFloat16, toFloat16 } from "@/lib/onnx/float16";
import { processSingleton } from "@/lib/process-singleton";

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

/** One worker thread owns every session; it is restarted if it dies, failing the calls in flight. */
class InferenceWorker {
  private worker: Worker | null = null;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;

  call<T>(message: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<T> {
    const worker = this.worker ?? this.spawn();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...message, id }, transfer);
    });
  }

  private spawn(): Worker {
    const file = path.join(process.cwd(), "lib/models/ort-worker.mjs");
    if (!fs.existsSync(file)) throw new Error(`inference worker not found at ${file} (start Onyx from its folder)`);
    const worker = new Worker(file);
    worker.unref();
    worker.on("message", (msg: { id: number; result?: unknown; error?: string }) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error !== undefined) p.reject(new Error(msg.error));
      else p.resolve(msg.result);
    });
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on("error", (e) => fail(new Error(`inference worker crashed: ${e.message}`)));
    worker.on("exit", (code) => fail(new Error(`inference worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }
}

const host = () => processSingleton("inferenceWorker", () => new InferenceWorker());

function toWire(info: ValueInfo, feed: Feed): WireTensor {
  const dims = feed.shape;
  switch (info.type) {
    case "float32":
      return { type: "float32", dims, data: feed.data instanceof Float32Array ? feed.data.slice() : Float32Array.from(feed.data) };
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

function fromWire(t: WireTensor): OutputTensor {
  if (t.data instanceof Float32Array) return { data: t.data, shape: t.dims };
  if (t.type === "float16") return { data: fromFloat16(t.data as Uint16Array), shape: t.dims };
  return { data: Float32Array.from(t.data as ArrayLike<number>, Number), shape: t.dims };
}

/** Session options for every model (benchmarks open their bare sessions with the same ones). */
export const SESSION_OPTIONS = { executionProviders: ["cpu"], logSeverityLevel: 3, graphOptimizationLevel: "all" } as const;

export class OnnxSession {
  private constructor(
    readonly file: string,
    private readonly id: number,
    readonly inputs: ValueInfo[],
    readonly outputs: ValueInfo[],
  ) {}

  static async open(file: string): Promise<OnnxSession> {
    const r = await host().call<{ session: number; inputs: ValueInfo[]; outputs: ValueInfo[] }>({ op: "create", path: file, options: SESSION_OPTIONS });
    return new OnnxSession(file, r.session, r.inputs, r.outputs);
  }

  input(name: string): ValueInfo | undefined {
    return this.inputs.find((i) => i.name === name);
  }

  output(name: string): ValueInfo | undefined {
    return this.outputs.find((o) => o.name === name);
  }

  async run(feeds: Record<string, Feed>): Promise<Record<string, OutputTensor>> {
    const wire: Record<string, WireTensor> = {};
    for (const [name, feed] of Object.entries(feeds)) {
      const info = this.input(name);
      if (!info) throw new Error(`${this.file} has no input "${name}"`);
      wire[name] = toWire(info, feed);
    }
    const transfer = Object.values(wire).map((t) => t.data.buffer as ArrayBuffer);
    const out = await host().call<Record<string, WireTensor>>({ op: "run", session: this.id, feeds: wire }, transfer);
    return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, fromWire(v)]));
  }

  async release(): Promise<void> {
    await host().call({ op: "release", session: this.id });
  }
}

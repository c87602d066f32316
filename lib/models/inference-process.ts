// The supervised inference process (ort-worker.mjs): started on the first model call, restarted on
// the next call after it died. When it dies — the kernel's out-of-memory killer, a native crash in
// onnxruntime, a kill — every call in flight fails with an InferenceProcessError and the server
// carries on; sessions opened before are re-created in the new process (onnx-session.ts).
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { processSingleton } from "@/lib/process-singleton";

/** Resident memory of the inference process (bytes) around one call: before, after, and the highest value sampled during it. */
export interface CallMemory {
  rssBefore: number;
  rss: number;
  peakRss: number;
}

export class InferenceProcessError extends Error {
  constructor(
    message: string,
    /** The signal that ended the process (SIGKILL for the out-of-memory killer), if any. */
    readonly signal: NodeJS.Signals | null,
  ) {
    super(message);
    this.name = "InferenceProcessError";
  }
}

/** By name: Next.js bundles may each hold their own copy of this class (see job-queue.ts). */
export function isInferenceProcessError(e: unknown): e is InferenceProcessError {
  return e instanceof Error && e.name === "InferenceProcessError";
}

function exitMessage(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal === "SIGKILL") return "the inference process was killed (SIGKILL)";
  if (signal) return `the inference process died of ${signal}`;
  return `the inference process exited with code ${code}`;
}

interface Reply {
  id: number;
  result?: unknown;
  error?: string;
  memory?: CallMemory;
}

interface Pending {
  resolve: (reply: Reply) => void;
  reject: (e: Error) => void;
}

class InferenceProcess {
  private child: ChildProcess | null = null;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  /** Counts ended processes: session handles of an older generation must be re-created. */
  generation = 0;
  /** Resident memory after the last reply (0 while no process runs). */
  rss = 0;
  /** Resident memory after the last session was created or the sessions were reloaded: weights, no arenas. */
  loadedRss = 0;
  /** The highest resident memory sampled during any call (benchmarks and tests reset it to 0). */
  highWater = 0;

  async call<T>(message: Record<string, unknown>): Promise<T> {
    return (await this.callMeasured<T>(message)).result;
  }

  /** A call and the inference process's memory around it. */
  callMeasured<T>(message: Record<string, unknown>): Promise<{ result: T; memory: CallMemory }> {
    // A process that died but whose exit has not been reported yet is let go now.
    const gone = this.child && !this.child.connected ? this.child : null;
    if (gone) this.detach(gone, new InferenceProcessError(exitMessage(gone.exitCode, gone.signalCode), gone.signalCode));
    const child = this.child ?? this.spawn();
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      child.channel?.ref();
      child.send({ ...message, id }, (e) => {
        // Usually the process just died: its exit, due any moment, fails the call with the reason.
        if (e) setTimeout(() => this.detach(child, new InferenceProcessError(`could not reach the inference process: ${e.message}`, null)), 1000).unref();
      });
    }).then((reply) => {
      const memory = reply.memory ?? { rssBefore: 0, rss: 0, peakRss: 0 };
      if (message.op === "create" || message.op === "reload") this.loadedRss = memory.rss;
      return { result: reply.result as T, memory };
    });
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  /** Bytes held above `loadedRss`: the memory arenas kept from the largest calls so far. */
  get heldByArenas(): number {
    return Math.max(0, this.rss - this.loadedRss);
  }

  /** How many tensors runs have kept (onnx-session.ts `runKeeping`) and not yet freed; 0 while no process runs. */
  async residentTensors(): Promise<number> {
    return this.child ? (await this.call<{ residentTensors: number }>({ op: "memory" })).residentTensors : 0;
  }

  /** Releases and re-creates every session, which hands their memory arenas back to the system (docs/memory.md#session-options-and-handing-memory-back). */
  async reloadSessions(): Promise<void> {
    if (this.child) await this.call({ op: "reload" });
  }

  private spawn(): ChildProcess {
    // A runtime file, not a module to bundle: keep Turbopack from following it.
    const file = path.join(/* turbopackIgnore: true */ process.cwd(), "lib/models/ort-worker.mjs");
    if (!fs.existsSync(file)) throw new Error(`inference worker not found at ${file} (start Onyx from its folder)`);
    // Not the server's execArgv (loader or inspector flags); --expose-gc lets it drop tensor copies
    // when it releases its sessions. A fixed mmap threshold makes glibc return freed arena blocks to
    // the system instead of keeping them in its heap (docs/memory.md#session-options-and-handing-memory-back).
    const child = fork(/* turbopackIgnore: true */ file, [], {
      serialization: "advanced",
      execArgv: ["--expose-gc"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      env: { ...process.env, MALLOC_MMAP_THRESHOLD_: "131072" },
    });
    child.unref();
    child.channel?.unref();
    child.on("message", (reply: Reply) => this.settle(reply));
    child.on("exit", (code, signal) => this.detach(child, new InferenceProcessError(exitMessage(code, signal), signal)));
    child.on("error", (e) => this.detach(child, new InferenceProcessError(`the inference process failed: ${e.message}`, null)));
    this.child = child;
    return child;
  }

  private settle(reply: Reply): void {
    if (reply.memory) {
      this.rss = reply.memory.rss;
      this.highWater = Math.max(this.highWater, reply.memory.peakRss);
    }
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.child?.channel?.unref();
    if (reply.error !== undefined) p.reject(new Error(reply.error));
    else p.resolve(reply);
  }

  private detach(child: ChildProcess, error: InferenceProcessError): void {
    if (this.child !== child) return;
    this.child = null;
    this.generation++;
    this.rss = 0;
    this.loadedRss = 0;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}

/** The server's one inference process (shared by every Next.js bundle). */
export function inferenceProcess(): InferenceProcess {
  return processSingleton("inferenceProcess", () => new InferenceProcess());
}

// The supervised inference process (ort-worker.mjs): started on the first model call, restarted on
// the next call after it died. When it dies — the kernel's out-of-memory killer, a native crash in
// onnxruntime, a kill — every call in flight fails with an InferenceProcessError and the server
// carries on; sessions opened before are re-created in the new process (onnx-session.ts).
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { processSingleton } from "@/lib/process-singleton";

/** Resident memory of the inference process (bytes): now, and the highest value sampled during the last call. */
export interface ProcessMemory {
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
  if (signal === "SIGKILL") return "the inference process was killed (SIGKILL), usually by the system running out of memory";
  if (signal) return `the inference process died of ${signal}`;
  return `the inference process exited with code ${code}`;
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

interface Reply {
  id: number;
  result?: unknown;
  error?: string;
  memory?: ProcessMemory;
}

class InferenceProcess {
  private child: ChildProcess | null = null;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  /** Counts started processes: session handles of an older generation must be re-created. */
  generation = 0;
  /** Memory figures from the last reply. */
  lastMemory: ProcessMemory = { rss: 0, peakRss: 0 };
  /** The highest resident memory seen since `resetPeak`. */
  peakSinceReset = 0;

  call<T>(message: Record<string, unknown>): Promise<T> {
    const child = this.child ?? this.spawn();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.channel?.ref();
      child.send({ ...message, id }, (e) => e && this.settle({ id, error: `could not reach the inference process: ${e.message}` }));
    });
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  resetPeak(): void {
    this.peakSinceReset = this.lastMemory.rss;
  }

  /** Ends the process (its memory goes back to the system); the next call starts a new one. */
  stop(): void {
    const child = this.child;
    if (!child) return;
    this.detach(child, new InferenceProcessError("the inference process was stopped", null));
    child.disconnect();
  }

  private spawn(): ChildProcess {
    const file = path.join(process.cwd(), "lib/models/ort-worker.mjs");
    if (!fs.existsSync(file)) throw new Error(`inference worker not found at ${file} (start Onyx from its folder)`);
    // No inherited execArgv: the server's loader or inspector flags are not the worker's business.
    const child = fork(file, [], { serialization: "advanced", execArgv: [], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    child.unref();
    child.channel?.unref();
    child.on("message", (reply: Reply) => this.settle(reply));
    child.on("exit", (code, signal) => this.detach(child, new InferenceProcessError(exitMessage(code, signal), signal)));
    child.on("error", (e) => this.detach(child, new InferenceProcessError(`the inference process failed: ${e.message}`, null)));
    this.child = child;
    this.generation++;
    return child;
  }

  private settle(reply: Reply): void {
    if (reply.memory) {
      this.lastMemory = reply.memory;
      this.peakSinceReset = Math.max(this.peakSinceReset, reply.memory.peakRss);
    }
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.child?.channel?.unref();
    if (reply.error !== undefined) p.reject(new Error(reply.error));
    else p.resolve(reply.result);
  }

  private detach(child: ChildProcess, error: InferenceProcessError): void {
    if (this.child !== child) return;
    this.child = null;
    this.lastMemory = { rss: 0, peakRss: 0 };
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}

/** The server's one inference process (shared by every Next.js bundle). */
export function inferenceProcess(): InferenceProcess {
  return processSingleton("inferenceProcess", () => new InferenceProcess());
}

// One worker runs jobs one at a time in arrival order, for the UI and the HTTP API alike (A1111
// serialises generation with a global lock). The pending queue is bounded so a flood of requests
// gets a clear "queue full" instead of unbounded memory.
import crypto from "node:crypto";
import { jobNameOf, JobProgress } from "@/lib/queue/job-progress";
import { processSingleton } from "@/lib/process-singleton";

export type TaskStatus = "queued" | "running" | "done" | "failed" | "cancelled";

export interface Task<R = unknown> {
  id: string;
  kind: string;
  status: TaskStatus;
  progress: JobProgress;
  result?: R;
  error?: string;
  /** The failure's class name ("ImageInputError": the client's picture, not the server, is at fault). */
  errorName?: string;
  /** What a failed task threw (the API answers some failures with their own status). */
  cause?: unknown;
  /** Settles when the task ends; never rejects (read `status`/`error`). */
  finished: Promise<void>;
}

export class QueueFullError extends Error {
  constructor(limit: number) {
    super(`the job queue is full (${limit} jobs waiting); try again when some have finished`);
    this.name = "QueueFullError";
  }
}

/**
 * The queue is a process singleton shared by every Next.js bundle, but each bundle has its own copy
 * of this module's classes, so `instanceof QueueFullError` fails when another bundle created the
 * queue; callers test the error's name instead.
 */
export function isQueueFullError(e: unknown): e is QueueFullError {
  return e instanceof Error && e.name === "QueueFullError";
}

interface Entry {
  task: Task;
  run: (progress: JobProgress) => Promise<unknown>;
  settle: () => void;
}

const KEEP_FINISHED = 100;

export class JobQueue {
  private pending: Entry[] = [];
  private running: Entry | null = null;
  private tasks = new Map<string, Task>();

  constructor(readonly maxPending = 16) {}

  submit<R>(kind: string, run: (progress: JobProgress) => Promise<R>, id: string = crypto.randomUUID()): Task<R> {
    if (this.pending.length >= this.maxPending) throw new QueueFullError(this.maxPending);
    if (this.tasks.has(id)) throw new Error(`task id ${id} is already in use`);
    let settle!: () => void;
    const finished = new Promise<void>((resolve) => (settle = resolve));
    const task: Task<R> = { id, kind, status: "queued", progress: new JobProgress(id), finished };
    this.tasks.set(id, task);
    this.pending.push({ task, run, settle });
    this.forgetOldTasks();
    void this.pump();
    return task;
  }

  get(id: string): Task | undefined {
    return this.tasks.get(id);
  }

  current(): Task | null {
    return this.running?.task ?? null;
  }

  /** 1-based place in the waiting line, 0 when running or finished. */
  position(id: string): number {
    return this.pending.findIndex((e) => e.task.id === id) + 1;
  }

  get waiting(): number {
    return this.pending.length;
  }

  /** Drops a waiting task, or interrupts it when it is already running. */
  cancel(id: string): void {
    const i = this.pending.findIndex((e) => e.task.id === id);
    if (i >= 0) {
      const [entry] = this.pending.splice(i, 1);
      entry.task.status = "cancelled";
      entry.settle();
    } else if (this.running?.task.id === id) {
      this.running.task.progress.interrupt();
    }
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    const entry = this.pending.shift();
    if (!entry) return;
    this.running = entry;
    const { task } = entry;
    task.status = "running";
    task.progress.job = jobNameOf(task.kind);
    task.progress.start();
    try {
      task.result = await entry.run(task.progress);
      task.status = "done";
    } catch (e) {
      task.status = "failed";
      task.error = e instanceof Error ? e.message : String(e);
      task.errorName = e instanceof Error ? e.name : undefined;
      task.cause = e;
    } finally {
      this.running = null;
      entry.settle();
      void this.pump();
    }
  }

  private forgetOldTasks(): void {
    const finished = [...this.tasks.values()].filter((t) => t.status !== "queued" && t.status !== "running");
    for (const t of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.tasks.delete(t.id);
  }
}

/** The process-wide queue (every Next.js bundle shares it). */
export function jobQueue(): JobQueue {
  return processSingleton("jobQueue", () => new JobQueue(Number(process.env.ONYX_MAX_PENDING ?? 16)));
}

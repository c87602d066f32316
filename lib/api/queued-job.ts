// Running an API generation on the shared queue (A1111 serialises them behind a global lock) and
// waiting for it. A client that hangs up stops paying: its job is dropped while still waiting, or
// interrupted when already running.
import { isMemoryAdmissionError } from "@/lib/admission/admit";
import { ApiError } from "@/lib/api/errors";
import type { JobProgress } from "@/lib/queue/job-progress";
import { isQueueFullError, type JobQueue } from "@/lib/queue/job-queue";

export async function runQueuedJob<R>(
  queue: JobQueue,
  kind: string,
  run: (progress: JobProgress) => Promise<R>,
  signal: AbortSignal,
  taskId?: string | null,
): Promise<R> {
  let task;
  try {
    task = queue.submit(kind, run, taskId ?? undefined);
  } catch (e) {
    if (isQueueFullError(e)) throw new ApiError(429, e.message);
    if (taskId && queue.get(taskId)) throw new ApiError(409, `force_task_id '${taskId}' is already in use`);
    throw e;
  }
  const id = task.id;
  const hangUp = () => queue.cancel(id);
  signal.addEventListener("abort", hangUp, { once: true });
  if (signal.aborted) hangUp();
  try {
    await task.finished;
  } finally {
    signal.removeEventListener("abort", hangUp);
  }
  if (task.status === "done") return task.result as R;
  if (task.status === "cancelled") throw new ApiError(499, "the job was cancelled before it started (client closed the request)");
  // A picture that only fails to decode inside the job (a script's image argument) is still the client's fault.
  if (task.errorName === "ImageInputError") throw new ApiError(400, `Invalid encoded image: ${task.error}`);
  // A picture that cannot fit in memory was refused before its first model call: the request asked too much.
  if (isMemoryAdmissionError(task.cause)) throw new ApiError(413, task.cause.message);
  throw new Error(task.error ?? "the job failed");
}

import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { ImageInputError } from "@/lib/images/decode-image";
import { runQueuedJob } from "@/lib/api/queued-job";
import type { JobProgress } from "@/lib/queue/job-progress";
import { JobQueue } from "@/lib/queue/job-queue";

/** A job that runs until interrupted (polling the flag like the sampler does), then returns "stopped". */
const untilInterrupted = (progress: JobProgress) =>
  new Promise<string>((resolve) => {
    const timer = setInterval(() => {
      if (progress.interrupted) {
        clearInterval(timer);
        resolve("stopped");
      }
    }, 5);
  });

describe("runQueuedJob", () => {
  it("returns the job's result", async () => {
    expect(await runQueuedJob(new JobQueue(), "t", async () => 42, new AbortController().signal)).toBe(42);
  });

  it("answers 429 when the queue is full", async () => {
    const queue = new JobQueue(1);
    const running = new AbortController();
    const first = runQueuedJob(queue, "t", untilInterrupted, running.signal); // runs
    const second = runQueuedJob(queue, "t", async () => 1, new AbortController().signal); // waits
    const third = await runQueuedJob(queue, "t", async () => 1, new AbortController().signal).catch((e) => e);
    expect(third).toBeInstanceOf(ApiError);
    expect(third.status).toBe(429);
    running.abort();
    expect(await first).toBe("stopped");
    expect(await second).toBe(1);
  });

  it("drops a waiting job whose client hung up, and interrupts a running one", async () => {
    const queue = new JobQueue();
    const first = new AbortController();
    const second = new AbortController();
    const running = runQueuedJob(queue, "t", untilInterrupted, first.signal);
    let secondRan = false;
    const waiting = runQueuedJob(queue, "t", async () => (secondRan = true), second.signal).catch((e) => e);
    second.abort();
    expect(await waiting).toMatchObject({ status: 499 });
    first.abort();
    expect(await running).toBe("stopped");
    expect(secondRan).toBe(false);
  });

  it("turns a failed job into an error carrying its message, and a reused force_task_id into 409", async () => {
    const queue = new JobQueue();
    const failing = runQueuedJob(queue, "t", async () => { throw new Error("model exploded"); }, new AbortController().signal, "fixed-id");
    const clash = await runQueuedJob(queue, "t", async () => 1, new AbortController().signal, "fixed-id").catch((e) => e);
    expect(clash).toMatchObject({ status: 409 });
    await expect(failing).rejects.toThrow("model exploded");
  });

  it("answers a picture that fails to decode inside the job with 400, not 500", async () => {
    const queue = new JobQueue();
    const corrupt = async () => {
      throw new ImageInputError("script image could not be decoded: vipspng: libpng read error", true);
    };
    const error = await runQueuedJob(queue, "t", corrupt, new AbortController().signal).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, detail: "Invalid encoded image: script image could not be decoded: vipspng: libpng read error" });
  });
});

import { expect, test } from "vitest";
import { isQueueFullError, JobQueue, QueueFullError } from "@/lib/queue/job-queue";

const tick = () => new Promise((r) => setTimeout(r, 5));

test("runs one job at a time in arrival order", async () => {
  const q = new JobQueue(10);
  const log: string[] = [];
  const job = (name: string) => async () => {
    log.push(`start ${name}`);
    await tick();
    log.push(`end ${name}`);
    return name;
  };
  const tasks = ["a", "b", "c"].map((n) => q.submit("test", job(n)));
  expect(q.position(tasks[2].id)).toBe(2);
  await Promise.all(tasks.map((t) => t.finished));
  expect(log).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
  expect(tasks.map((t) => t.result)).toEqual(["a", "b", "c"]);
});

test("a full queue refuses new jobs; a failing job does not stop the next", async () => {
  const q = new JobQueue(1);
  const first = q.submit("test", async () => {
    await tick();
    throw new Error("boom");
  });
  q.submit("test", async () => 1); // waits
  expect(() => q.submit("test", async () => 2)).toThrow(QueueFullError);
  await first.finished;
  expect(first.status).toBe("failed");
  expect(first.error).toBe("boom");
});

test("cancel drops a waiting job and interrupts a running one", async () => {
  const q = new JobQueue(5);
  const running = q.submit("test", async (p) => {
    while (!p.interrupted) await tick();
    return "stopped";
  });
  const waiting = q.submit("test", async () => "never");
  await tick();
  q.cancel(waiting.id);
  expect(waiting.status).toBe("cancelled");
  q.cancel(running.id);
  await running.finished;
  expect(running.result).toBe("stopped");
});

test("progress fraction and ETA follow A1111's formula", () => {
  const q = new JobQueue(1);
  const t = q.submit("test", async () => new Promise(() => {}));
  const p = t.progress;
  p.jobCount = 4;
  p.beginBatch(1, "Batch 2 out of 4");
  p.beginSampling(20);
  p.samplingStep = 10;
  expect(p.fraction()).toBeCloseTo(1 / 4 + (1 / 4) * 0.5, 12);
  p.startedAt = 1000;
  // 3 s elapsed at 37.5 % → 5 s left.
  expect(p.etaSeconds(4000)).toBeCloseTo(5, 9);
});

test("a full queue is recognised by name, also when another bundle's copy of the class threw it", () => {
  const queue = new JobQueue(0);
  let thrown: unknown;
  try {
    queue.submit("x", async () => 1);
  } catch (e) {
    thrown = e;
  }
  expect(isQueueFullError(thrown)).toBe(true);
  // What a second copy of this module (another Next.js bundle) would throw: same name, other class.
  class QueueFullError extends Error {
    override name = "QueueFullError";
  }
  expect(isQueueFullError(new QueueFullError("full"))).toBe(true);
  expect(isQueueFullError(new Error("other"))).toBe(false);
});

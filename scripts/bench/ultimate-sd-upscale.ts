// Ultimate SD Upscale benchmark (docs/ultimate-sd-upscale.md#the-run) on onyx-tiny through the job runner and the
// extension as the server loads it: a 1024² → 2048² run (tile 512, Linear, Band pass: 16 tiles and 6 bands) timed
// as a whole against the sum of its child jobs' own times, measured in the same run — each child job from the
// runner's call to its picture (the child's mask blur, crop, VAE encode, sampling, decode and paste-back), and, as
// a second figure, only each child's batch (sampling and decode) — and the peak memory of a whole 1024² → 4096² run
// against a whole 512² → 2048² one (the tiles bound it, not the picture), each in a process of its own
// (ultimate-sd-upscale-memory-case.ts), with the load average beside it, since the machine is shared.
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { runImg2img } from "@/lib/pipeline/run-job";
import { JobProgress } from "@/lib/queue/job-progress";
import { usduBenchJobs } from "./ultimate-sd-upscale-job";

/** Times every batch of the job's child jobs (each child runs one). */
class TimedProgress extends JobProgress {
  batchMs = 0;
  private started = 0;
  override beginBatch(jobNo: number, label: string): void {
    super.beginBatch(jobNo, label);
    this.started = performance.now();
  }
  override finishBatch(jobNo: number): void {
    super.finishBatch(jobNo);
    this.batchMs += performance.now() - this.started;
  }
}

/** Times the child jobs of a run as wholes, through the runner's `wrapChild`. */
function childTimer() {
  const timer = {
    ms: 0,
    count: 0,
    async wrapChild<T>(child: () => Promise<T>): Promise<T> {
      const start = performance.now();
      try {
        return await child();
      } finally {
        timer.ms += performance.now() - start;
        timer.count += 1;
      }
    },
  };
  return timer;
}

/** The whole from² → to² run in a process of its own: its seconds, child jobs and peak above idle. */
function memoryCase(from: number, to: number): { seconds: number; children: number; peakMiB: number } {
  const tsx = path.resolve("node_modules/.bin/tsx");
  const out = execFileSync(tsx, ["--expose-gc", "scripts/bench/ultimate-sd-upscale-memory-case.ts", String(from), String(to)], { encoding: "utf8", maxBuffer: 16 * 2 ** 20 });
  return JSON.parse(out.trim().split("\n").at(-1)!);
}

/** The time figures of the 1024² → 2048² Band pass run, and the share of it outside the child jobs' batches. */
export async function benchUltimateSdUpscaleTime(): Promise<Record<string, number>> {
  const job = await usduBenchJobs();
  const timed = new TimedProgress("bench-usdu-time");
  const children = childTimer();
  const params = await job(1024, 2048, "Band pass");
  const loadBefore = os.loadavg()[0];
  const start = performance.now();
  await runImg2img(params, timed, { wrapChild: children.wrapChild });
  const totalMs = performance.now() - start;
  return {
    "1024→2048 child jobs": children.count,
    "1024→2048 total s": totalMs / 1000,
    "1024→2048 child jobs s": children.ms / 1000,
    "total / child jobs": totalMs / children.ms,
    "1024→2048 child batches s": timed.batchMs / 1000,
    "share outside batches": 1 - timed.batchMs / totalMs,
    "1024→2048 load average": (loadBefore + os.loadavg()[0]) / 2,
  };
}

export async function benchUltimateSdUpscale(): Promise<Record<string, number>> {
  const figures = await benchUltimateSdUpscaleTime();
  for (const [from, to] of [[512, 2048], [1024, 4096]]) {
    const c = memoryCase(from, to);
    figures[`${from}→${to} peak MiB`] = c.peakMiB;
    figures[`${from}→${to} child jobs`] = c.children;
    figures[`${from}→${to} s`] = c.seconds;
    figures[`${from}→${to} load average`] = os.loadavg()[0];
  }
  figures["peak 4096 / 2048"] = figures["1024→4096 peak MiB"] / figures["512→2048 peak MiB"];
  return figures;
}

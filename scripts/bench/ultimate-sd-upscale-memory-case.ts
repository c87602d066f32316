// One memory case of the Ultimate SD Upscale benchmark in a process of its own (ultimate-sd-upscale.ts starts it),
// so that an earlier, larger run's memory cannot hide this one's: `tsx scripts/bench/ultimate-sd-upscale-memory-case.ts
// <from> <to>` runs the whole from² → to² job (seams fix None) after a warm-up and prints JSON with its seconds, its
// child jobs and the peak of both processes above their warmed-up idle figures.
import { performance } from "node:perf_hooks";
import { runImg2img } from "@/lib/pipeline/run-job";
import { JobProgress } from "@/lib/queue/job-progress";
import { idleMemory, measurePeak } from "./peak-memory";
import { usduBenchJobs } from "./ultimate-sd-upscale-job";

const MiB = 2 ** 20;
const [from, to] = process.argv.slice(2).map(Number);

async function main(): Promise<void> {
  const job = await usduBenchJobs();
  const params = await job(from, to, "None");
  global.gc?.();
  const idle = await idleMemory();
  let children = 0;
  const start = performance.now();
  const { peakAboveIdle } = await measurePeak(() => runImg2img(params, new JobProgress("bench-usdu-memory"), { wrapChild: (child) => (children++, child()) }), idle);
  console.log(JSON.stringify({ seconds: (performance.now() - start) / 1000, children, peakMiB: peakAboveIdle / MiB }));
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

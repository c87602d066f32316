// Peak resident memory above idle while `work` runs, counting both processes Onyx runs in: this one
// (the server's part: latents, pictures, PNGs) sampled every 20 ms, and the inference process, which
// samples itself every 2 ms during each call (inference-process.ts).
import { inferenceProcess } from "@/lib/models/inference-process";

export interface PeakMemory<T> {
  result: T;
  /** Bytes above the idle figures of both processes at the start. */
  peakAboveIdle: number;
  /** Both processes' resident memory at the start. */
  idle: number;
}

export async function measurePeak<T>(work: () => Promise<T>): Promise<PeakMemory<T>> {
  const host = inferenceProcess();
  await host.call({ op: "memory" }).catch(() => undefined);
  const [ownIdle, workerIdle] = [process.memoryUsage.rss(), host.rss];
  let ownPeak = ownIdle;
  const timer = setInterval(() => (ownPeak = Math.max(ownPeak, process.memoryUsage.rss())), 20);
  host.highWater = workerIdle;
  try {
    const result = await work();
    ownPeak = Math.max(ownPeak, process.memoryUsage.rss());
    return { result, peakAboveIdle: ownPeak - ownIdle + Math.max(0, host.highWater - workerIdle), idle: ownIdle + workerIdle };
  } finally {
    clearInterval(timer);
  }
}

/** Both processes' resident memory now. */
export async function residentMemory(): Promise<number> {
  const host = inferenceProcess();
  await host.call({ op: "memory" });
  return process.memoryUsage.rss() + host.rss;
}

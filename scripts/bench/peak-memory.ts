// Peak resident memory above idle while `work` runs, counting both processes Onyx runs in: this one
// (the server's part: latents, pictures, PNGs) sampled every 20 ms, and the inference process, which
// samples itself every 2 ms during each call (inference-process.ts).
import { inferenceProcess } from "@/lib/models/inference-process";

export interface Idle {
  own: number;
  worker: number;
}

/** Both processes' resident memory now (the inference process asked, so its figure is current). */
export async function idleMemory(): Promise<Idle> {
  const host = inferenceProcess();
  await host.call({ op: "memory" });
  return { own: process.memoryUsage.rss(), worker: host.rss };
}

/**
 * The peaks of both processes while `work` runs above `idle` (by default their figures at the start;
 * a fixed idle after a small job counts the arenas earlier jobs left behind as part of the peak).
 */
export async function measurePeak<T>(work: () => Promise<T>, idle?: Idle): Promise<{ result: T; peakAboveIdle: number }> {
  const host = inferenceProcess();
  const base = idle ?? (await idleMemory());
  let ownPeak = process.memoryUsage.rss();
  const timer = setInterval(() => (ownPeak = Math.max(ownPeak, process.memoryUsage.rss())), 20);
  host.highWater = host.rss;
  try {
    const result = await work();
    ownPeak = Math.max(ownPeak, process.memoryUsage.rss());
    return { result, peakAboveIdle: Math.max(0, ownPeak - base.own) + Math.max(0, host.highWater - base.worker) };
  } finally {
    clearInterval(timer);
  }
}

/** Both processes' resident memory now, in bytes. */
export async function residentMemory(): Promise<number> {
  const { own, worker } = await idleMemory();
  return own + worker;
}

// Admission by estimated memory (docs/memory.md#refusal-freeing-and-tiling): before a job makes its
// first model call, its peak is estimated (job-memory.ts) and compared with the memory available.
// Memory the inference process still holds from earlier jobs is handed back first when that makes the
// difference; when only the VAE decode would not fit, a script that decodes in tiles (Tiled VAE) is
// asked to take over; a job that still cannot fit is refused with what would make it fit. While it
// runs, a crash of the inference process fails it with the size it was at; after it, arenas far
// larger than the weights are handed back.
import { availableMemory, oomKillCount } from "@/lib/admission/available-memory";
import { estimateJob, jobMemoryPlan, type JobEstimate } from "@/lib/admission/job-memory";
import { inferenceProcess, isInferenceProcessError } from "@/lib/models/inference-process";
import type { Processing } from "@/lib/pipeline/processing";
import type { JobHooks } from "@/lib/scripts/job-hooks";
import type { MemoryPlan } from "@/lib/scripts/script";

/** Part of the available memory a job may plan to use (the estimate is an estimate; the OS needs some too). */
const USABLE_SHARE = 0.9;
/**
 * After a job, arenas holding more than max(this, the weights' memory) are handed back: a big picture's
 * (1024² and up on the fixtures), not the few hundred MB small jobs reuse (docs/memory.md#session-options-and-handing-memory-back).
 */
const RETURN_ABOVE = 512 * 1024 ** 2;

export class MemoryAdmissionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MemoryAdmissionError";
  }
}

/** By name, as Next.js bundles may hold separate copies of the class (see job-queue.ts). */
export function isMemoryAdmissionError(e: unknown): e is MemoryAdmissionError {
  return e instanceof Error && e.name === "MemoryAdmissionError";
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.max(1, Math.round(bytes / 1024 ** 2))} MB`;
}

function sizeLabel(p: Processing): string {
  return `${p.params.width}×${p.params.height}${p.params.batchSize > 1 ? ` (batch ${p.params.batchSize})` : ""}`;
}

/** Hands memory back after a job when the inference process holds far more than its weights. */
async function returnMemory(): Promise<void> {
  const host = inferenceProcess();
  if (host.heldByArenas > Math.max(RETURN_ABOVE, host.loadedRss)) await host.reloadSessions();
}

/** The estimate of the same job at `scale` × its size (what a smaller picture would need), scripts' tiling included. */
function estimateAtScale(p: Processing, hooks: JobHooks, scale: number): number {
  const scaled = (calls: MemoryPlan["unet"]) => calls.map((c) => ({ ...c, pixels: c.pixels * scale * scale }));
  const plan = jobMemoryPlan(p);
  const resized: MemoryPlan = { unet: scaled(plan.unet), vaeDecode: scaled(plan.vaeDecode), vaeEncode: scaled(plan.vaeEncode), extraBytes: plan.extraBytes * scale * scale };
  return estimateJob(p.model, hooks.memoryPlan(resized), p.graph.attention).total;
}

/** What would make the job fit, for the refusal's message. */
function suggestions(p: Processing, hooks: JobHooks, estimate: JobEstimate, usable: number): string[] {
  const out: string[] = [];
  let [low, high] = [0, 1];
  for (let i = 0; i < 20; i++) {
    const mid = (low + high) / 2;
    if (estimateAtScale(p, hooks, mid) <= usable) low = mid;
    else high = mid;
  }
  const side = (n: number) => Math.max(64, Math.floor((n * low) / 64) * 64);
  if (low > 0) out.push(`a smaller size (about ${side(p.params.width)}×${side(p.params.height)} fits)`);
  if (p.params.batchSize > 1) out.push("batch size 1");
  if (estimate.vaeDecode + estimate.vaeEncode >= estimate.unet) out.push(estimate.vaeEncode > 0 ? "Tiled VAE for the decode and encode" : "Tiled VAE for the decode");
  else out.push("Tiled Diffusion for the UNet");
  if (!p.params.enableHr && p.kind === "txt2img") out.push("hires fix from a smaller first pass");
  return out;
}

/** Estimates the job, frees or tiles what is needed, or throws MemoryAdmissionError. */
async function admit(p: Processing, hooks: JobHooks): Promise<void> {
  const plan = hooks.memoryPlan(jobMemoryPlan(p));
  const estimate = estimateJob(p.model, plan, p.graph.attention);
  let usable = availableMemory() * USABLE_SHARE;
  if (estimate.total <= usable) return;
  // Arenas held from earlier, larger jobs are memory the system does not count as available.
  if (inferenceProcess().heldByArenas > 0) {
    await inferenceProcess().reloadSessions();
    usable = availableMemory() * USABLE_SHARE;
    if (estimate.total <= usable) return;
  }
  if (estimate.total - estimate.vaeDecode <= usable) {
    const taken = hooks.fitVaeDecode(plan);
    if (taken && estimateJob(p.model, taken.plan, p.graph.attention).total <= usable) {
      p.extraGenerationParams.set("Tiled VAE", "auto");
      console.log(`${sizeLabel(p)}: the whole VAE decode needs about ${formatBytes(estimate.vaeDecode)}; decoding in tiles with ${taken.script}`);
      return;
    }
  }
  const parts = [`UNet ${formatBytes(estimate.unet)}`, `VAE decode ${formatBytes(estimate.vaeDecode)}`];
  if (estimate.vaeEncode) parts.push(`VAE encode ${formatBytes(estimate.vaeEncode)}`);
  throw new MemoryAdmissionError(
    `${sizeLabel(p)} needs an estimated ${formatBytes(estimate.total)} of memory (${parts.join(", ")}), ` +
      `but ${formatBytes(usable / USABLE_SHARE)} is available. It would fit with ${suggestions(p, hooks, estimate, usable).join(", or ")}.`,
  );
}

/** Runs a job's model work admitted by memory, with the crash message and memory return around it. */
export async function runAdmitted<T>(p: Processing, hooks: JobHooks, body: () => Promise<T>): Promise<T> {
  await admit(p, hooks);
  const oomKills = oomKillCount();
  try {
    return await body();
  } catch (e) {
    if (!isInferenceProcessError(e)) throw e;
    // A SIGKILL is the out-of-memory killer's unless the kernel's count of its kills says otherwise.
    const outOfMemory = e.signal === "SIGKILL" && (oomKills === null || oomKillCount() !== oomKills);
    const what = outOfMemory ? "the model ran out of memory" : e.message;
    throw new Error(`${what} at ${sizeLabel(p)}; the job was stopped, and the next one starts a new inference process`);
  } finally {
    await returnMemory();
  }
}

// No request can kill the server (docs/memory.md#the-inference-process): a picture that cannot fit in memory is refused
// before any model call while the server keeps answering; a killed inference process fails only the
// job that was running, saving nothing of it, and the next job gets a new one; a killed server is
// started again by `npm start` (the test waits until it answers again).
import { describe, expect, inject, it } from "vitest";
import { outputFiles } from "./outputs";
import { inferenceProcessOf, peakMemory, serverProcess } from "./processes";
import { getJson, postJson } from "./sdapi";

const baseUrl = inject("baseUrl");
const startPid = inject("startPid");

const txt2img = (body: Record<string, unknown>) => postJson("/sdapi/v1/txt2img", { prompt: "a lighthouse", seed: 5, ...body });
const small = { width: 64, height: 64, steps: 1 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = await probe().catch(() => undefined);
    if (found !== undefined) return found;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const MiB = 2 ** 20;

describe("admission by estimated memory", () => {
  // Not 8192² alone: with Tiled VAE installed its decode is tiled and the job may fit on a big machine (docs/memory.md);
  // four pictures at the largest size allowed cannot fit anywhere (the UNet's activations alone exceed 40 GB).
  it("refuses 16384×16384 (batch 4) with a 413 before any model call, answers /progress meanwhile, then runs a small job", async () => {
    expect((await txt2img(small)).status).toBe(200);
    const worker = inferenceProcessOf(startPid);
    expect(worker).toBeDefined();
    const peakBefore = peakMemory(worker!.pid);

    let settled = false;
    const refused = txt2img({ width: 16384, height: 16384, batch_size: 4, steps: 1 }).finally(() => (settled = true));
    const polls: number[] = [];
    do {
      polls.push((await fetch(`${baseUrl}/sdapi/v1/progress`)).status);
      await sleep(50);
    } while (!settled);
    const res = await refused;
    expect(res.status).toBe(413);
    const body = await res.json();
    expect(body.detail).toMatch(/^16384×16384 \(batch 4\) needs an estimated [\d.]+ GB of memory \(UNet [\d.]+ [GM]B, VAE decode [\d.]+ [GM]B\), but [\d.]+ GB is available\. It would fit with a smaller size \(about \d+×\d+ fits\)/);
    expect(polls.every((s) => s === 200)).toBe(true);
    // The inference process never ran anything of that size: its peak memory did not move.
    expect(peakMemory(worker!.pid) - peakBefore).toBeLessThan(256 * MiB);

    expect((await txt2img(small)).status).toBe(200);
  });
});

describe("a killed inference process", () => {
  it("fails the running job with a clear message, saves nothing of it, and the next job gets a new process", async () => {
    const before = outputFiles();
    const job = txt2img({ width: 256, height: 256, steps: 150, save_images: true });
    await until(async () => {
      const progress = await getJson<{ state: { sampling_step: number } }>("/sdapi/v1/progress");
      return progress.state.sampling_step >= 1 ? true : undefined;
    }, "sampling to start");
    const worker = inferenceProcessOf(startPid)!;
    process.kill(worker.pid, "SIGKILL");

    const res = await job;
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.errors).toMatch(/^(the inference process was killed \(SIGKILL\)|the model ran out of memory) at 256×256; the job was stopped, and the next one starts a new inference process$/);
    expect(outputFiles()).toEqual(before);

    const next = await txt2img({ ...small, save_images: true });
    expect(next.status).toBe(200);
    expect(outputFiles().length).toBe(before.length + 1);
    expect(inferenceProcessOf(startPid)?.pid).not.toBe(worker.pid);
  });
});

describe("a killed server", () => {
  it("is started again by npm start and serves the next job", async () => {
    const server = serverProcess(startPid);
    expect(server).toBeDefined();
    process.kill(server!.pid, "SIGKILL");
    await until(async () => {
      const restarted = serverProcess(startPid);
      if (!restarted || restarted.pid === server!.pid) return undefined;
      return (await fetch(`${baseUrl}/sdapi/v1/progress`)).ok ? true : undefined;
    }, "the restarted server", 170_000);
    expect((await txt2img(small)).status).toBe(200);
  }, 180_000);
});

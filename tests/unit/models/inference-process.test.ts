// The inference process: sessions live in a child process; when it dies mid-call, the calls in
// flight fail with an InferenceProcessError naming the signal, and the same session handles work
// again in a new process. Per-model memory figures: the probes' scaling reads off each dimension.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { availableMemory } from "@/lib/admission/available-memory";
import { onyxPaths } from "@/lib/config";
import { inferenceProcess, isInferenceProcessError } from "@/lib/models/inference-process";
import { callPeak, measureComponent, PROBES, type CallShape } from "@/lib/models/memory-profile";
import { freeResident, OnnxSession, type OutputTensor } from "@/lib/models/onnx-session";

const esrgan = () => path.join(onyxPaths().models, "ESRGAN/onyx-esrgan-4x.onnx");
const image = (side: number) => ({ input: { data: new Float32Array(3 * side * side).fill(0.5), shape: [1, 3, side, side] } });

describe("the inference process", () => {
  it("fails the call in flight when killed, and the same session runs again in a new process", async () => {
    const host = inferenceProcess();
    const session = await OnnxSession.open(esrgan());
    const ok = await session.run(image(8));
    const firstPid = host.pid!;
    const running = session.run(image(512));
    process.kill(firstPid, "SIGKILL");
    const error = await running.then(() => null, (e: unknown) => e);
    expect(isInferenceProcessError(error)).toBe(true);
    expect((error as Error).message).toBe("the inference process was killed (SIGKILL)");
    const again = await session.run(image(8));
    expect(host.pid).not.toBe(firstPid);
    expect(Array.from(again[session.outputs[0].name].data)).toEqual(Array.from(ok[session.outputs[0].name].data));
  });

  it("keeps a run's outputs resident for later runs (also past its session's release), frees them, and refuses freed or lost ones", async () => {
    const session = await OnnxSession.open(esrgan());
    const out = session.outputs[0].name;
    const { outputs, kept } = await session.runKeeping(image(8), [out]);
    expect(outputs).toEqual({});
    expect(kept[out].shape).toEqual([1, 3, 32, 32]);
    // The same tensor fed as data and as the resident copy: the same second upscale.
    const asData = (await session.run(image(8)))[out];
    // Released (its arena handed back), the session opens again on its next run; the kept tensor outlives it.
    await session.release();
    const second = (await session.run({ input: kept[out] }))[out];
    expect(second.shape).toEqual([1, 3, 128, 128]);
    expect(Array.from(second.data)).toEqual(Array.from((await session.run({ input: asData }))[out].data));
    await freeResident([kept[out]]);
    await expect(session.run({ input: kept[out] })).rejects.toThrow(/is not kept/);
    await expect(session.runKeeping(image(8), ["no_such_output"])).rejects.toThrow(/has no output "no_such_output"/);
    const lost = (await session.runKeeping(image(8), [out])).kept[out];
    process.kill(inferenceProcess().pid!, "SIGKILL");
    await expect(session.run(image(8)).catch(() => session.run(image(8)))).resolves.toBeDefined();
    await expect(session.run({ input: lost })).rejects.toThrow(/lost when the inference process restarted/);
  });

  it("reloading the sessions hands their arenas back and keeps them usable", async () => {
    const host = inferenceProcess();
    const session = await OnnxSession.open(esrgan());
    await session.run(image(256));
    const held = host.rss;
    expect(host.heldByArenas).toBeGreaterThan(50 * 2 ** 20);
    await host.reloadSessions();
    expect(held - host.rss).toBeGreaterThan(50 * 2 ** 20);
    expect((await session.run(image(8)))[session.outputs[0].name].shape).toEqual([1, 3, 32, 32]);
  });
});

describe("memory figures from two probes", () => {
  it("read batch, picture and prompt dependence off the ratios and extrapolate linearly", async () => {
    // A fake component: 1 MB fixed, 1 kB per batch·pixel; one self-attention (L = 8·batch, N = M = pixels/4)
    // and one cross-attention (M = prompt tokens).
    const fake = async (s: CallShape) => {
      const profile = (k: number, values: number[]): [string, OutputTensor] => [`onyx_attention_profile_${k}`, { data: Float32Array.from(values), shape: [3] }];
      const outputs = Object.fromEntries([profile(0, [8 * s.batch, s.pixels / 4, s.pixels / 4]), profile(1, [8 * s.batch, s.pixels / 4, s.context])]);
      // The probes' attention runs 16 query rows at a time: two score chunks of the larger attention.
      const attention = 2 * 4 * 8 * s.batch * 16 * Math.max(s.pixels / 4, s.context);
      return { outputs, memory: { rssBefore: 100e6, rss: 101e6, peakRss: 100e6 + 1e6 + 1000 * s.batch * s.pixels + attention } };
    };
    const memory = await measureComponent(fake);
    expect(memory.attention[0]).toMatchObject({ l: { batch: 1, pixels: 0, context: 0 }, n: { batch: 0, pixels: 1, context: 0 }, m: { batch: 0, pixels: 1, context: 0 } });
    expect(memory.attention[1].m).toMatchObject({ batch: 0, pixels: 0, context: 1, value: PROBES[0].context });
    expect(memory.perPixel).toBeCloseTo(1000, 6);
    expect(memory.base).toBeCloseTo(1e6, 0);
    const whole = { limit: 2 ** 62, rows: 1024, budget: 2 ** 62 };
    const big: CallShape = { batch: 2, pixels: 128 * 128, context: 77 };
    const scores = 2 * 4 * 16 * 4096 * 4096;
    expect(callPeak(memory, big, whole)).toBeCloseTo(memory.base + memory.perPixel * 2 * 128 * 128 + scores, -3);
    // In chunks of at most 1024 rows: a quarter of the rows at a time.
    expect(callPeak(memory, big, { limit: 0, rows: 1024, budget: 2 ** 62 })).toBeCloseTo(memory.base + memory.perPixel * 2 * 128 * 128 + scores / 4, -3);
  });

  it("ONYX_MAX_JOB_MEMORY caps the memory a job may plan with", () => {
    expect(availableMemory({ ONYX_MAX_JOB_MEMORY: "512M" })).toBe(512 * 2 ** 20);
    expect(availableMemory({ ONYX_MAX_JOB_MEMORY: "1.5G" })).toBe(1.5 * 2 ** 30);
    expect(availableMemory({})).toBeGreaterThan(512 * 2 ** 20);
  });
});

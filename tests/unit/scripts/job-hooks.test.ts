// Hooks are scoped to one job: installed for its body, gone afterwards (also after a throw), in a
// stable order. A fake job stands in for Processing (same shape as HookableJob).
import { describe, expect, it } from "vitest";
import type { InfotextValue } from "@/lib/infotext/values";
import type { UnetBatch, UnetFn } from "@/lib/pipeline/unet-call";
import { JobProgress } from "@/lib/queue/job-progress";
import { jobHooks, orderScripts, withScripts, type HookableJob } from "@/lib/scripts/job-hooks";
import { defineScript } from "@/lib/scripts/script";
import type { ScriptServices } from "@/lib/scripts/script-services";
import { defaultOptions } from "@/lib/settings/options";

const fakeJob = (): HookableJob => ({ kind: "txt2img", extraGenerationParams: new Map<string, InfotextValue>() });
// Only what these hooks read; the real services need a loaded model (tests/unit/pipeline/script-services.test.ts).
const services = {
  progress: new JobProgress("test"),
  settings: defaultOptions(),
  upscalers: { list: () => [], upscale: async (img: unknown) => img },
  saveImage: async () => ({ relativePath: "x.png" }),
  runChild: async () => ({ images: [], info: {} }),
} as unknown as ScriptServices;
const batch = { x: { data: new Float32Array(1), shape: [1, 1, 1, 1] }, timesteps: [1], sigmas: [1], context: { data: new Float32Array(1), shape: [1, 1, 1] }, imageCond: null, step: 0, totalSteps: 1 } as UnetBatch;
const bareUnet: UnetFn = async () => new Float32Array(1);

/** A script that records, in `log`, each hook it takes part in under its own tag. */
function tracer(tag: string, log: string[], kind: "alwaysOn" | "selectable" = "alwaysOn") {
  return defineScript({
    title: tag,
    tabs: ["txt2img"],
    kind,
    params: [{ name: "gain", type: "number", default: 2 }],
    hooks: {
      process: (ctx) => {
        log.push(`${tag}.process`);
        ctx.setInfotext(tag, ctx.args.gain);
      },
      wrapUnet: (inner) => async (b) => {
        log.push(`${tag}.unet>`);
        const out = await inner(b);
        log.push(`${tag}.unet<`);
        return out;
      },
      samplerOverride: (_ctx, current) => ({ ...current, sampler: `${current.sampler}+${tag}` }),
      initialNoise: (_ctx, noise) => ({ ...noise, data: noise.data.map((v) => v + 1) }),
      wrapVaeDecode: (inner) => async (x) => {
        log.push(`${tag}.vae`);
        return inner(x);
      },
      postprocessImage: (_ctx, { image }) => ({ ...image, width: image.width + 1 }),
      postprocess: () => void log.push(`${tag}.postprocess`),
      ...(kind === "selectable" ? { run: async () => ({ images: [], info: { ranBy: tag } }) } : {}),
    },
  });
}

describe("withScripts", () => {
  it("installs hooks in order for the body and leaves nothing behind", async () => {
    const job = fakeJob();
    const log: string[] = [];
    const scripts = orderScripts(
      [
        { script: tracer("plot", log, "selectable"), args: { gain: 1 } },
        { script: tracer("a", log), args: { gain: 3 } },
        { script: tracer("b", log), args: { gain: 4 } },
      ],
      "plot",
    );
    expect(scripts.map((s) => s.script.id)).toEqual(["a", "b", "plot"]);

    await withScripts(job, scripts, services, async (hooks) => {
      expect(jobHooks(job)).toBe(hooks);
      await hooks.process();
      expect([...job.extraGenerationParams]).toEqual([["a", 3], ["b", 4], ["plot", 1]]);
      await hooks.wrapUnet(async () => {
        log.push("unet");
        return new Float32Array(1);
      })(batch);
      expect(hooks.samplerChoice({ sampler: "Euler", scheduler: "Karras" })).toEqual({ sampler: "Euler+a+b+plot", scheduler: "Karras" });
      const noise = await hooks.initialNoise({ data: new Float32Array([0]), shape: [1] }, { seeds: [1], shape: [4, 8, 8] });
      expect(noise.data[0]).toBe(3);
      await hooks.wrapVaeDecode(async (x) => x)({ data: new Float32Array(1), shape: [1] });
      const image = await hooks.postprocessImage({ index: 0, image: { width: 10, height: 10, data: new Uint8Array(300) } });
      expect(image.width).toBe(13);
      expect(await hooks.run!()).toEqual({ images: [], info: { ranBy: "plot" } });
      await hooks.postprocess({ images: [], info: {} });
    });
    expect(log).toEqual([
      "a.process", "b.process", "plot.process",
      "a.unet>", "b.unet>", "plot.unet>", "unet", "plot.unet<", "b.unet<", "a.unet<",
      "a.vae", "b.vae", "plot.vae",
      "a.postprocess", "b.postprocess", "plot.postprocess",
    ]);
    expect(jobHooks(job).wrapUnet(bareUnet)).toBe(bareUnet);
    expect(jobHooks(job).run).toBeNull();
    expect(jobHooks(job).samplerChoice({ sampler: "Euler", scheduler: "Karras" })).toEqual({ sampler: "Euler", scheduler: "Karras" });
  });

  it("unwinds after the job throws", async () => {
    const job = fakeJob();
    const failing = withScripts(job, [{ script: tracer("a", []), args: { gain: 1 } }], services, async (hooks) => {
      expect(hooks.wrapUnet(bareUnet)).not.toBe(bareUnet);
      throw new Error("out of memory");
    });
    await expect(failing).rejects.toThrow("out of memory");
    expect(jobHooks(job).wrapUnet(bareUnet)).toBe(bareUnet);
    expect(jobHooks(job).run).toBeNull();
    // The job can host scripts again.
    await withScripts(job, [], services, async () => {});
  });

  it("a throwing process hook is reported and the others still run; scripts of the other tab are skipped", async () => {
    const job = fakeJob();
    const errors: string[] = [];
    const broken = defineScript({ title: "Broken", tabs: ["txt2img"], kind: "alwaysOn", params: [], hooks: { process: () => { throw new Error("boom"); } } });
    const img2imgOnly = defineScript({ title: "I2I", tabs: ["img2img"], kind: "alwaysOn", params: [], hooks: { process: (ctx) => ctx.setInfotext("i2i", 1) } });
    const ok = defineScript({ title: "Ok", tabs: ["txt2img"], kind: "alwaysOn", params: [], hooks: { process: (ctx) => ctx.setInfotext("ok", true) } });
    await withScripts(job, [broken, img2imgOnly, ok].map((script) => ({ script, args: {} })), services, (hooks) => hooks.process(), (e, where) => errors.push(`${where}: ${(e as Error).message}`));
    expect(errors).toEqual(["Broken.process: boom"]);
    expect([...job.extraGenerationParams]).toEqual([["ok", true]]);
  });

  it("refuses to install twice on one job", async () => {
    const job = fakeJob();
    await withScripts(job, [], services, async () => {
      await expect(withScripts(job, [], services, async () => {})).rejects.toThrow("already installed");
    });
  });
});

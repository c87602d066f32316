import { describe, expect, it } from "vitest";
import { generationParamsSchema } from "@/lib/pipeline/params";
import { defaultTxt2imgForm, toGenerationInput } from "@/app/ui/txt2img/txt2img-form";

const samplers = ["DPM++ 2M", "Euler a"];
const schedules = ["Automatic", "Karras"];

describe("txt2img form", () => {
  it("opens with A1111's UI defaults (docs/a1111/generation.md#parameters-and-defaults)", () => {
    expect(defaultTxt2imgForm(samplers, schedules)).toEqual({
      prompt: "",
      negativePrompt: "",
      styles: [],
      samplerName: "DPM++ 2M",
      scheduler: "Automatic",
      steps: 20,
      width: 512,
      height: 512,
      nIter: 1,
      batchSize: 1,
      cfgScale: 7,
      seed: -1,
      extra: false,
      subseed: -1,
      subseedStrength: 0,
      seedResizeFromW: 0,
      seedResizeFromH: 0,
      // Hires fix (docs/a1111/generation.md#hires-fix): off, Latent, steps 0 = same, denoising 0.7, upscale by 2, resize 0×0.
      enableHr: false,
      hrUpscaler: "Latent",
      hrSecondPassSteps: 0,
      denoisingStrength: 0.7,
      hrScale: 2,
      hrResizeX: 0,
      hrResizeY: 0,
      hrSamplerName: "Use same sampler",
      hrScheduler: "Use same scheduler",
      hrPrompt: "",
      hrNegativePrompt: "",
      overrideSettings: {},
    });
  });

  it("takes the first sampler and schedule of the lists it is given", () => {
    const form = defaultTxt2imgForm(["Euler"], ["Karras"]);
    expect([form.samplerName, form.scheduler]).toEqual(["Euler", "Karras"]);
  });

  it("drops hidden variation controls when Extra is unticked", () => {
    const form = { ...defaultTxt2imgForm(samplers, schedules), subseed: 42, subseedStrength: 0.6, seedResizeFromW: 256, seedResizeFromH: 320 };
    const input = toGenerationInput(form);
    expect(input).toMatchObject({ subseed: -1, subseedStrength: 0, seedResizeFromW: 0, seedResizeFromH: 0 });
    expect("extra" in input).toBe(false);
  });

  it("passes the variation controls through when Extra is ticked, and the server schema accepts them", () => {
    const form = { ...defaultTxt2imgForm(samplers, schedules), extra: true, seed: 5, subseed: 42, subseedStrength: 0.6, seedResizeFromW: 256, seedResizeFromH: 320 };
    const params = generationParamsSchema.parse(toGenerationInput(form));
    expect(params).toMatchObject({ seed: 5, subseed: 42, subseedStrength: 0.6, seedResizeFromW: 256, seedResizeFromH: 320 });
  });
});

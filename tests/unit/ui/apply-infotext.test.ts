import { describe, expect, it } from "vitest";
import { parseGenerationParameters } from "@/lib/infotext/parser";
import { generationParamsSchema } from "@/lib/pipeline/params";
import { defaultOptions } from "@/lib/settings/options";
import { applyInfotext, overrideLabel, overridesFromInfotext } from "@/app/ui/txt2img/apply-infotext";
import { defaultTxt2imgForm, toGenerationInput } from "@/app/ui/txt2img/txt2img-form";

const samplers = ["DPM++ 2M", "Euler a", "Euler", "DPM++ SDE"];
const schedules = ["Automatic", "Uniform", "Karras", "Exponential"];
const blank = () => defaultTxt2imgForm(samplers, schedules);
const paste = (infotext: string, form = blank(), options = defaultOptions()) => applyInfotext(form, parseGenerationParameters(infotext), options);

describe("applyInfotext: controls", () => {
  it("fills every txt2img control from an A1111 infotext", () => {
    const form = paste(
      "a red fox, snow\nNegative prompt: blurry\nSteps: 31, Sampler: Euler a, Schedule type: Automatic, CFG scale: 6.5, Seed: 4242, Size: 640x384, Model hash: 0123456789, Model: sd15, Batch size: 3, Version: v1.10.1",
    );
    expect(form).toMatchObject({
      prompt: "a red fox, snow",
      negativePrompt: "blurry",
      steps: 31,
      samplerName: "Euler a",
      scheduler: "Automatic",
      cfgScale: 6.5,
      seed: 4242,
      width: 640,
      height: 384,
      batchSize: 3,
      extra: false,
      overrideSettings: {},
    });
    // Batch count is not in infotext; it keeps what the form had.
    expect(form.nIter).toBe(1);
  });

  it("reads a sampler's own default schedule back as Automatic (DPM++ 2M writes Karras)", () => {
    const form = paste("x\nSteps: 20, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7, Seed: 1, Size: 512x512");
    expect([form.samplerName, form.scheduler]).toEqual(["DPM++ 2M", "Automatic"]);
  });

  it("keeps a schedule that is not the sampler's default", () => {
    const form = paste("x\nSteps: 20, Sampler: Euler, Schedule type: Karras, CFG scale: 7, Seed: 1, Size: 512x512");
    expect([form.samplerName, form.scheduler]).toEqual(["Euler", "Karras"]);
  });

  it("splits old combined names: 'DPM++ SDE Karras' → DPM++ SDE + Automatic, 'Euler a Exponential' → Euler a + Exponential", () => {
    const old = paste("x\nSteps: 20, Sampler: DPM++ SDE Karras, CFG scale: 7, Seed: 1, Size: 512x512");
    expect([old.samplerName, old.scheduler]).toEqual(["DPM++ SDE", "Automatic"]);
    const exp = paste("x\nSteps: 20, Sampler: Euler a Exponential, CFG scale: 7, Seed: 1, Size: 512x512");
    expect([exp.samplerName, exp.scheduler]).toEqual(["Euler a", "Exponential"]);
  });

  it("resolves sampler aliases (k_euler_a) and falls back to the first sampler for unknown or missing names", () => {
    expect(paste("x\nSteps: 20, Sampler: k_euler_a, CFG scale: 7, Seed: 1").samplerName).toBe("Euler a");
    const start = { ...blank(), samplerName: "Euler", scheduler: "Karras" };
    const unknown = paste("x\nSteps: 20, Sampler: Nonexistent sampler, CFG scale: 7, Seed: 1", start);
    expect([unknown.samplerName, unknown.scheduler]).toEqual(["DPM++ 2M", "Automatic"]);
    const missing = paste("x\nSteps: 20, CFG scale: 7, Seed: 1", start);
    expect(missing.samplerName).toBe("DPM++ 2M");
  });

  it("ticks Extra and fills the variation controls when the infotext has them", () => {
    const form = paste("x\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 10, Size: 512x512, Variation seed: 77, Variation seed strength: 0.35, Seed resize from: 320x256");
    expect(form).toMatchObject({ extra: true, subseed: 77, subseedStrength: 0.35, seedResizeFromW: 320, seedResizeFromH: 256 });
    // And those reach the job (toGenerationInput only drops them with Extra unticked).
    expect(generationParamsSchema.parse(toGenerationInput(form))).toMatchObject({ seed: 10, subseed: 77, subseedStrength: 0.35, seedResizeFromW: 320, seedResizeFromH: 256 });
  });

  it("unticks Extra when the infotext has neither a variation seed nor a seed resize", () => {
    const form = paste("x\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 10", { ...blank(), extra: true, subseed: 5 });
    expect(form.extra).toBe(false);
    expect(form.subseed).toBe(5);
  });

  it("leaves controls alone whose key is absent or unreadable, and takes a prompt-only text as the prompt", () => {
    const start = { ...blank(), steps: 44, cfgScale: 9, width: 768, height: 256, seed: 123 };
    const form = paste("just a prompt line\nwith a second line", start);
    expect(form).toMatchObject({ prompt: "just a prompt line\nwith a second line", negativePrompt: "", steps: 44, cfgScale: 9, width: 768, height: 256, seed: 123 });
    expect(paste("x\nSteps: many, Sampler: Euler, CFG scale: 7", start).steps).toBe(44);
  });

  it("reads multi-line prompts and negative prompts", () => {
    const form = paste("line one\nline two\nNegative prompt: bad\nworse\nSteps: 5, Sampler: Euler, CFG scale: 7");
    expect([form.prompt, form.negativePrompt]).toEqual(["line one\nline two", "bad\nworse"]);
  });
});

describe("applyInfotext: override settings", () => {
  it("turns setting keys that differ from the current settings into overrides, with typed values", () => {
    const params = parseGenerationParameters(
      "x\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 512x512, Clip skip: 2, ENSD: 31337, RNG: CPU, Eta: 0.5, Pad conds: True, UniPC order: 2",
    );
    expect(overridesFromInfotext(params, defaultOptions())).toEqual({
      CLIP_stop_at_last_layers: 2,
      eta_noise_seed_delta: 31337,
      randn_source: "CPU",
      eta_ancestral: 0.5,
      pad_cond_uncond: true,
      uni_pc_order: 2,
    });
  });

  it("gives no override for a value equal to the current setting, including the parser's added defaults", () => {
    // The parser adds Clip skip 1, RNG GPU and the schedule sigma/rho 0 defaults: all equal A1111's defaults.
    const params = parseGenerationParameters("x\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 512x512");
    expect(params["Clip skip"]).toBe("1");
    expect(overridesFromInfotext(params, defaultOptions())).toEqual({});
    // …but with Clip skip set to 2 in Settings, pasting "Clip skip: 1" (added by the parser) overrides back to 1.
    expect(overridesFromInfotext(params, { ...defaultOptions(), CLIP_stop_at_last_layers: 2 })).toEqual({ CLIP_stop_at_last_layers: 1 });
  });

  it("ignores Model hash / Model, and values the setting refuses", () => {
    const params = parseGenerationParameters("x\nSteps: 20, Sampler: Euler, CFG scale: 7, Model hash: abcdef1234, Model: other, Clip skip: 99, RNG: TPU, Emphasis: No norm");
    expect(overridesFromInfotext(params, defaultOptions())).toEqual({ emphasis: "No norm" });
  });

  it("reads boolean settings the way Python's bool() reads text", () => {
    const on = parseGenerationParameters("x\nSteps: 20, Sampler: Euler, CFG scale: 7, SGM noise multiplier: True");
    expect(overridesFromInfotext(on, defaultOptions())).toEqual({ sgm_noise_multiplier: true });
    const off = parseGenerationParameters("x\nSteps: 20, Sampler: Euler, CFG scale: 7, SGM noise multiplier: False");
    expect(overridesFromInfotext(off, { ...defaultOptions(), sgm_noise_multiplier: true })).toEqual({ sgm_noise_multiplier: false });
  });

  it("replaces earlier overrides on the form and sends them with the job", () => {
    const start = { ...blank(), overrideSettings: { eta_ancestral: 0.2 } };
    const form = paste("x\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Clip skip: 2", start);
    expect(form.overrideSettings).toEqual({ CLIP_stop_at_last_layers: 2 });
    expect(generationParamsSchema.parse(toGenerationInput(form)).overrideSettings).toEqual({ CLIP_stop_at_last_layers: 2 });
  });

  it("labels a chip with the infotext name", () => {
    expect(overrideLabel("CLIP_stop_at_last_layers", 2)).toBe("Clip skip: 2");
    expect(overrideLabel("randn_source", "CPU")).toBe("RNG: CPU");
  });
});

describe("applyInfotext: styles", () => {
  const styles = [{ name: "framed", prompt: "a painting of {prompt}", negativePrompt: "" }];
  it("selects the styles the parser recognised and leaves the prompt without their text", () => {
    const form = applyInfotext(blank(), parseGenerationParameters("a painting of a fox\nSteps: 20, Seed: 1, Size: 512x512", { styles }), defaultOptions());
    expect([form.prompt, form.styles]).toEqual(["a fox", ["framed"]]);
  });
  it("keeps the selection when the infotext names no styles", () => {
    const form = applyInfotext({ ...blank(), styles: ["framed"] }, parseGenerationParameters("a fox\nSteps: 20, Seed: 1, Size: 512x512", { styles }), defaultOptions());
    expect(form.styles).toEqual(["framed"]);
  });
});

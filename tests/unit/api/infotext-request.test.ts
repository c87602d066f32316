import { describe, expect, it } from "vitest";
import { applyInfotext } from "@/lib/api/infotext-request";
import { parseRequestModel } from "@/lib/api/request-body";
import { txt2imgRequestSchema } from "@/lib/api/txt2img-request";
import { defaultOptions } from "@/lib/settings/options";

const INFOTEXT = [
  "a castle, detailed",
  "Negative prompt: blurry",
  "Steps: 12, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 5.5, Seed: 1234, Size: 320x192, Variation seed: 99, Variation seed strength: 0.3, Seed resize from: 256x128, Clip skip: 2, ENSD: 0",
].join("\n");

const apply = (body: Record<string, unknown>) => {
  const { data, sentKeys } = parseRequestModel(txt2imgRequestSchema, body);
  return applyInfotext(data, sentKeys, defaultOptions());
};

describe("the infotext request field (docs/a1111/infotext.md#pasting)", () => {
  it("fills the fields the request did not send", () => {
    const r = apply({ infotext: INFOTEXT });
    expect(r).toMatchObject({
      prompt: "a castle, detailed", negative_prompt: "blurry", steps: 12, sampler_name: "DPM++ 2M", scheduler: "Karras",
      cfg_scale: 5.5, seed: 1234, width: 320, height: 192, subseed: 99, subseed_strength: 0.3,
    });
  });

  it("maps Seed resize from -1/-2 to h/w, swapped as A1111's API path does (docs/a1111/quirks.md#q18)", () => {
    expect(apply({ infotext: INFOTEXT })).toMatchObject({ seed_resize_from_h: 256, seed_resize_from_w: 128 });
  });

  it("keeps every field the client sent, even when it equals the default", () => {
    expect(apply({ infotext: INFOTEXT, steps: 50, prompt: "mine" })).toMatchObject({ steps: 50, prompt: "mine", seed: 1234 });
  });

  it("adds differing settings to override_settings unless already overridden; equal ones are left out", () => {
    expect(apply({ infotext: INFOTEXT }).override_settings).toEqual({ CLIP_stop_at_last_layers: 2 });
    expect(apply({ infotext: INFOTEXT, override_settings: { CLIP_stop_at_last_layers: 3 } }).override_settings).toEqual({ CLIP_stop_at_last_layers: 3 });
  });

  it("turns Hires fix on when Denoising strength is present (the parser always adds Hires resize-1, docs/a1111/quirks.md#q17)", () => {
    expect(apply({ infotext: "x\nSteps: 20, Sampler: Euler, Denoising strength: 0.5" }).enable_hr).toBe(true);
    expect(apply({ infotext: INFOTEXT }).enable_hr).toBe(false);
  });

  it("leaves the request alone without an infotext", () => {
    const { data, sentKeys } = parseRequestModel(txt2imgRequestSchema, { steps: 3 });
    expect(applyInfotext(data, sentKeys, defaultOptions())).toBe(data);
  });
});

describe("the infotext field on img2img requests", () => {
  it("fills img2img's own keys and never adds txt2img's hires fields", async () => {
    const { img2imgRequestSchema } = await import("@/lib/api/img2img-request");
    const text = "a cat\nSteps: 9, Sampler: Euler, CFG scale: 6, Seed: 5, Size: 64x64, Denoising strength: 0.4, Mask blur: 8, Masked area padding: 16, Hires upscale: 2";
    const { data, sentKeys } = parseRequestModel(img2imgRequestSchema, { infotext: text, mask_blur: 2 });
    const r = applyInfotext(data, sentKeys, defaultOptions());
    expect(r).toMatchObject({ prompt: "a cat", steps: 9, denoising_strength: 0.4, inpaint_full_res_padding: 16, mask_blur: 2 });
    expect("enable_hr" in r || "hr_scale" in r).toBe(false);
  });
});

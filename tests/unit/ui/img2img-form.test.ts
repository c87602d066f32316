import { describe, expect, it } from "vitest";
import { applyImg2imgInfotext } from "@/app/ui/img2img/apply-img2img-infotext";
import { defaultImg2imgForm, toImg2imgRequest, withImageSize } from "@/app/ui/img2img/img2img-form";
import { parseGenerationParameters } from "@/lib/infotext/parser";
import { img2imgParamsSchema } from "@/lib/pipeline/img2img-params";
import { OPTIONS, type Options } from "@/lib/settings/options";

const samplers = ["DPM++ 2M", "Euler a"];
const schedules = ["Automatic", "Karras"];
const options = Object.fromEntries(Object.entries(OPTIONS).map(([k, v]) => [k, v.default])) as Options;
const image = { dataUrl: "data:image/png;base64,iVBORw0KGgo=", width: 300, height: 97 };

describe("img2img form", () => {
  it("opens with A1111's img2img UI defaults (docs/a1111/generation.md#img2img-and-inpainting)", () => {
    const form = defaultImg2imgForm(samplers, schedules);
    expect(form).toMatchObject({
      resizeMode: 0,
      denoisingStrength: 0.75,
      maskBlur: 4,
      inpaintingMaskInvert: false,
      inpaintingFill: 1, // original
      inpaintFullRes: false, // Whole picture
      inpaintFullResPadding: 32,
      width: 512,
      height: 512,
      cfgScale: 7,
      samplerName: "DPM++ 2M",
    });
  });

  it("takes the image's size for Resize to, snapped onto the 8-pixel grid within 64–2048", () => {
    const form = withImageSize(defaultImg2imgForm(samplers, schedules), image);
    // 300 → 64 + round(236/8)·8 = 64 + 30·8 = 304 (29.5 rounds up); 97 → 64 + round(33/8)·8 = 96.
    expect([form.width, form.height]).toEqual([304, 96]);
    expect(withImageSize(form, { width: 4000, height: 10 })).toMatchObject({ width: 2048, height: 64 });
  });

  it("builds a request the server schema accepts once the data URLs are bytes, with Extra's reset applied", () => {
    const form = { ...defaultImg2imgForm(samplers, schedules), subseed: 9, subseedStrength: 0.5, inpaintFullRes: true };
    const request = toImg2imgRequest(form, image, "data:image/png;base64,AAAA");
    expect(request.initImages).toEqual([image.dataUrl]);
    expect(request.mask).toBe("data:image/png;base64,AAAA");
    expect(request).toMatchObject({ subseed: -1, subseedStrength: 0 });
    const parsed = img2imgParamsSchema.parse({ ...request, initImages: [new Uint8Array(4)], mask: new Uint8Array(4) });
    expect(parsed).toMatchObject({ denoisingStrength: 0.75, inpaintFullRes: true, inpaintFullResPadding: 32, maskBlur: 4 });
  });

  it("applies a sent image's infotext, including its denoising strength", () => {
    const form = withImageSize(defaultImg2imgForm(samplers, schedules), image);
    const infotext = "a red fox\nNegative prompt: blurry\nSteps: 12, Sampler: Euler a, Schedule type: Karras, CFG scale: 4.5, Seed: 1234, Size: 64x128, Denoising strength: 0.42";
    const pasted = applyImg2imgInfotext(form, parseGenerationParameters(infotext), options);
    expect(pasted).toMatchObject({ prompt: "a red fox", negativePrompt: "blurry", steps: 12, samplerName: "Euler a", scheduler: "Karras", cfgScale: 4.5, seed: 1234, width: 64, height: 128, denoisingStrength: 0.42 });
    // Without the key (or with one that is no number) the tab's denoising strength stays.
    expect(applyImg2imgInfotext(form, parseGenerationParameters("a fox\nSteps: 3, Denoising strength: much"), options).denoisingStrength).toBe(form.denoisingStrength);
  });
});

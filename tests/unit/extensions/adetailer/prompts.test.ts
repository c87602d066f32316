// ADetailer's per-mask prompts and seeds (docs/adetailer.md#inpaint-passes).
import { describe, expect, it } from "vitest";
import { passParams, type PassContext } from "@/extensions/adetailer/pass-params";
import { imagePrompt, isSkip, promptForMask, splitPrompt } from "@/extensions/adetailer/prompts";
import { defaultTab } from "@/extensions/adetailer/tab-fields";

describe("splitPrompt and promptForMask", () => {
  it('"" → the image\'s prompt for every mask', () => {
    const parts = splitPrompt("", "a portrait");
    expect([0, 1, 2].map((j) => promptForMask(parts, j))).toEqual(["a portrait", "a portrait", "a portrait"]);
  });

  it('"a [SEP] b" with three masks → a, b, b (extra masks reuse the last part)', () => {
    const parts = splitPrompt("a [SEP] b", "p");
    expect([0, 1, 2].map((j) => promptForMask(parts, j))).toEqual(["a", "b", "b"]);
  });

  it('"[PROMPT], x" → "<prompt>, x"; every [PROMPT] is replaced; an empty part is the prompt', () => {
    expect(splitPrompt("[PROMPT], x", "a cat")).toEqual(["a cat, x"]);
    expect(splitPrompt("[PROMPT] and [PROMPT][SEP]", "b")).toEqual(["b and b", "b"]);
  });

  it('"[SKIP] [SEP] b": mask 0 is skipped, mask 1 gets b', () => {
    const parts = splitPrompt("[SKIP] [SEP] b", "p");
    expect(isSkip(promptForMask(parts, 0))).toBe(true);
    expect(promptForMask(parts, 1)).toBe("b");
    expect(isSkip(" [SKIP]  ")).toBe(true);
    expect(isSkip("[SKIP] face")).toBe(false);
  });

  it("image i's prompt wraps around a shorter list", () => {
    expect(imagePrompt(["a", "b"], 3, "x")).toBe("b");
    expect(imagePrompt([], 0, "x")).toBe("x");
  });
});

describe("passParams", () => {
  const context: PassContext = {
    prompt: "a photo",
    negativePrompt: "blurry",
    seed: 100,
    subseed: 7,
    width: 512,
    height: 768,
    imageWidth: 512,
    imageHeight: 512,
    sameSeed: false,
    denoisePower: 0,
    matchSize: "Off",
  };
  const box: [number, number, number, number] = [0, 0, 100, 50];

  it("mask j: seed + j, subseed + j, its [SEP] part, the job's size and the tab's denoising", () => {
    const tab = { ...defaultTab(), ad_prompt: "left face [SEP] right face", ad_negative_prompt: "[PROMPT], ugly" };
    expect(passParams(tab, 0, box, context)).toEqual({ prompt: "left face", negativePrompt: "blurry, ugly", seed: 100, subseed: 7, denoisingStrength: 0.4, width: 512, height: 768 });
    expect(passParams(tab, 1, box, context)).toMatchObject({ prompt: "right face", seed: 101, subseed: 8 });
  });

  it("same seed for each tab: every mask takes the image's seed", () => {
    expect(passParams(defaultTab(), 3, box, { ...context, sameSeed: true })).toMatchObject({ seed: 100, subseed: 7 });
  });

  it("[SKIP] gives no pass", () => {
    expect(passParams({ ...defaultTab(), ad_prompt: "[SKIP][SEP]b" }, 0, box, context)).toBeNull();
  });

  it("separate width/height wins over the job's and over size matching; Free matching follows the box", () => {
    const own = { ...defaultTab(), ad_use_inpaint_width_height: true, ad_inpaint_width: 640, ad_inpaint_height: 320 };
    expect(passParams(own, 0, box, { ...context, matchSize: "Free" })).toMatchObject({ width: 640, height: 320 });
    expect(passParams(defaultTab(), 0, box, { ...context, matchSize: "Free" })).toMatchObject({ width: 768, height: 384 });
  });
});

// ADetailer's X/Y/Z axes (docs/adetailer.md#xyz-axes): each changes the 1st tab of the job's ADetailer arguments
// in whichever form they came; Prompt S/R works on the resolved prompts, the "and main prompt" axis on both.
import { describe, expect, it } from "vitest";
import type { AxisTarget } from "@onyx/sdk";
import { ADETAILER_AXES } from "@/extensions/adetailer/axes";

const axis = (label: string) => ADETAILER_AXES.find((a) => a.label === `[ADetailer] ${label}`)!;
const base: AxisTarget = { prompt: "a cat", negativePrompt: "blurry", samplerName: "Euler", scheduler: "Automatic", steps: 20, cfgScale: 7, width: 512, height: 512, seed: 1, subseed: -1, subseedStrength: 0, overrideSettings: {} };

describe("ADetailer's axes", () => {
  it("change the 1st tab of positional arguments (kept enabled, skip and the other tabs)", () => {
    const p = { ...base, alwaysonScripts: { ADetailer: { args: [true, true, { ad_model: "mediapipe_face_short" }, { ad_model: "person_centernet" }] } } };
    const out = axis("Mask erosion / dilation 1st").apply(p, 16, [16, 32]);
    expect(out.alwaysonScripts!.ADetailer.args).toEqual({ enable: true, skip_img2img: true, tabs: [{ ad_model: "mediapipe_face_short", ad_dilate_erode: 16 }, { ad_model: "person_centernet" }] });
    expect(p.alwaysonScripts.ADetailer.args[2]).toEqual({ ad_model: "mediapipe_face_short" }); // not mutated
  });

  it("change arguments by name, and leave a job without ADetailer alone", () => {
    const p = { ...base, alwaysonScripts: { adetailer: { args: { enable: true, tabs: [{ ad_model: "a" }] } } } };
    expect(axis("ADetailer model 1st").apply(p, "b", ["b"]).alwaysonScripts!.adetailer.args).toEqual({ enable: true, tabs: [{ ad_model: "b" }] });
    expect(axis("ADetailer model 1st").apply(base, "b", ["b"])).toEqual(base);
    expect(axis("Inpaint only masked 1st").apply(p, "False", ["True", "False"]).alwaysonScripts!.adetailer.args).toMatchObject({ tabs: [{ ad_inpaint_only_masked: false }] });
  });

  it("Prompt S/R replaces the first value in the resolved 1st-tab prompts; the main-prompt variant also in the prompt", () => {
    const p = { ...base, alwaysonScripts: { ADetailer: { args: [true, { ad_model: "m", ad_prompt: "[PROMPT], smiling [SEP]" }] } } };
    const ad = axis("Prompt S/R (AD 1st)").apply(p, "dog", ["cat", "dog"]);
    expect(ad.prompt).toBe("a cat");
    expect(ad.alwaysonScripts!.ADetailer.args).toMatchObject({ tabs: [{ ad_prompt: "a dog, smiling [SEP] a dog" }] });
    const both = axis("Prompt S/R (AD 1st and main prompt)").apply(p, "dog", ["cat", "dog"]);
    expect(both.prompt).toBe("a dog");
    expect(axis("Prompt S/R (AD 1st)").legend("dog")).toBe("Prompt S/R (AD 1st): dog");
  });
});

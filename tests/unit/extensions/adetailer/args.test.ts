// ADetailer's API arguments (docs/adetailer.md#api-arguments): the three forms clients send, the optional second
// bool, strict tab dicts (an unknown key or a bad value skips that dict with a log line), the legacy alias.
import { describe, expect, it } from "vitest";
import { parseApiArgs, validateTab } from "@/extensions/adetailer/args";
import { adetailer } from "@/extensions/adetailer/index";

const collect = () => {
  const lines: string[] = [];
  return { lines, log: (l: string) => void lines.push(l) };
};

describe("parseApiArgs", () => {
  it("webuiapi's [true, {…}]: enabled, no skip, one tab", () => {
    expect(parseApiArgs([true, { ad_model: "mediapipe_face_short" }])).toEqual({ enable: true, skip_img2img: false, tabs: [{ ad_model: "mediapipe_face_short" }] });
  });

  it("SillyTavern's [true, true, {ad_model}]: the second bool is skip img2img", () => {
    expect(parseApiArgs([true, true, { ad_model: "face_yolov8n.pt" }])).toMatchObject({ enable: true, skip_img2img: true, tabs: [{ ad_model: "face_yolov8n.pt" }] });
  });

  it("a first argument that is not a bool means enabled (dicts only, as a Photoshop plugin sends them)", () => {
    expect(parseApiArgs([{ ad_model: "a.onnx" }, { ad_model: "b.onnx", ad_prompt: "x" }])).toEqual({ enable: true, skip_img2img: false, tabs: [{ ad_model: "a.onnx" }, { ad_model: "b.onnx", ad_prompt: "x" }] });
    expect(parseApiArgs([false, { ad_model: "a.onnx" }]).enable).toBe(false);
  });

  it("a dict with an unknown key or a bad value is logged and skipped; the others stay", () => {
    const { lines, log } = collect();
    const parsed = parseApiArgs([true, { ad_model: "a", ad_colour: 1 }, { ad_model: "b" }, { ad_confidence: 2 }], log);
    expect(parsed.tabs).toEqual([{ ad_model: "b" }]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain("1st");
    expect(lines[0]).toContain('"ad_colour"');
    expect(lines[1]).toContain("3rd");
    expect(lines[1]).toContain("ad_confidence");
  });
});

describe("the script's apiArgs", () => {
  it("keeps at most 15 tabs, the largest Max tabs (the job cuts them to its ad_max_models)", () => {
    const tabs = Array.from({ length: 16 }, (_, n) => ({ ad_model: `m${n + 1}` }));
    expect(adetailer.apiArgs!([true, false, ...tabs], "img2img")).toEqual({ enable: true, skip_img2img: false, tabs: tabs.slice(0, 15) });
  });
});

describe("validateTab", () => {
  it("maps the legacy ad_mask_k_largest to ad_mask_k and ignores is_api", () => {
    expect(validateTab({ ad_mask_k_largest: 2, is_api: true })).toEqual({ ad_mask_k: 2 });
  });

  it("accepts the ControlNet keys and null checkpoint / VAE (the defaults)", () => {
    expect(validateTab({ ad_controlnet_model: "control_v11p_sd15_inpaint", ad_controlnet_weight: 0.5, ad_checkpoint: null, ad_vae: null })).toEqual({
      ad_controlnet_model: "control_v11p_sd15_inpaint",
      ad_controlnet_weight: 0.5,
      ad_checkpoint: "Use same checkpoint",
      ad_vae: "Use same VAE",
    });
  });

  it("reads numbers from strings, refuses a float for an int, a negative top k, an unknown merge mode", () => {
    expect(validateTab({ ad_confidence: "0.5", ad_dilate_erode: -8 })).toEqual({ ad_confidence: 0.5, ad_dilate_erode: -8 });
    expect(() => validateTab({ ad_mask_blur: 4.5 })).toThrow(/ad_mask_blur/);
    expect(() => validateTab({ ad_mask_k: -1 })).toThrow(/ad_mask_k/);
    expect(() => validateTab({ ad_mask_merge_invert: "Union" })).toThrow(/ad_mask_merge_invert/);
    expect(() => validateTab({ ad_inpaint_only_masked: "maybe" })).toThrow(/ad_inpaint_only_masked/);
  });
});

// ADetailer's infotext (docs/adetailer.md#infotext): the default tab's exact string, the
// pruning rules, tab suffixes, and pasting the fields back into tabs.
import { describe, expect, it } from "vitest";
import { formatInfotextItem } from "@onyx/sdk";
import { adetailerInfotext, tabsFromInfotext } from "@/extensions/adetailer/infotext";
import { defaultTab, tabSuffix } from "@/extensions/adetailer/tab-fields";

const text = (fields: ReturnType<typeof adetailerInfotext>) => fields.map(([k, v]) => formatInfotextItem(k, v)).join(", ");

describe("adetailerInfotext", () => {
  it("the default face tab gives the spec's exact string", () => {
    expect(text(adetailerInfotext([{ ...defaultTab(), ad_model: "face_yolov8n.pt" }]))).toBe(
      "ADetailer model: face_yolov8n.pt, ADetailer confidence: 0.3, ADetailer dilate erode: 4, ADetailer mask blur: 4, " +
        "ADetailer denoising strength: 0.4, ADetailer inpaint only masked: True, ADetailer inpaint padding: 32, ADetailer version: 25.3.0",
    );
  });

  it("no active tab (model None, tab disabled) writes nothing", () => {
    expect(adetailerInfotext([defaultTab()])).toEqual([]);
    expect(adetailerInfotext([{ ...defaultTab(), ad_model: "x", ad_tab_enable: false }])).toEqual([]);
  });

  it("non-default values are written, prompts with commas quoted, floats as Python prints them", () => {
    const tab = {
      ...defaultTab(),
      ad_model: "mediapipe_face_short",
      ad_prompt: "a smile, detailed",
      ad_mask_k: 2,
      ad_x_offset: 3,
      ad_mask_merge_invert: "Merge",
      ad_use_cfg_scale: true,
      ad_cfg_scale: 5,
      ad_use_sampler: true,
      ad_sampler: "Euler a",
    };
    expect(text(adetailerInfotext([tab]))).toBe(
      'ADetailer model: mediapipe_face_short, ADetailer prompt: "a smile, detailed", ADetailer confidence: 0.3, ADetailer method to decide top k masks: Area, ' +
        "ADetailer mask only top k: 2, ADetailer x offset: 3, ADetailer dilate erode: 4, ADetailer mask merge invert: Merge, ADetailer mask blur: 4, " +
        "ADetailer denoising strength: 0.4, ADetailer inpaint only masked: True, ADetailer inpaint padding: 32, ADetailer use separate CFG scale: True, " +
        "ADetailer CFG scale: 5.0, ADetailer use separate sampler: True, ADetailer sampler: Euler a, ADetailer version: 25.3.0",
    );
  });

  it("only masked off keeps its own key but drops the padding; ControlNet keys beyond their defaults stay", () => {
    const fields = Object.fromEntries(adetailerInfotext([{ ...defaultTab(), ad_model: "m", ad_inpaint_only_masked: false, ad_controlnet_model: "cn", ad_controlnet_weight: 0.5 }]));
    expect(fields["ADetailer inpaint only masked"]).toBe(false);
    expect(fields).not.toHaveProperty("ADetailer inpaint padding");
    expect(fields["ADetailer ControlNet model"]).toBe("cn");
    expect(fields["ADetailer ControlNet weight"]).toBe(0.5);
    expect(fields).not.toHaveProperty("ADetailer ControlNet module");
    expect(fields).not.toHaveProperty("ADetailer ControlNet guidance start");
  });

  it("tab n keeps its position's suffix, an inactive tab in between writes nothing", () => {
    const keys = adetailerInfotext([{ ...defaultTab(), ad_model: "a" }, defaultTab(), { ...defaultTab(), ad_model: "c" }]).map(([k]) => k);
    expect(keys).toContain("ADetailer model");
    expect(keys).toContain("ADetailer model 3rd");
    expect(keys.some((k) => k.endsWith(" 2nd"))).toBe(false);
    expect(keys.filter((k) => k === "ADetailer version")).toHaveLength(1);
  });

  it("ordinal suffixes", () => {
    expect([0, 1, 2, 3, 10, 11, 12, 20, 21].map(tabSuffix)).toEqual(["", " 2nd", " 3rd", " 4th", " 11th", " 12th", " 13th", " 21st", " 22nd"]);
  });
});

describe("tabsFromInfotext", () => {
  it("restores each tab from its suffixed fields, the rest from the defaults", () => {
    const tabs = tabsFromInfotext({ "ADetailer model": "mediapipe_face_short", "ADetailer confidence": "0.5", "ADetailer inpaint only masked": "False", "ADetailer model 2nd": "person_centernet", "ADetailer prompt 2nd": "a suit" }, 4);
    expect(tabs).toHaveLength(2);
    expect(tabs[0]).toMatchObject({ ad_model: "mediapipe_face_short", ad_confidence: 0.5, ad_inpaint_only_masked: false, ad_dilate_erode: 4 });
    expect(tabs[1]).toMatchObject({ ad_model: "person_centernet", ad_prompt: "a suit", ad_confidence: 0.3 });
  });
});

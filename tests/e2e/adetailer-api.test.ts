// ADetailer through the A1111 API against the real server (docs/adetailer.md#api-arguments): its routes, and the
// argument forms clients send — webuiapi's `[true, {…}]` with every key of its ADetailer class, SillyTavern's
// `[true, true, {"ad_model": …}]` (Skip img2img on a photograph), and a plugin's list of dicts without the bools —
// on the real astronaut photograph with the MediaPipe face detector.
import fs from "node:fs";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { photoPath } from "../photos";
import { generate, getJson, postJson } from "./sdapi";

const photo = fs.readFileSync(photoPath("astronaut.png")).toString("base64");
const base = { prompt: "a portrait", negative_prompt: "blurry", steps: 2, seed: 5, sampler_name: "Euler", width: 128, height: 128 };

const rgb = async (b64: string) => {
  const { data, info } = await sharp(Buffer.from(b64, "base64")).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
};

describe("ADetailer routes", () => {
  it("/adetailer/v1/ad_model lists the installed detectors in order; version and schema", async () => {
    const models = await getJson<{ ad_model: string[] }>("/adetailer/v1/ad_model");
    expect(models.ad_model.slice(0, 3)).toEqual(["mediapipe_face_full", "mediapipe_face_short", "person_centernet"]);
    expect(await getJson("/adetailer/v1/version")).toEqual({ version: "25.3.0" });
    const schema = await getJson<{ properties: Record<string, { default: unknown }>; additionalProperties: boolean }>("/adetailer/v1/schema");
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.ad_confidence.default).toBe(0.3);
    expect(schema.properties.ad_model.default).toBe("None");
  });
});

describe("ADetailer's settings through /sdapi/v1/options", () => {
  it("POST {ad_max_models: 2} is stored and GET shows it; a wrong type is a 422 naming the key", async () => {
    const options = () => getJson<Record<string, unknown>>("/sdapi/v1/options");
    expect(await options()).toMatchObject({ ad_max_models: 4, ad_save_images_before: false, ad_bbox_sortby: "None" });
    const bad = await postJson("/sdapi/v1/options", { ad_max_models: "two" });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { detail: Array<{ loc: string[] }> }).detail.map((d) => d.loc)).toEqual([["body", "ad_max_models"]]);
    expect((await postJson("/sdapi/v1/options", { ad_max_models: 2 })).status).toBe(200);
    expect((await options()).ad_max_models).toBe(2);
    expect((await postJson("/sdapi/v1/options", { ad_max_models: 4 })).status).toBe(200);
  });
});

describe("ADetailer's argument forms", () => {
  it("webuiapi's [true, {every key of its ADetailer class}] (legacy ad_mask_k_largest, ControlNet None)", async () => {
    const tab = {
      ad_model: "mediapipe_face_short", ad_prompt: "", ad_negative_prompt: "", ad_confidence: 0.3, ad_mask_k_largest: 0, ad_mask_min_ratio: 0.0,
      ad_mask_max_ratio: 1.0, ad_dilate_erode: 32, ad_x_offset: 0, ad_y_offset: 0, ad_mask_merge_invert: "None", ad_mask_blur: 4,
      ad_denoising_strength: 0.4, ad_inpaint_only_masked: true, ad_inpaint_only_masked_padding: 32, ad_use_inpaint_width_height: false,
      ad_inpaint_width: 512, ad_inpaint_height: 512, ad_use_steps: true, ad_steps: 2, ad_use_cfg_scale: false, ad_cfg_scale: 7.0,
      ad_use_sampler: false, ad_sampler: "DPM++ 2M Karras", ad_use_noise_multiplier: false, ad_noise_multiplier: 1.0,
      ad_use_clip_skip: false, ad_clip_skip: 1, ad_restore_face: false, ad_controlnet_model: "None", ad_controlnet_module: "None",
      ad_controlnet_weight: 1.0, ad_controlnet_guidance_start: 0.0, ad_controlnet_guidance_end: 1.0,
    };
    const answer = await generate("img2img", { ...base, init_images: [photo], denoising_strength: 0.3, alwayson_scripts: { ADetailer: { args: [true, tab] } } });
    // No Skip img2img: the main img2img ran at 128×128 and ADetailer worked on its result.
    expect((await rgb(answer.images[0])).width).toBe(128);
    const infotext = answer.info.infotexts[0];
    expect(infotext).toContain("ADetailer model: mediapipe_face_short, ADetailer confidence: 0.3, ADetailer dilate erode: 32, ADetailer mask blur: 4");
    expect(infotext).toContain("ADetailer use separate steps: True, ADetailer steps: 2, ADetailer version: 25.3.0");
    expect(answer.info.warnings ?? []).toEqual([]);
  });

  it("SillyTavern's [true, true, {ad_model}]: Skip img2img redraws the face of the photograph itself", async () => {
    const answer = await generate("img2img", { ...base, init_images: [photo], alwayson_scripts: { ADetailer: { args: [true, true, { ad_model: "mediapipe_face_short" }] } } });
    const out = await rgb(answer.images[0]);
    const input = await rgb(photo);
    expect([out.width, out.height]).toEqual([512, 512]);
    // The face (≈ 179…272 × 81…174) changed; the bottom rows, far from it, did not.
    const differs = (x1: number, y1: number, x2: number, y2: number) => {
      let n = 0;
      for (let y = y1; y < y2; y++) for (let x = x1; x < x2; x++) for (let c = 0; c < 3; c++) if (out.data[(y * 512 + x) * 3 + c] !== input.data[(y * 512 + x) * 3 + c]) n++;
      return n;
    };
    expect(differs(190, 95, 260, 160)).toBeGreaterThan(1000);
    expect(differs(0, 300, 512, 512)).toBe(0);
    expect(answer.info.infotexts[0]).toContain("ADetailer model: mediapipe_face_short, ADetailer confidence: 0.3, ADetailer dilate erode: 4");
  });

  it("a plugin's list of dicts without the bools means enabled; a ControlNet model is answered with a warning", async () => {
    const answer = await generate("img2img", {
      ...base,
      init_images: [photo],
      alwayson_scripts: { ADetailer: { args: [{ ad_model: "mediapipe_face_short", ad_prompt: "a smiling face", ad_controlnet_model: "control_v11p_sd15_inpaint", ad_controlnet_weight: 0.8 }, { ad_model: "None" }] } },
    });
    const infotext = answer.info.infotexts[0];
    expect(infotext).toContain("ADetailer prompt: a smiling face");
    expect(infotext).toContain("ADetailer ControlNet model: control_v11p_sd15_inpaint, ADetailer ControlNet weight: 0.8");
    expect(answer.info.warnings).toEqual([expect.stringMatching(/ControlNet is not available/)]);
  });

  it("a tab dict with an unknown key is skipped (the job still runs); a by-name argument of the wrong kind is a 422", async () => {
    const skipped = await generate("txt2img", { ...base, alwayson_scripts: { ADetailer: { args: [true, { ad_model: "mediapipe_face_short", ad_colour: "red" }] } } });
    expect(skipped.info.infotexts[0]).not.toContain("ADetailer");
    const wrong = await postJson("/sdapi/v1/txt2img", { ...base, alwayson_scripts: { ADetailer: { args: { enable: true, tabs: "face" } } } });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain("tabs");
  });

  it("a detector that is not installed is a warning, not a failure", async () => {
    const answer = await generate("txt2img", { ...base, alwayson_scripts: { ADetailer: { args: [true, false, { ad_model: "face_yolov8n.pt" }] } } });
    expect(answer.images).toHaveLength(1);
    expect(answer.info.warnings).toEqual([expect.stringMatching(/ADetailer: unknown detector "face_yolov8n.pt"/)]);
  });
});

import { describe, expect, it } from "vitest";
import { RequestValidationError } from "@/lib/api/errors";
import { parseRequestModel } from "@/lib/api/request-body";
import { txt2imgRequestSchema } from "@/lib/api/txt2img-request";

const parse = (body: unknown) => parseRequestModel(txt2imgRequestSchema, body);

function issuesOf(body: unknown) {
  try {
    parse(body);
  } catch (e) {
    if (e instanceof RequestValidationError) return e.issues;
    throw e;
  }
  throw new Error("expected a validation error");
}

describe("txt2img request model", () => {
  it("fills A1111's API defaults (docs/a1111/api.md#request-fields-and-defaults), not the UI's", () => {
    const { data } = parse({});
    expect(data).toMatchObject({
      prompt: "", negative_prompt: "", styles: null, seed: -1, subseed: -1, subseed_strength: 0,
      seed_resize_from_h: -1, seed_resize_from_w: -1, sampler_name: null, sampler_index: "Euler", scheduler: null,
      batch_size: 1, n_iter: 1, steps: 50, cfg_scale: 7, width: 512, height: 512, restore_faces: null, tiling: null,
      denoising_strength: 0.75, override_settings: null, override_settings_restore_afterwards: true,
      enable_hr: false, hr_scale: 2, hr_upscaler: null, hr_second_pass_steps: 0, hr_prompt: "",
      script_name: null, script_args: [], send_images: true, save_images: false, alwayson_scripts: {}, infotext: null,
    });
  });

  it("drops unknown fields as pydantic v1 does, and reports which fields were sent", () => {
    const { data, sentKeys } = parse({ steps: 3, not_a_field: 1 });
    expect("not_a_field" in data).toBe(false);
    expect(data.steps).toBe(3);
    expect([...sentKeys].sort()).toEqual(["not_a_field", "steps"]);
  });

  it("reports wrong types with pydantic v1's messages and body locations", () => {
    expect(issuesOf({ steps: "many", cfg_scale: "high", prompt: { text: "a" }, save_images: "maybe", override_settings: "x" })).toEqual([
      { loc: ["body", "prompt"], msg: "str type expected", type: "type_error.str" },
      { loc: ["body", "steps"], msg: "value is not a valid integer", type: "type_error.integer" },
      { loc: ["body", "cfg_scale"], msg: "value is not a valid float", type: "type_error.float" },
      { loc: ["body", "override_settings"], msg: "value is not a valid dict", type: "type_error.dict" },
      { loc: ["body", "save_images"], msg: "value could not be parsed to a boolean", type: "type_error.bool" },
    ]);
  });

  it("takes null as the default for A1111's Optional processing fields, refuses it for the API's own, and refuses fractional integers", () => {
    expect(parse({ steps: null, cfg_scale: null, prompt: null }).data).toMatchObject({ steps: 50, cfg_scale: 7, prompt: "" });
    expect(issuesOf({ send_images: null, script_args: null })).toEqual([
      { loc: ["body", "script_args"], msg: "none is not an allowed value", type: "type_error.none.not_allowed" },
      { loc: ["body", "send_images"], msg: "none is not an allowed value", type: "type_error.none.not_allowed" },
    ]);
    expect(issuesOf({ width: 512.5 })[0]).toMatchObject({ loc: ["body", "width"], type: "type_error.integer" });
  });

  it("accepts null where A1111's default is null", () => {
    expect(parse({ sampler_name: null, override_settings: null, restore_faces: null }).data.sampler_name).toBeNull();
  });

  it("coerces what real clients send as pydantic v1 does", () => {
    const { data } = parse({ steps: "20", cfg_scale: "7.0", seed: " -1 ", width: 512.0, height: "768", restore_faces: "False", tiling: 0, save_images: "true", n_iter: null, prompt: 42, hr_scale: "1.5", enable_hr: "on" });
    expect(data).toMatchObject({ steps: 20, cfg_scale: 7, seed: -1, width: 512, height: 768, restore_faces: false, tiling: false, save_images: true, n_iter: 1, prompt: "42", hr_scale: 1.5, enable_hr: true });
  });

  it("still refuses non-numbers, overflowing numbers and a dict for a string, with loc", () => {
    expect(issuesOf({ steps: "abc", cfg_scale: "1e999", prompt: { a: 1 } })).toEqual([
      { loc: ["body", "prompt"], msg: "str type expected", type: "type_error.str" },
      { loc: ["body", "steps"], msg: "value is not a valid integer", type: "type_error.integer" },
      { loc: ["body", "cfg_scale"], msg: "value is not a valid float", type: "type_error.float" },
    ]);
  });

  it("refuses a body that is not a JSON object", () => {
    expect(issuesOf([1, 2])).toEqual([{ loc: ["body"], msg: "value is not a valid dict", type: "type_error.dict" }]);
  });
});

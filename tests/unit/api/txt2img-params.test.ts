import { describe, expect, it } from "vitest";
import { ApiError, RequestValidationError } from "@/lib/api/errors";
import { parseRequestModel } from "@/lib/api/request-body";
import { apiSampler, txt2imgParams } from "@/lib/api/txt2img-params";
import { txt2imgRequestSchema } from "@/lib/api/txt2img-request";

const params = (body: Record<string, unknown>) => txt2imgParams(parseRequestModel(txt2imgRequestSchema, body).data);

function failure(body: Record<string, unknown>): unknown {
  try {
    params(body);
  } catch (e) {
    return e;
  }
  throw new Error("expected the request to be refused");
}

describe("txt2img request → GenerationParams", () => {
  it("maps an empty request to A1111's API defaults: Euler, 50 steps, CFG 7.0 as a float, nothing saved", () => {
    expect(params({})).toMatchObject({
      enableHr: false,
      prompt: "", negativePrompt: "", samplerName: "Euler", scheduler: "Automatic", steps: 50, cfgScale: 7,
      width: 512, height: 512, seed: -1, subseed: -1, subseedStrength: 0, seedResizeFromW: -1, seedResizeFromH: -1,
      batchSize: 1, nIter: 1,
      // save_images false means no grid at all in A1111 (quirk Q12).
      overrideSettings: { return_grid: false },
      saveImages: false, floatNumbers: true,
    });
  });

  it("keeps the grid setting alone when images are saved", () => {
    expect(params({ save_images: true }).overrideSettings).toEqual({});
  });

  it("carries the request's own values across", () => {
    const p = params({ prompt: "a cat", negative_prompt: "dog", steps: 4, cfg_scale: 5.5, width: 64, height: 128, seed: 42, subseed: 7, subseed_strength: 0.25, batch_size: 2, n_iter: 3 });
    expect(p).toMatchObject({ prompt: "a cat", negativePrompt: "dog", steps: 4, cfgScale: 5.5, width: 64, height: 128, seed: 42, subseed: 7, subseedStrength: 0.25, batchSize: 2, nIter: 3 });
  });

  it("validates override_settings with the option schemas and drops unknown keys", () => {
    expect(params({ override_settings: { CLIP_stop_at_last_layers: 2, not_a_setting: 1 }, save_images: true }).overrideSettings).toEqual({ CLIP_stop_at_last_layers: 2 });
    const e = failure({ override_settings: { CLIP_stop_at_last_layers: 40 } });
    expect(e).toBeInstanceOf(RequestValidationError);
    expect((e as RequestValidationError).issues[0].loc).toEqual(["body", "override_settings", "CLIP_stop_at_last_layers"]);
  });

  it("reports out-of-range values under the request's field names", () => {
    const e = failure({ steps: 151, cfg_scale: 31, width: 100, batch_size: 9 }) as RequestValidationError;
    expect(e).toBeInstanceOf(RequestValidationError);
    expect(e.issues.map((i) => i.loc.join("."))).toEqual(["body.steps", "body.cfg_scale", "body.width", "body.batch_size"]);
    expect(e.issues[0].type).toBe("value_error.number.not_le");
  });

  it("refuses what the pipeline cannot do yet with a 422 naming it, A1111's words for scripts", () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ script_name: "x/y/z plot" }, "Script 'x/y/z plot' not found"],
      [{ alwayson_scripts: { ADetailer: { args: [] } } }, "always on script ADetailer not found"],
      [{ enable_hr: true }, "enable_hr: Hires. fix is not supported yet"],
      [{ restore_faces: true }, "restore_faces: no face restoration model is installed"],
      [{ tiling: true }, "tiling: tiling is not supported yet"],
      [{ refiner_checkpoint: "sdxl-refiner", refiner_switch_at: 0.8 }, "refiner_checkpoint: the refiner is not supported yet"],
    ];
    for (const [body, detail] of cases) {
      const e = failure(body);
      expect(e).toBeInstanceOf(ApiError);
      expect(e).toMatchObject({ status: 422, detail });
    }
  });

  it("ignores fields A1111 ignores: hires settings without enable_hr, a refiner switching at 1, unknown styles", () => {
    expect(params({ hr_scale: 4, hr_upscaler: "Latent", refiner_checkpoint: "x", refiner_switch_at: 1, styles: ["nope"], firstphase_width: 64 }).steps).toBe(50);
  });
});

describe("API sampler resolution (a1111-spec §6.3 item 2, §8.1)", () => {
  it("splits combined names and reverts a sampler's own default schedule to Automatic", () => {
    expect(apiSampler("DPM++ 2M Karras", "Euler", null)).toEqual({ samplerName: "DPM++ 2M", scheduler: "Automatic" });
    expect(apiSampler("Euler a Exponential", "Euler", null)).toEqual({ samplerName: "Euler a", scheduler: "Exponential" });
    expect(apiSampler("DPM++ SDE SGMUniform", "Euler", null)).toEqual({ samplerName: "DPM++ SDE", scheduler: "SGM Uniform" });
  });

  it("uses the legacy sampler_index name when sampler_name is empty, and aliases", () => {
    expect(apiSampler(null, "Euler", null).samplerName).toBe("Euler");
    expect(apiSampler("", "k_lms", null).samplerName).toBe("LMS");
  });

  it("silently falls back to DPM++ 2M for an unknown sampler (quirk Q11)", () => {
    expect(apiSampler("Nonexistent sampler", "Euler", null)).toEqual({ samplerName: "DPM++ 2M", scheduler: "Automatic" });
  });

  it("lets an explicit scheduler win, by name or label, and refuses an unknown one", () => {
    expect(apiSampler("DPM++ 2M Exponential", "Euler", "karras")).toEqual({ samplerName: "DPM++ 2M", scheduler: "Karras" });
    expect(() => apiSampler("Euler", "Euler", "wobbly")).toThrow(RequestValidationError);
  });
});

import { describe, expect, it } from "vitest";
import { ApiError, RequestValidationError } from "@/lib/api/errors";
import { apiSampler } from "@/lib/api/generation-params";
import { parseRequestModel } from "@/lib/api/request-body";
import { txt2imgParams } from "@/lib/api/txt2img-params";
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
      // save_images false means no grid at all in A1111 (docs/a1111/quirks.md#q12).
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

  it("passes scripts through to the pipeline (names are checked before queueing, see scripts.test.ts)", () => {
    expect(params({ script_name: "x/y/z plot", script_args: [4, "1,2"], alwayson_scripts: { Hello: { args: [true] } } })).toMatchObject({
      scriptName: "x/y/z plot",
      scriptArgs: [4, "1,2"],
      alwaysonScripts: { Hello: { args: [true] } },
    });
  });

  it("maps tiling onto the Tiling setting for this job (null keeps the setting)", () => {
    expect(params({ tiling: true, save_images: true }).overrideSettings).toEqual({ tiling: true });
    expect(params({ tiling: null, save_images: true }).overrideSettings).toEqual({});
  });

  it("refuses what the pipeline cannot do yet with a 422 naming it", () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ refiner_checkpoint: "sdxl-refiner", refiner_switch_at: 0.8 }, "refiner_checkpoint: the refiner is not supported yet"],
    ];
    for (const [body, detail] of cases) {
      const e = failure(body);
      expect(e).toBeInstanceOf(ApiError);
      expect(e).toMatchObject({ status: 422, detail });
    }
  });

  it("runs restore_faces as the Restore faces setting for the job (no restorer: the job says so in info)", () => {
    expect(params({ restore_faces: true }).overrideSettings).toMatchObject({ face_restoration: true });
    expect(params({ restore_faces: null }).overrideSettings).not.toHaveProperty("face_restoration");
  });

  it("ignores fields A1111 ignores: hires settings without enable_hr, a refiner switching at 1, unknown styles", () => {
    const p = params({ hr_scale: 40, hr_upscaler: "No such upscaler", hr_checkpoint_name: "x", refiner_checkpoint: "x", refiner_switch_at: 1, styles: ["nope"] });
    expect(p).toMatchObject({ steps: 50, enableHr: false });
  });

  it("gives firstphase_width/height (legacy) the first pass's size when either is set, as A1111's __post_init__ does", () => {
    expect(params({ width: 512, height: 512, firstphase_width: 64, firstphase_height: 96 })).toMatchObject({ width: 64, height: 96 });
    // Only one of them set: the other becomes 0, which no pass can have — reported at the field the client sent.
    const e = failure({ firstphase_width: 64 }) as RequestValidationError;
    expect(e.issues.map((i) => i.loc.join("."))).toEqual(["body.firstphase_height"]);
  });
});

describe("txt2img hires fix fields (docs/a1111/generation.md#hires-fix, docs/a1111/api.md#request-fields-and-defaults)", () => {
  it("maps enable_hr with A1111's API defaults: scale 2.0, denoising 0.75, upscaler null (Latent, not in infotext), same sampler", () => {
    expect(params({ enable_hr: true, width: 64, height: 64 })).toMatchObject({
      enableHr: true, hrScale: 2, hrResizeX: 0, hrResizeY: 0, hrUpscaler: null, hrSecondPassSteps: 0, denoisingStrength: 0.75,
      hrSamplerName: "Use same sampler", hrScheduler: "Use same scheduler", hrPrompt: "", hrNegativePrompt: "",
    });
  });

  it("carries every hr_* field across", () => {
    const p = params({
      enable_hr: true, width: 64, height: 64, hr_scale: 1.5, hr_resize_x: 96, hr_resize_y: 80, hr_upscaler: "Latent (nearest)", hr_second_pass_steps: 3,
      denoising_strength: 0.4, hr_sampler_name: "Euler a", hr_scheduler: "karras", hr_prompt: "sharp", hr_negative_prompt: "soft",
    });
    expect(p).toMatchObject({
      hrScale: 1.5, hrResizeX: 96, hrResizeY: 80, hrUpscaler: "Latent (nearest)", hrSecondPassSteps: 3, denoisingStrength: 0.4,
      hrSamplerName: "Euler a", hrScheduler: "Karras", hrPrompt: "sharp", hrNegativePrompt: "soft",
    });
  });

  it("accepts image upscalers by name and the UI's 'Use same …' placeholders", () => {
    expect(params({ enable_hr: true, width: 64, height: 64, hr_upscaler: "Lanczos", hr_checkpoint_name: "Use same checkpoint", hr_sampler_name: "Use same sampler" }).hrUpscaler).toBe("Lanczos");
  });

  it("refuses, before queueing, what A1111 only finds bad inside the job: upscaler, sampler, scheduler, a hires checkpoint", () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ hr_upscaler: "4x-Nothing" }, "hr_upscaler", "could not find upscaler named 4x-Nothing"],
      [{ hr_sampler_name: "Nonexistent" }, "hr_sampler_name", "sampler 'Nonexistent' not found"],
      [{ hr_scheduler: "wobbly" }, "hr_scheduler", "scheduler 'wobbly' not found"],
      [{ hr_checkpoint_name: "other-model" }, "hr_checkpoint_name", "a separate hires checkpoint is not supported yet"],
    ];
    for (const [extra, field, msg] of cases) {
      const e = failure({ enable_hr: true, width: 64, height: 64, ...extra }) as RequestValidationError;
      expect(e).toBeInstanceOf(RequestValidationError);
      expect(e.issues).toEqual([{ loc: ["body", field], msg, type: "value_error" }]);
    }
  });

  it("reports hires range errors under the request's names", () => {
    const e = failure({ enable_hr: true, width: 64, height: 64, hr_scale: 5, hr_second_pass_steps: 151, denoising_strength: 1.5 }) as RequestValidationError;
    expect(e.issues.map((i) => i.loc.join("."))).toEqual(["body.hr_scale", "body.hr_second_pass_steps", "body.denoising_strength"]);
  });

  it("bounds the hires target: 16384×8192 at scale 2 is 32768 wide (too large); a 4-pixel resize is empty", () => {
    const big = failure({ enable_hr: true, width: 16384, height: 8192, hr_scale: 2 }) as RequestValidationError;
    expect(big.issues[0]).toMatchObject({ loc: ["body", "hr_scale"], msg: "the hires size 32768x16384 is too large (at most 16384 pixels a side)" });
    // hr_resize_x 4 alone: height follows the aspect, 4×64//64 = 4; each side floors to 0 latent pixels.
    const empty = failure({ enable_hr: true, width: 64, height: 64, hr_resize_x: 4 }) as RequestValidationError;
    expect(empty.issues[0]).toMatchObject({ loc: ["body", "hr_resize_x"], msg: "the hires size 0x0 is empty (at least 8 pixels a side)" });
    // 8192×8192 × 2 = 16384: exactly the limit, accepted (whether it fits in memory is decided when it runs).
    expect(params({ enable_hr: true, width: 8192, height: 8192 }).hrScale).toBe(2);
  });
});

describe("API sampler resolution (docs/a1111/api.md#request-fields-and-defaults, docs/samplers.md#samplers)", () => {
  it("splits combined names and reverts a sampler's own default schedule to Automatic", () => {
    expect(apiSampler("DPM++ 2M Karras", "Euler", null)).toEqual({ samplerName: "DPM++ 2M", scheduler: "Automatic" });
    expect(apiSampler("Euler a Exponential", "Euler", null)).toEqual({ samplerName: "Euler a", scheduler: "Exponential" });
    expect(apiSampler("DPM++ SDE SGMUniform", "Euler", null)).toEqual({ samplerName: "DPM++ SDE", scheduler: "SGM Uniform" });
  });

  it("uses the legacy sampler_index name when sampler_name is empty, and aliases", () => {
    expect(apiSampler(null, "Euler", null).samplerName).toBe("Euler");
    expect(apiSampler("", "k_lms", null).samplerName).toBe("LMS");
  });

  it("silently falls back to DPM++ 2M for an unknown sampler (docs/a1111/quirks.md#q11)", () => {
    expect(apiSampler("Nonexistent sampler", "Euler", null)).toEqual({ samplerName: "DPM++ 2M", scheduler: "Automatic" });
  });

  it("lets an explicit scheduler win, by name or label, and refuses an unknown one", () => {
    expect(apiSampler("DPM++ 2M Exponential", "Euler", "karras")).toEqual({ samplerName: "DPM++ 2M", scheduler: "Karras" });
    expect(() => apiSampler("Euler", "Euler", "wobbly")).toThrow(RequestValidationError);
  });
});

// Real A1111 clients against the real server: request bodies shaped as these programs build them
// (the Python webuiapi package, SillyTavern, open-webui, openOutpaint, a Discord bot, a Blender
// add-on, LibreChat, an upscaling service, an older X/Y/Z client), with their value types — strings
// for numbers, Python-ish booleans, nulls, legacy sampler_index, trailing slashes, override_settings,
// alwayson_scripts of extensions not installed — each answered as A1111 answers, with the response
// fields those clients read. Then the options catalog, the extra routes and CORS over HTTP.
// Sizes and steps are small (64×64, 1–2 steps): the shapes are the point.
import sharp from "sharp";
import { beforeAll, describe, expect, inject, it } from "vitest";
import a1111Defaults from "../unit/settings/a1111-defaults.json";
import { generate, getJson, pngSize, postJson } from "./sdapi";

const baseUrl = inject("baseUrl");

/** A generation as clients decode it (images, echoed parameters, the info JSON), with each image's size. */
async function generateSized(kind: Parameters<typeof generate>[0], body: Record<string, unknown>) {
  const answer = await generate(kind, body);
  const sizes = await Promise.all(answer.images.map(async (b64) => (await pngSize(b64)).join("x")));
  return { ...answer, sizes };
}

/** The `info` keys A1111 1.10 fills for every job (docs/a1111/api.md#the-info-json), which clients read. */
const INFO_KEYS = [
  "prompt", "all_prompts", "negative_prompt", "all_negative_prompts", "seed", "all_seeds", "subseed", "all_subseeds",
  "subseed_strength", "width", "height", "sampler_name", "cfg_scale", "steps", "batch_size", "restore_faces",
  "face_restoration_model", "sd_model_name", "sd_model_hash", "sd_vae_name", "seed_resize_from_w", "seed_resize_from_h",
  "denoising_strength", "extra_generation_params", "index_of_first_image", "infotexts", "styles", "job_timestamp",
  "clip_skip", "is_using_inpainting_conditioning", "version",
];

let initPng: string;
let maskPng: string;
let checkpointTitle: string;

beforeAll(async () => {
  initPng = (await sharp({ create: { width: 64, height: 64, channels: 3, background: "#3a7bd5" } }).png().toBuffer()).toString("base64");
  const mask = Buffer.alloc(64 * 64, 0);
  for (let y = 16; y < 48; y++) for (let x = 16; x < 48; x++) mask[y * 64 + x] = 255;
  maskPng = (await sharp(mask, { raw: { width: 64, height: 64, channels: 1 } }).png().toBuffer()).toString("base64");
  checkpointTitle = (await getJson<Array<{ title: string }>>("/sdapi/v1/sd-models"))[0].title;
});

describe("real clients' request bodies", () => {
  it("webuiapi (mix1009/sdwebuiapi): txt2img with every field its txt2img() fills in, Python defaults included", async () => {
    const { parameters, info, sizes } = await generateSized("txt2img", {
      enable_hr: false, hr_scale: 2, hr_upscaler: "Latent", hr_second_pass_steps: 0, hr_resize_x: 0, hr_resize_y: 0,
      denoising_strength: 0.7, firstphase_width: 0, firstphase_height: 0, prompt: "a lighthouse at dusk", styles: [],
      seed: -1, subseed: -1, subseed_strength: 0.0, seed_resize_from_h: 0, seed_resize_from_w: 0, batch_size: 1, n_iter: 1,
      steps: 2, cfg_scale: 7.0, width: 64, height: 64, restore_faces: false, tiling: false, do_not_save_samples: false,
      do_not_save_grid: false, negative_prompt: "", eta: 1.0, s_churn: 0, s_tmax: 0, s_tmin: 0, s_noise: 1,
      override_settings: {}, override_settings_restore_afterwards: true, sampler_name: "Euler a", sampler_index: "Euler a",
      script_name: null, script_args: [], send_images: true, save_images: false, alwayson_scripts: {},
    });
    expect(sizes).toEqual(["64x64"]);
    for (const key of INFO_KEYS) expect(info, key).toHaveProperty(key);
    expect(info).toMatchObject({ sampler_name: "Euler a", steps: 2, width: 64, restore_faces: false });
    expect(info).not.toHaveProperty("hello_unet_calls");
    expect(parameters).toMatchObject({ prompt: "a lighthouse at dusk", steps: 2 });
  });

  it("webuiapi: img2img with a data-URL init image and mask, inpainting_mask_invert 0 and its other img2img() defaults", async () => {
    const { sizes, info } = await generateSized("img2img", {
      init_images: [`data:image/png;base64,${initPng}`], resize_mode: 0, denoising_strength: 0.75, image_cfg_scale: 1.5,
      mask: `data:image/png;base64,${maskPng}`, mask_blur: 4, inpainting_fill: 0, inpaint_full_res: true, inpaint_full_res_padding: 0,
      inpainting_mask_invert: 0, initial_noise_multiplier: 1, prompt: "a red door", styles: [], seed: 5, subseed: -1,
      subseed_strength: 0, seed_resize_from_h: 0, seed_resize_from_w: 0, batch_size: 1, n_iter: 1, steps: 2, cfg_scale: 7.0,
      width: 64, height: 64, restore_faces: false, tiling: false, negative_prompt: "", eta: 1.0, s_churn: 0, s_tmax: 0,
      s_tmin: 0, s_noise: 1, override_settings: {}, override_settings_restore_afterwards: true, sampler_name: "Euler a",
      sampler_index: "Euler a", include_init_images: false, script_name: null, script_args: [], send_images: true,
      save_images: false, alwayson_scripts: {},
    });
    expect(sizes).toEqual(["64x64"]);
    expect(info).toMatchObject({ seed: 5, denoising_strength: 0.75 });
  });

  it("SillyTavern: reads options and model lists, switches the model through /options, txt2img with a scheduler and Clip skip override", async () => {
    const options = await getJson<Record<string, unknown>>("/sdapi/v1/options");
    expect(options.sd_model_checkpoint).toBe(checkpointTitle);
    for (const path of ["/sdapi/v1/sd-models", "/sdapi/v1/samplers", "/sdapi/v1/schedulers", "/sdapi/v1/upscalers", "/sdapi/v1/sd-vae", "/sdapi/v1/loras"]) {
      expect(Array.isArray(await getJson(path)), path).toBe(true);
    }
    expect((await postJson("/sdapi/v1/options", { sd_model_checkpoint: checkpointTitle })).status).toBe(200);
    const { sizes, info } = await generateSized("txt2img", {
      prompt: "a cozy cabin", negative_prompt: "lowres", sampler_name: "DPM++ 2M", scheduler: "Karras", steps: 2, cfg_scale: 7,
      width: 64, height: 64, restore_faces: false, enable_hr: false, hr_upscaler: "Latent", hr_scale: 1, denoising_strength: 0.7,
      hr_second_pass_steps: 0, seed: -1, override_settings: { CLIP_stop_at_last_layers: 2, sd_vae: "Automatic" },
      override_settings_restore_afterwards: true, save_images: false, send_images: true, do_not_save_grid: false, do_not_save_samples: false,
    });
    expect(sizes).toEqual(["64x64"]);
    expect(info).toMatchObject({ clip_skip: 2, sampler_name: "DPM++ 2M" });
    expect((info.infotexts as string[])[0]).toMatch(/Schedule type: Karras/);
  });

  it("open-webui: sets the model through /options, then txt2img with only what is configured and nulls for the rest", async () => {
    expect((await postJson("/sdapi/v1/options", { sd_model_checkpoint: checkpointTitle })).status).toBe(200);
    const { sizes, info } = await generateSized("txt2img", {
      prompt: "a paper boat", batch_size: 2, width: 64, height: 64, steps: 2, negative_prompt: "", cfg_scale: null, sampler_name: null, scheduler: null,
    });
    expect(sizes).toEqual(["64x64", "64x64"]);
    expect(info).toMatchObject({ cfg_scale: 7, batch_size: 2 });
    expect(info.all_seeds).toHaveLength(2);
  });

  it("openOutpaint: img2img outpaint with legacy sampler_index, boolean inpainting_mask_invert and fields A1111 ignores", async () => {
    const { parameters, info, sizes } = await generateSized("img2img", {
      prompt: "a mountain range", negative_prompt: "", seed: -1, cfg_scale: 7.0, sampler_index: "DDIM", steps: 2, denoising_strength: 1,
      mask_blur: 0, batch_size: 1, width: 64, height: 64, n_iter: 1, mask: maskPng, init_images: [initPng], inpaint_full_res: false,
      inpainting_fill: 1, outpainting_fill: 2, enable_hr: false, restore_faces: false, hr_scale: 2.0, hr_upscaler: "None",
      hr_second_pass_steps: 0, hr_resize_x: 0, hr_resize_y: 0, hr_square_aspect: false, styles: [], inpainting_mask_invert: false,
      include_init_images: true, override_settings: {}, override_settings_restore_afterwards: true,
    });
    expect(sizes).toEqual(["64x64"]);
    expect(parameters).toMatchObject({ inpainting_mask_invert: 0, sampler_index: "DDIM" });
    expect((parameters.init_images as string[])[0]).toBe(initPng);
    expect(info.sampler_name).toBe("DDIM");
  });

  it("a Discord bot: numbers as the strings slash commands give, and an override naming a model that is not installed", async () => {
    const { sizes, info } = await generateSized("txt2img", {
      prompt: "a dragon made of clouds", negative_prompt: "text", steps: "2", width: "64", height: "64", cfg_scale: "7.0",
      sampler_name: "Euler a", seed: "-1", batch_size: "1", n_iter: 1, styles: [],
      override_settings: { sd_model_checkpoint: "dreamshaper_8.safetensors [879db523c3]", CLIP_stop_at_last_layers: "2" },
      override_settings_restore_afterwards: "True",
    });
    expect(sizes).toEqual(["64x64"]);
    expect(info.sd_model_name).toBe(checkpointTitle.replace(/ \[.*\]$/, ""));
    expect(info.clip_skip).toBe(2);
    expect(info.warnings).toEqual([expect.stringMatching(/checkpoint 'dreamshaper_8\.safetensors \[879db523c3\]' not found; ran on /)]);
  });

  it("a Blender add-on: img2img with sampler_index only, to a URL with a trailing slash", async () => {
    const { sizes, info } = await generateSized("img2img/", {
      prompt: "a sci-fi corridor", negative_prompt: "", width: 64, height: 64, seed: 42, cfg_scale: 7, steps: 2, sampler_index: "Euler",
      restore_faces: false, tiling: false, batch_size: 1, n_iter: 1, denoising_strength: 0.4, init_images: [initPng],
    });
    expect(sizes).toEqual(["64x64"]);
    expect(info).toMatchObject({ seed: 42, sampler_name: "Euler" });
  });

  it("LibreChat: a minimal txt2img, reading images[0] and info", async () => {
    const { sizes, info } = await generateSized("txt2img", { prompt: "a watercolor fox", negative_prompt: "blurry", cfg_scale: 4.5, steps: 2, width: 64, height: 64 });
    expect(sizes).toEqual(["64x64"]);
    expect(info).toMatchObject({ cfg_scale: 4.5, sampler_name: "Euler" });
  });

  it("an upscaling service: extra-single-image asking for R-ESRGAN 4x+ (not installed) with a string factor", async () => {
    const res = await postJson("/sdapi/v1/extra-single-image", {
      image: initPng, resize_mode: 0, show_extras_results: true, gfpgan_visibility: 0, codeformer_visibility: 0, codeformer_weight: 0,
      upscaling_resize: "2", upscaling_resize_w: 512, upscaling_resize_h: 512, upscaling_crop: true, upscaler_1: "R-ESRGAN 4x+",
      upscaler_2: "None", extras_upscaler_2_visibility: 0, upscale_first: false,
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(await pngSize(body.image)).toEqual([128, 128]);
    // What ran is named, not the name asked for.
    expect(body.html_info).toMatch(/Postprocess upscaler: /);
    expect(body.html_info).not.toMatch(/R-ESRGAN 4x\+/);
  });

  it("an older X/Y/Z client: the 14-argument script_args layout runs", async () => {
    const { images, info } = await generateSized("txt2img", {
      prompt: "a teapot", steps: 1, width: 64, height: 64, seed: 3, script_name: "X/Y/Z plot",
      script_args: [4, "1,2", [], 0, "", [], 0, "", [], true, true, false, false, 0],
    });
    expect(images.length).toBe(3);
    expect(info).toMatchObject({ index_of_first_image: 1 });
    expect((info.infotexts as string[])[0]).toMatch(/X Type: Steps, X Values: "1,2"/);
  });

  it("alwayson_scripts of an extension that is not installed: a clear 422 naming the script", async () => {
    const res = await postJson("/sdapi/v1/txt2img", { prompt: "x", steps: 1, width: 64, height: 64, alwayson_scripts: { ControlNet: { args: [] } } });
    expect(res.status).toBe(422);
    expect((await res.json()).detail).toBe("always on script ControlNet not found");
  });

  it("still refuses bad input with pydantic's 422 and its loc", async () => {
    const res = await postJson("/sdapi/v1/txt2img", { steps: "abc", cfg_scale: "1e999", prompt: { text: "a" } });
    expect(res.status).toBe(422);
    const { detail } = await res.json();
    expect(detail.map((d: { loc: string[] }) => d.loc.join("."))).toEqual(["body.prompt", "body.steps", "body.cfg_scale"]);
  });

  it("restore_faces: true runs and says in info that no face restorer is installed", async () => {
    const { info, sizes } = await generateSized("txt2img", { prompt: "a portrait", steps: 1, width: 64, height: 64, restore_faces: true });
    expect(sizes).toEqual(["64x64"]);
    expect(info).toMatchObject({ restore_faces: true, face_restoration_model: "CodeFormer" });
    expect(info.warnings).toEqual([expect.stringMatching(/no face restoration model is installed/)]);
  });
});

describe("the options catalog over HTTP", () => {
  it("lists every A1111 key with its default, the current model's title, and round-trips each kind", async () => {
    const options = await getJson<Record<string, unknown>>("/sdapi/v1/options");
    for (const key of Object.keys(a1111Defaults)) expect(options, key).toHaveProperty(key);
    expect(options.sd_model_checkpoint).toBe(checkpointTitle);
    const changes = { save_txt: true, n_rows: "3", img_downscale_threshold: 2.5, samples_filename_pattern: "[seed]-[steps]", realesrgan_enabled_models: ["R-ESRGAN 4x+"], upscaler_for_img2img: null };
    expect((await postJson("/sdapi/v1/options", changes)).status).toBe(200);
    expect(await getJson("/sdapi/v1/options")).toMatchObject({ ...changes, n_rows: 3 });
    expect((await postJson("/sdapi/v1/options", { save_txt: false, n_rows: -1, samples_filename_pattern: "" })).status).toBe(200);
  });

  it("answers 422 naming an unknown key, a bad value and a folder outside the outputs", async () => {
    const res = await postJson("/sdapi/v1/options", { no_such_setting: 1, jpeg_quality: 500, outdir_samples: "../../etc" });
    expect(res.status).toBe(422);
    const { detail } = await res.json();
    expect(detail.map((d: { loc: string[] }) => d.loc.join("."))).toEqual(["body.no_such_setting", "body.jpeg_quality", "body.outdir_samples"]);
  });
});

describe("routes A1111 1.10 has", () => {
  it("serves loras, interrogate (501), unload/reload-checkpoint, /config, and JSON 404s under /sdapi", async () => {
    for (const lora of (await getJson("/sdapi/v1/loras")) as object[]) expect(Object.keys(lora)).toEqual(["name", "alias", "path", "metadata"]);
    expect(await (await postJson("/sdapi/v1/refresh-loras", {})).json()).toBeNull();
    const interrogate = await postJson("/sdapi/v1/interrogate", { image: initPng, model: "clip" });
    expect(interrogate.status).toBe(501);
    expect((await interrogate.json()).detail).toMatch(/no interrogator is installed/);
    expect(await (await postJson("/sdapi/v1/unload-checkpoint", {})).json()).toEqual({});
    expect(await (await postJson("/sdapi/v1/reload-checkpoint", {})).json()).toEqual({});
    expect((await getJson<{ components: unknown[] }>("/config")).components).toEqual([]);
    for (const [method, path] of [["GET", "/sdapi/v1/no-such-route"], ["POST", "/sdapi/v2/txt2img"]]) {
      const res = await fetch(`${baseUrl}${path}`, { method });
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
      expect(await res.json()).toEqual({ detail: "Not Found" });
    }
  });

  it("without --cors-allow-origins: no CORS headers, preflights refused, foreign pages cannot start jobs", async () => {
    const read = await fetch(`${baseUrl}/sdapi/v1/samplers`, { headers: { Origin: "https://elsewhere.example" } });
    expect(read.status).toBe(200);
    expect(read.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await fetch(`${baseUrl}/sdapi/v1/txt2img`, { method: "OPTIONS", headers: { Origin: "https://elsewhere.example", "Access-Control-Request-Method": "POST" } });
    expect(preflight.status).toBe(405);
    const foreign = await postJson("/sdapi/v1/txt2img", { prompt: "x", steps: 1, width: 64, height: 64 }, { Origin: "https://elsewhere.example" });
    expect(foreign.status).toBe(403);
  });
});

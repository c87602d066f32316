// The one setting caster: each kind of setting takes what pydantic v1 would coerce to its type,
// refuses the rest with pydantic's message, and survives a store/load round trip unchanged.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { castOption } from "@/lib/settings/cast";
import type { OptionKey } from "@/lib/settings/options";
import { loadOptions, updateOptions } from "@/lib/settings/store";

const value = (key: OptionKey, v: unknown) => {
  const cast = castOption(key, v);
  return cast.ok ? cast.value : `refused: ${cast.msg}`;
};

describe("castOption", () => {
  it.each([
    ["samples_save", "false", false],
    ["samples_save", "Yes", true],
    ["samples_save", 0, false],
    ["samples_save", "maybe", "refused: value could not be parsed to a boolean"],
    ["jpeg_quality", "95", 95],
    ["jpeg_quality", 95.0, 95],
    ["jpeg_quality", 0, "refused: ensure this value is greater than or equal to 1"],
    ["jpeg_quality", 101, "refused: ensure this value is less than or equal to 100"],
    ["jpeg_quality", "abc", "refused: value is not a valid integer"],
    ["CLIP_stop_at_last_layers", 2.5, "refused: value is not a valid integer"],
    ["eta_ddim", "0.5", 0.5],
    ["eta_ddim", "nan", "refused: value is not a valid float"],
    ["sigma_min", "1e999", "refused: value is not a valid float"],
    ["samples_filename_pattern", "[seed]-[prompt_spaces]", "[seed]-[prompt_spaces]"],
    ["samples_filename_pattern", 12, "12"],
    ["samples_filename_pattern", { a: 1 }, "refused: str type expected"],
    ["samples_format", "webp", "webp"],
    ["samples_format", "bmp", "refused: unexpected value; permitted: 'png', 'jpg', 'jpeg', 'webp'"],
    ["randn_source", "NV", "NV"],
    ["upscaler_for_img2img", null, null],
    ["upscaler_for_img2img", "R-ESRGAN 4x+", "R-ESRGAN 4x+"],
    ["face_restoration_model", null, "refused: none is not an allowed value"],
    ["sub_quad_kv_chunk_size", null, null],
    ["sub_quad_kv_chunk_size", "512", 512],
    ["quicksettings_list", ["sd_model_checkpoint", "CLIP_stop_at_last_layers"], ["sd_model_checkpoint", "CLIP_stop_at_last_layers"]],
    ["quicksettings_list", "sd_model_checkpoint", "refused: value is not a valid list"],
    ["lora_hide_unknown_for_versions", ["SD1", "SD9"], "refused: unexpected value; permitted: 'SD1', 'SD2', 'SDXL'"],
    ["grid_background_color", "#10a0ff", "#10a0ff"],
    ["grid_background_color", "red", 'refused: string does not match regex "^#[0-9a-fA-F]{6}$"'],
    ["outdir_txt2img_samples", "my-images/txt2img", "my-images/txt2img"],
    ["outdir_txt2img_samples", "/etc", "refused: must be a folder inside the outputs folder: no absolute path, no '..'"],
    ["outdir_grids", "a/../../b", "refused: must be a folder inside the outputs folder: no absolute path, no '..'"],
  ] as Array<[OptionKey, unknown, unknown]>)("%s ← %j gives %j", (key, input, expected) => {
    expect(value(key, input)).toEqual(expected);
  });

  it("keeps HTML texts read-only", () => {
    expect(value("sd_vae_explanation", "<b>mine</b>")).not.toBe("<b>mine</b>");
  });
});

describe("store round trip of each kind", () => {
  let dir: string;
  const saved = process.env.DATA_DIR;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-cast-"));
    process.env.DATA_DIR = dir;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reads back what was stored, typed", () => {
    const changes = {
      save_txt: true,
      n_rows: 3,
      img_downscale_threshold: 2.5,
      samples_filename_pattern: "[seed]",
      samples_format: "jpg",
      realesrgan_enabled_models: ["R-ESRGAN 4x+"],
      upscaler_for_img2img: "Lanczos",
      sub_quad_kv_chunk_size: 256,
      grid_text_active_color: "#123456",
    };
    updateOptions(changes);
    expect(loadOptions()).toMatchObject(changes);
    const onDisk = JSON.parse(fs.readFileSync(path.join(dir, "config.json"), "utf8"));
    expect(onDisk).toMatchObject(changes);
    expect(onDisk).not.toHaveProperty("sd_vae_explanation");
  });
});

// The settings catalog against A1111 v1.10.1: every option key of shared_options.py and of the
// built-in extensions, with its default (a1111-defaults.json: a fresh A1111's /options, read-only
// HTML texts left out), and a few values users rely on spelled out.
import { describe, expect, it } from "vitest";
import a1111Defaults from "./a1111-defaults.json";
import { defaultOptions, OPTIONS, SECTIONS } from "@/lib/settings/options";

describe("the settings catalog", () => {
  it("has every A1111 v1.10.1 key with A1111's default", () => {
    const defaults = defaultOptions() as Record<string, unknown>;
    expect(Object.keys(a1111Defaults).length).toBeGreaterThan(300);
    for (const [key, value] of Object.entries(a1111Defaults)) expect({ key, value: defaults[key] }).toEqual({ key, value });
  });

  it("keeps A1111's defaults users rely on", () => {
    expect(defaultOptions()).toMatchObject({
      samples_format: "png",
      grid_format: "png",
      jpeg_quality: 80,
      samples_filename_pattern: "",
      directories_filename_pattern: "[date]",
      save_to_dirs: true,
      CLIP_stop_at_last_layers: 1,
      randn_source: "GPU",
      eta_ancestral: 1,
      eta_ddim: 0,
      s_noise: 1,
      upscaler_for_img2img: null,
      sd_model_checkpoint: null,
      face_restoration_model: "CodeFormer",
      quicksettings_list: ["sd_model_checkpoint"],
      show_progress_every_n_steps: 10,
      live_preview_refresh_period: 1000,
      img_max_size_mp: 200,
    });
  });

  it("places every option in a known section, with a label unless it is an HTML text", () => {
    const ids = new Set<string>(SECTIONS.map((s) => s.id));
    for (const [key, spec] of Object.entries(OPTIONS)) {
      expect(ids.has(spec.section), key).toBe(true);
      if (spec.kind !== "html") expect(spec.label.length, key).toBeGreaterThan(0);
    }
  });

  it("gives the hints that explain a 0 meaning the model's default", () => {
    expect(OPTIONS.sigma_min.info).toMatch(/^0 = the model's default/);
    expect(OPTIONS.sigma_max.info).toMatch(/^0 = the model's default/);
    expect(OPTIONS.rho.info).toMatch(/^0 = the schedule's default/);
  });

  it("offers the sub-quadratic attention settings with A1111's command-line defaults", () => {
    expect(defaultOptions()).toMatchObject({ sub_quad_q_chunk_size: 1024, sub_quad_kv_chunk_size: null, sub_quad_chunk_threshold: null });
  });
});

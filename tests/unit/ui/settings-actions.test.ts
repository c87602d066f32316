// The Settings tab's and quicksettings' server actions, against a temporary data folder.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applySettings, selectCheckpoint } from "@/app/actions/settings";

let dir: string;
const saved = { DATA_DIR: process.env.DATA_DIR, MODELS_DIR: process.env.MODELS_DIR };
const stored = () => JSON.parse(fs.readFileSync(path.join(dir, "data/config.json"), "utf8"));

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-settings-"));
  process.env.DATA_DIR = path.join(dir, "data");
  process.env.MODELS_DIR = path.join(dir, "models"); // no checkpoints at all
});

afterAll(() => {
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("applySettings", () => {
  it("stores valid values, reports what changed and refuses invalid ones per field", async () => {
    const result = await applySettings({ CLIP_stop_at_last_layers: 2, eta_ddim: 5, randn_source: "CPU", no_such_option: 1 });
    expect(result.changed.sort()).toEqual(["CLIP_stop_at_last_layers", "randn_source"]);
    expect(Object.keys(result.errors).sort()).toEqual(["eta_ddim", "no_such_option"]);
    expect(result.errors.no_such_option).toBe('unknown setting "no_such_option"');
    expect(result.options).toMatchObject({ CLIP_stop_at_last_layers: 2, randn_source: "CPU", eta_ddim: 0 });
    expect(stored()).toMatchObject({ CLIP_stop_at_last_layers: 2, randn_source: "CPU", eta_ddim: 0 });
  });

  it("does not count a value equal to the stored one as a change", async () => {
    const result = await applySettings({ CLIP_stop_at_last_layers: 2, s_noise: 1 });
    expect(result.changed).toEqual([]);
    expect(result.errors).toEqual({});
  });

  it("rejects a non-integer for an integer option", async () => {
    const result = await applySettings({ uni_pc_order: 2.5 });
    expect(Object.keys(result.errors)).toEqual(["uni_pc_order"]);
    expect(stored().uni_pc_order).toBe(3);
  });
});

describe("selectCheckpoint", () => {
  it("refuses a checkpoint that does not exist and stores nothing", async () => {
    const before = stored().sd_model_checkpoint;
    const result = await selectCheckpoint("missing-model");
    expect(result).toEqual({ ok: false, error: 'checkpoint "missing-model" not found' });
    expect(stored().sd_model_checkpoint).toBe(before);
  });

  it("refuses a model folder without vae_decoder/ when it is chosen and keeps the previous model", async () => {
    const folder = (name: string, parts: string[]) => {
      for (const part of parts) {
        fs.mkdirSync(path.dirname(path.join(dir, "models/Stable-diffusion", name, part)), { recursive: true });
        fs.writeFileSync(path.join(dir, "models/Stable-diffusion", name, part), part.endsWith(".json") ? "{}" : "x");
      }
    };
    const complete = ["text_encoder/model.onnx", "unet/model.onnx", "vae_decoder/model.onnx", "tokenizer/vocab.json", "tokenizer/merges.txt", "scheduler/scheduler_config.json"];
    folder("good", complete);
    folder("broken", complete.filter((f) => !f.startsWith("vae_decoder/")));
    const good = await selectCheckpoint("good");
    expect(good.ok).toBe(true);
    const result = await selectCheckpoint("broken");
    expect(result).toEqual({ ok: false, error: "cannot use this model: broken: missing vae_decoder/model.onnx" });
    expect(stored().sd_model_checkpoint).toBe(good.ok && good.checkpoint);
    expect(stored().sd_model_checkpoint).toMatch(/^good \[[0-9a-f]{10}\]$/);
  });
});

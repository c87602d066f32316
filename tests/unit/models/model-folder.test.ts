import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, test } from "vitest";
import { ModelFolderError, readModelFolder } from "@/lib/models/model-folder";

const made: string[] = [];
afterEach(() => made.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-model-"));
  made.push(dir);
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

const complete = {
  "text_encoder/model.onnx": "x",
  "unet/model.onnx": "x",
  "vae_decoder/model.onnx": "x",
  "tokenizer/vocab.json": "{}",
  "tokenizer/merges.txt": "",
  "scheduler/scheduler_config.json": JSON.stringify({ prediction_type: "v_prediction" }),
  "vae_decoder/config.json": JSON.stringify({ scaling_factor: 0.13025 }),
};

test("a complete folder gives its components and configs", () => {
  const dir = folder(complete);
  const f = readModelFolder(dir);
  expect(f.unet).toBe(path.join(dir, "unet/model.onnx"));
  expect(f.vaeEncoder).toBeNull();
  expect(f.scheduler.prediction_type).toBe("v_prediction");
  expect(f.scheduler.beta_end).toBe(0.012); // defaults fill what the config leaves out
  expect(f.vaeScalingFactor).toBe(0.13025);
});

test("a missing file is named in the error", () => {
  const { ["unet/model.onnx"]: _, ...withoutUnet } = complete;
  const dir = folder(withoutUnet);
  expect(() => readModelFolder(dir)).toThrow(ModelFolderError);
  expect(() => readModelFolder(dir)).toThrow(/missing unet\/model\.onnx/);
});

test("broken JSON and unsupported prediction types are reported with the file", () => {
  expect(() => readModelFolder(folder({ ...complete, "scheduler/scheduler_config.json": "{" }))).toThrow(/scheduler_config\.json is not valid JSON/);
  expect(() => readModelFolder(folder({ ...complete, "scheduler/scheduler_config.json": '{"prediction_type":"sample"}' }))).toThrow(/prediction_type "sample"/);
});

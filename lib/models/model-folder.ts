// The diffusers/Optimum ONNX folder layout (docs/onnx-format.md#folder-layout): which files a
// Stable Diffusion folder must have and what its JSON configs say. Everything about the graphs
// themselves is read from the graphs when they are opened.
import fs from "node:fs";
import path from "node:path";

export class ModelFolderError extends Error {
  constructor(readonly folder: string, message: string) {
    super(`${path.basename(folder)}: ${message}`);
    this.name = "ModelFolderError";
  }
}

export interface SchedulerConfig {
  beta_start: number;
  beta_end: number;
  beta_schedule: string;
  num_train_timesteps: number;
  prediction_type: "epsilon" | "v_prediction";
  [key: string]: unknown;
}

export interface ModelFolder {
  dir: string;
  textEncoder: string;
  unet: string;
  vaeDecoder: string;
  /** Absent in txt2img-only exports; img2img then reports it. */
  vaeEncoder: string | null;
  tokenizerDir: string;
  scheduler: SchedulerConfig;
  /** Latents are multiplied by this after encoding and divided by it before decoding. */
  vaeScalingFactor: number;
}

const REQUIRED = [
  "text_encoder/model.onnx",
  "unet/model.onnx",
  "vae_decoder/model.onnx",
  "tokenizer/vocab.json",
  "tokenizer/merges.txt",
  "scheduler/scheduler_config.json",
];

/** SD 1.x/2.x defaults, used when a config leaves a field out. */
const SCHEDULER_DEFAULTS: SchedulerConfig = {
  beta_start: 0.00085,
  beta_end: 0.012,
  beta_schedule: "scaled_linear",
  num_train_timesteps: 1000,
  prediction_type: "epsilon",
};

function readJson(folder: string, relative: string): Record<string, unknown> | null {
  const file = path.join(folder, relative);
  if (!fs.existsSync(file)) return null;
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new ModelFolderError(folder, `${relative} is not valid JSON (${(e as Error).message})`);
  }
}

export function isModelFolder(dir: string): boolean {
  return fs.existsSync(path.join(dir, "unet/model.onnx")) || fs.existsSync(path.join(dir, "model_index.json"));
}

export function readModelFolder(dir: string): ModelFolder {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new ModelFolderError(dir, "folder not found");
  const missing = REQUIRED.filter((f) => !fs.existsSync(path.join(dir, f)));
  if (missing.length) throw new ModelFolderError(dir, `missing ${missing.join(", ")}`);

  const scheduler = { ...SCHEDULER_DEFAULTS, ...readJson(dir, "scheduler/scheduler_config.json") } as SchedulerConfig;
  if (scheduler.prediction_type !== "epsilon" && scheduler.prediction_type !== "v_prediction") {
    throw new ModelFolderError(dir, `scheduler_config.json: prediction_type "${scheduler.prediction_type}" is not supported`);
  }
  const vaeConfig = readJson(dir, "vae_decoder/config.json") ?? readJson(dir, "vae_encoder/config.json");
  const scaling = vaeConfig?.scaling_factor;
  const encoder = path.join(dir, "vae_encoder/model.onnx");
  return {
    dir,
    textEncoder: path.join(dir, "text_encoder/model.onnx"),
    unet: path.join(dir, "unet/model.onnx"),
    vaeDecoder: path.join(dir, "vae_decoder/model.onnx"),
    vaeEncoder: fs.existsSync(encoder) ? encoder : null,
    tokenizerDir: path.join(dir, "tokenizer"),
    scheduler,
    vaeScalingFactor: typeof scaling === "number" ? scaling : 0.18215,
  };
}

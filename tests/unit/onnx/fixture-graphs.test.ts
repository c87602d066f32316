// Structure of the generated fixture graphs, read back with lib/onnx/read.ts.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { onyxPaths } from "@/lib/config";
import { DataLocation, type ModelProto, type NodeProto } from "@/lib/onnx/proto";
import { externalLocation, modelInputs, modelOutputs, readModel } from "@/lib/onnx/read";
import { textEncoderLayerOutput } from "@/lib/onnx/fixtures/text-encoder";
import { SD15_ARCHITECTURE, TINY_ARCHITECTURE } from "@/lib/onnx/fixtures/architecture";
import { learnedParameters, parameterCounts, SD15_PARAMETERS } from "@/lib/onnx/fixtures/parameter-count";

const folder = path.join(onyxPaths().models, "Stable-diffusion", "onyx-tiny");
const open = (component: string) => readModel(path.join(folder, component, "model.onnx"));

class GraphIndex {
  readonly producer = new Map<string, NodeProto>();
  readonly consumers = new Map<string, NodeProto[]>();
  constructor(readonly model: ModelProto) {
    for (const node of model.graph.node) {
      for (const out of node.output) this.producer.set(out, node);
      for (const input of node.input) this.consumers.set(input, [...(this.consumers.get(input) ?? []), node]);
    }
  }
  dependsOn(value: string, source: string, seen = new Set<string>()): boolean {
    if (value === source) return true;
    if (seen.has(value)) return false;
    seen.add(value);
    return (this.producer.get(value)?.input ?? []).some((input) => this.dependsOn(input, source, seen));
  }
  only(value: string, opType: string): NodeProto | undefined {
    const next = this.consumers.get(value) ?? [];
    return next.length === 1 && next[0].opType === opType ? next[0] : undefined;
  }
}

/** InstanceNormalization GroupNorms: Reshape → InstanceNormalization(1, 0) → Reshape(Shape(x)) → Mul → Add. */
function exportedGroupNorms(model: ModelProto): number {
  const g = new GraphIndex(model);
  const initializer = new Map(model.graph.initializer.map((t) => [t.name, t]));
  const floats = (name: string) => Array.from(new Float32Array(Uint8Array.from(initializer.get(name)!.rawData!).buffer));
  return model.graph.node.filter((node) => {
    if (node.opType !== "InstanceNormalization" || g.producer.get(node.input[0])?.opType !== "Reshape") return false;
    if (floats(node.input[1]).some((v) => v !== 1) || floats(node.input[2]).some((v) => v !== 0)) return false;
    const back = g.only(node.output[0], "Reshape");
    if (!back || g.producer.get(back.input[1])?.opType !== "Shape") return false;
    const mul = g.only(back.output[0], "Mul");
    return !!mul && !!g.only(mul.output[0], "Add");
  }).length;
}

describe("fixture graphs", () => {
  it("UNet: cross-attention whose keys come from encoder_hidden_states", () => {
    const unet = open("unet");
    const g = new GraphIndex(unet);
    // Q·Kᵀ where Kᵀ is computed from the context alone and Q from the latent.
    const crossScores = unet.graph.node.filter((n) =>
      n.opType === "MatMul" && n.input.every((input) => g.producer.get(input)?.opType === "Transpose") &&
      g.dependsOn(n.input[1], "encoder_hidden_states") && !g.dependsOn(n.input[1], "sample") && g.dependsOn(n.input[0], "sample"));
    expect(crossScores.map((n) => n.name)).toEqual(["/down_blocks.1/attentions.0/transformer_blocks.0/attn2/MatMul", "/mid_block/attentions.0/transformer_blocks.0/attn2/MatMul"]);
  });

  it("UNet and VAEs: GroupNorm in the InstanceNormalization export pattern", () => {
    // UNet: 8 ResNet blocks (2 down, 2 mid, 2 + 2 up) × 2 + 2 transformers + conv_norm_out. Decoder: 2 mid + 4 × 2 up
    // ResNets × 2, attention, conv_norm_out. Encoder: 4 down + 2 mid ResNets × 2, attention, conv_norm_out.
    expect(exportedGroupNorms(open("unet"))).toBe(19);
    expect(exportedGroupNorms(open("vae_decoder"))).toBe(22);
    expect(exportedGroupNorms(open("vae_encoder"))).toBe(14);
  });

  it("UNet: weights in unet/weights.pb, referenced as EXTERNAL by offset and length", () => {
    const unet = open("unet");
    const external = unet.graph.initializer.filter((t) => t.dataLocation === DataLocation.EXTERNAL).map((t) => externalLocation(t)!);
    expect(external.length).toBeGreaterThan(50);
    expect(new Set(external.map((e) => e.location))).toEqual(new Set(["weights.pb"]));
    const total = external.reduce((sum, e) => sum + e.length, 0);
    expect(fs.statSync(path.join(folder, "unet/weights.pb")).size).toBe(total);
    // Contiguous: each tensor starts where the previous one ended.
    external.forEach((e, i) => expect(e.offset).toBe(i === 0 ? 0 : external[i - 1].offset + external[i - 1].length));
  });

  it("declares the I/O names, types and dynamic axes of real exports", () => {
    const dims = (model: ModelProto) => Object.fromEntries([...modelInputs(model), ...modelOutputs(model)].map((s) => [s.name, [s.type, ...s.dims]]));
    expect(dims(open("text_encoder"))).toEqual({
      input_ids: ["int32", "batch_size", 77], last_hidden_state: ["float32", "batch_size", 77, 64], pooler_output: ["float32", "batch_size", 64],
    });
    expect(dims(open("unet"))).toEqual({
      sample: ["float32", "batch_size", 4, "height", "width"], timestep: ["int64", "batch_size"],
      encoder_hidden_states: ["float32", "batch_size", "sequence_length", 64], out_sample: ["float32", "batch_size", 4, "height", "width"],
    });
    expect(dims(open("vae_decoder"))).toEqual({ latent_sample: ["float32", "batch_size", 4, "height", "width"], sample: ["float32", "batch_size", 3, "height_x8", "width_x8"] });
    expect(dims(open("vae_encoder"))).toEqual({ sample: ["float32", "batch_size", 3, "height", "width"], latent_parameters: ["float32", "batch_size", 8, "height_div8", "width_div8"] });
    const fp16 = readModel(path.join(onyxPaths().models, "Stable-diffusion/onyx-tiny-fp16/unet/model.onnx"));
    expect(modelInputs(fp16).map((s) => s.type)).toEqual(["float16", "int64", "float16"]);
    const inpainting = readModel(path.join(onyxPaths().models, "Stable-diffusion/onyx-tiny-inpainting/unet/model.onnx"));
    expect(modelInputs(inpainting)[0].dims).toEqual(["batch_size", 9, "height", "width"]);
  });

  it("text encoder: each layer's output is named as the torch exporter names it, the last feeds the final LayerNorm", () => {
    const encoder = open("text_encoder");
    const g = new GraphIndex(encoder);
    const layers = TINY_ARCHITECTURE.text.layers;
    for (let i = 0; i < layers; i++) expect(g.producer.get(textEncoderLayerOutput(i))?.opType).toBe("Add");
    expect(g.only(textEncoderLayerOutput(layers - 1), "LayerNormalization")?.name).toBe("/text_model/final_layer_norm/LayerNormalization");
  });

  it("names projections as real exports do: CLIP's q_proj…out_proj and mlp/fc1, fc2; diffusers' to_q…to_out.0 (LoRA keys map onto these)", () => {
    const names = (model: ModelProto) => new Set<string | undefined>([...model.graph.node.map((n) => n.name), ...model.graph.initializer.map((t) => t.name)]);
    const text = names(open("text_encoder"));
    for (const module of ["self_attn/q_proj", "self_attn/k_proj", "self_attn/v_proj", "self_attn/out_proj", "mlp/fc1", "mlp/fc2"]) {
      expect(text.has(`/text_model/encoder/layers.0/${module}/MatMul`), module).toBe(true);
      expect(text.has(`text_model.encoder.layers.0.${module.replace("/", ".")}.weight`), module).toBe(true);
    }
    expect([...text].some((name) => name?.includes("to_q"))).toBe(false);
    const unet = names(open("unet"));
    for (const module of ["attn1/to_q", "attn1/to_k", "attn1/to_v", "attn1/to_out.0", "attn2/to_k", "ff/net.0/proj", "ff/net.2"]) {
      expect(unet.has(`/down_blocks.1/attentions.0/transformer_blocks.0/${module}/MatMul`), module).toBe(true);
    }
  });

  it("SD 1.5's full configuration has SD 1.5's parameter counts, counted by the builders that write the tiny fixtures", () => {
    expect(parameterCounts(SD15_ARCHITECTURE, 0)).toEqual(SD15_PARAMETERS);
    // The weightless count is the written graphs' count: checked on the tiny fixture, built for real.
    const tiny = parameterCounts(TINY_ARCHITECTURE, 0);
    const vocabSize = Number(open("text_encoder").graph.initializer.find((t) => t.name === "text_model.embeddings.token_embedding.weight")!.dims[0]);
    expect(learnedParameters(open("unet"))).toBe(tiny.unet);
    expect(learnedParameters(open("vae_encoder")) + learnedParameters(open("vae_decoder"))).toBe(tiny.vae);
    expect(learnedParameters(open("text_encoder"))).toBe(parameterCounts(TINY_ARCHITECTURE, vocabSize).textEncoder);
  });

  it("writes the Optimum folder configs", () => {
    const json = (file: string) => JSON.parse(fs.readFileSync(path.join(folder, file), "utf8"));
    expect(json("vae_decoder/config.json").scaling_factor).toBe(0.18215);
    expect(json("scheduler/scheduler_config.json")).toMatchObject({
      _class_name: "PNDMScheduler", beta_start: 0.00085, beta_end: 0.012, beta_schedule: "scaled_linear", num_train_timesteps: 1000,
      prediction_type: "epsilon", steps_offset: 1, set_alpha_to_one: false, skip_prk_steps: true, clip_sample: false,
    });
    expect(json("model_index.json")._class_name).toBe("OnnxStableDiffusionPipeline");
    expect(JSON.parse(fs.readFileSync(path.join(onyxPaths().models, "Stable-diffusion/onyx-tiny-inpainting/unet/config.json"), "utf8")).in_channels).toBe(9);
  });
});

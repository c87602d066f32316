// Tiling by graph rewrite: a padded Conv becomes a circular convolution (checked against a direct
// computation), the rewritten fixture UNet becomes equivariant to circular shifts of its input (the
// property that makes textures seamless) while the original is not, a tiled job says so in its
// infotext, and a model whose graph the rewrite refuses runs untiled with a warning in `info`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as ort from "onnxruntime-node";
import { afterAll, describe, expect, it } from "vitest";
import { useTempJobFolders } from "../temp-job-folders";
import { onyxPaths } from "@/lib/config";
import { parseGenerationParameters } from "@/lib/infotext/parser";
import { CHUNKED_ATTENTION_VARIANT } from "@/lib/models/attention-graph";
import { TilingUnsupported, withCircularPadding } from "@/lib/models/tiling-graph";
import { GraphBuilder } from "@/lib/onnx/graph-builder";
import { readModel } from "@/lib/onnx/read";
import { createModel, writeModel } from "@/lib/onnx/write";
import type { ModelProto } from "@/lib/onnx/proto";
import { generationParamsSchema } from "@/lib/pipeline/params";
import { runTxt2img } from "@/lib/pipeline/run-job";
import { JobProgress } from "@/lib/queue/job-progress";

useTempJobFolders("tiling");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-tiling-graphs-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

async function session(model: ModelProto, name: string): Promise<ort.InferenceSession> {
  const file = path.join(scratch, `${name}.onnx`);
  writeModel(file, model, { externalData: `${name}.weights` });
  return ort.InferenceSession.create(file);
}

/** A 1-channel 3×3 convolution with `pads` [1, 1, 1, 1] and the given kernel. */
function convModel(kernel: number[]): ModelProto {
  const b = new GraphBuilder({ seed: 1 });
  const x = b.input("x", [1, 1, "h", "w"]);
  const y = b.node("Conv", [x, b.floatConstant(kernel, [1, 1, 3, 3])], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] });
  b.output(y, "y", [1, 1, "h", "w"]);
  return createModel(b.build("conv"));
}

/** Circular roll of a [B, C, H, W] tensor by (dy, dx). */
function roll(data: Float32Array, [b, c, h, w]: number[], dy: number, dx: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let n = 0; n < b * c; n++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) out[n * h * w + ((y + dy) % h) * w + ((x + dx) % w)] = data[n * h * w + y * w + x];
  return out;
}

const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe("tiling graph rewrite", () => {
  it("turns a zero-padded Conv into a circular convolution", async () => {
    const kernel = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    const [h, w] = [4, 5];
    const x = Float32Array.from({ length: h * w }, (_, i) => (i * 7) % 11);
    const s = await session(withCircularPadding(convModel(kernel)), "conv");
    const y = (await s.run({ x: new ort.Tensor("float32", x, [1, 1, h, w]) })).y.data as Float32Array;
    const expected = new Float32Array(h * w);
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++)
        for (let ki = 0; ki < 3; ki++)
          for (let kj = 0; kj < 3; kj++) expected[i * w + j] += kernel[ki * 3 + kj] * x[((i + ki - 1 + h) % h) * w + ((j + kj - 1 + w) % w)];
    expect(Array.from(y)).toEqual(Array.from(expected));
  });

  it("makes the fixture UNet equivariant to circular shifts (the original is not)", async () => {
    const file = path.join(onyxPaths().models, "Stable-diffusion/onyx-tiny/unet/model.onnx");
    const original = readModel(file, { loadExternalData: true });
    const shape = [1, 4, 16, 16];
    const x = Float32Array.from({ length: 4 * 16 * 16 }, (_, i) => Math.sin(i * 0.37) + Math.cos(i * 0.11));
    const context = Float32Array.from({ length: 77 * 64 }, (_, i) => Math.sin(i * 0.05));
    const feeds = (sample: Float32Array) => ({
      sample: new ort.Tensor("float32", sample, shape),
      timestep: new ort.Tensor("int64", BigInt64Array.from([500n]), [1]),
      encoder_hidden_states: new ort.Tensor("float32", context, [1, 77, 64]),
    });
    // One stride-2 level: shifts by whole low-resolution pixels (2 latent pixels) commute with the network.
    const shiftError = async (s: ort.InferenceSession) => {
      const out = (await s.run(feeds(x))).out_sample.data as Float32Array;
      const shifted = (await s.run(feeds(roll(x, shape, 2, 4)))).out_sample.data as Float32Array;
      return maxDiff(roll(out, shape, 2, 4), shifted);
    };
    const tiled = await shiftError(await session(withCircularPadding(original), "unet-tiled"));
    const plain = await shiftError(await session(original, "unet-plain"));
    expect(tiled).toBeLessThan(1e-4);
    expect(plain).toBeGreaterThan(1e-2);
  });

  it("a txt2img job with the Tiling setting uses the tiled graphs and writes Tiling: True", async () => {
    const params = (tiling: boolean) => generationParamsSchema.parse({ prompt: "a brick wall", width: 64, height: 64, steps: 3, seed: 9, saveImages: false, overrideSettings: { tiling } });
    const tiled = await runTxt2img(params(true), new JobProgress("tiled"));
    const plain = await runTxt2img(params(false), new JobProgress("plain"));
    expect(parseGenerationParameters(tiled.images[0].infotext).Tiling).toBe("True");
    expect(plain.images[0].infotext).not.toContain("Tiling");
    expect(tiled.images[0].png.equals(plain.images[0].png)).toBe(false);
    expect(fs.readdirSync(path.join(process.env.DATA_DIR!, "cache/models")).filter((f) => f.endsWith(`-tiling-${CHUNKED_ATTENTION_VARIANT}.onnx`))).toHaveLength(2);
  });
});

/** The model with every stride-1 3×3 Conv padding by auto_pad SAME_UPPER: the same convolution, a form the rewrite refuses. */
function withAutoPad(model: ModelProto): ModelProto {
  const autoPad = { name: "auto_pad", type: 3, s: new TextEncoder().encode("SAME_UPPER") };
  const node = model.graph.node.map((n) => {
    const pads = n.attribute?.find((a) => a.name === "pads")?.ints;
    const strides = n.attribute?.find((a) => a.name === "strides")?.ints ?? [1, 1];
    if (n.opType !== "Conv" || !pads || pads.join() !== "1,1,1,1" || strides.join() !== "1,1") return n;
    return { ...n, attribute: [...n.attribute!.filter((a) => a.name !== "pads"), autoPad] };
  });
  return { ...model, graph: { ...model.graph, node } };
}

describe("a model that cannot tile", () => {
  it("is refused by the rewrite: auto_pad padding, or no padded Conv at all", () => {
    expect(() => withCircularPadding(withAutoPad(convModel([1, 2, 3, 4, 5, 6, 7, 8, 9])))).toThrow(TilingUnsupported);
    const b = new GraphBuilder({ seed: 1 });
    const x = b.input("x", [1, 1, 4, 4]);
    b.output(b.node("Relu", [x]), "y", [1, 1, 4, 4]);
    expect(() => withCircularPadding(createModel(b.build("no-conv")))).toThrow(/no padded 2-D Conv/);
  });

  it("runs a job with Tiling untiled, like the same job without it, and says so in info.warnings", async () => {
    // A models folder of its own: the fixture checkpoint's folders linked in, its UNet replaced by the auto_pad copy.
    const source = path.join(onyxPaths().models, "Stable-diffusion/onyx-tiny");
    const models = path.join(scratch, "models");
    const target = path.join(models, "Stable-diffusion/onyx-untileable");
    fs.mkdirSync(path.join(target, "unet"), { recursive: true });
    for (const entry of fs.readdirSync(source)) if (entry !== "unet") fs.symlinkSync(path.join(source, entry), path.join(target, entry));
    fs.copyFileSync(path.join(source, "unet/config.json"), path.join(target, "unet/config.json"));
    writeModel(path.join(target, "unet/model.onnx"), withAutoPad(readModel(path.join(source, "unet/model.onnx"), { loadExternalData: true })), { externalData: "weights.pb" });

    const params = (tiling: boolean) => generationParamsSchema.parse({ prompt: "a brick wall", width: 64, height: 64, steps: 3, seed: 9, saveImages: false, overrideSettings: { tiling } });
    const modelsDir = process.env.MODELS_DIR;
    process.env.MODELS_DIR = models;
    const [tiled, plain] = await (async () => {
      try {
        return [await runTxt2img(params(true), new JobProgress("untileable")), await runTxt2img(params(false), new JobProgress("untileable-plain"))];
      } finally {
        if (modelsDir === undefined) delete process.env.MODELS_DIR;
        else process.env.MODELS_DIR = modelsDir;
      }
    })();
    expect(tiled.info.sd_model_name).toBe("onyx-untileable");
    expect(tiled.info.warnings).toEqual([expect.stringMatching(/^tiling: onyx-untileable.* cannot tile \(UNet: Conv .* pads by auto_pad SAME_UPPER\); the images are not tiled$/)]);
    expect(plain.info.warnings).toBeUndefined();
    expect(tiled.images[0].infotext).not.toContain("Tiling");
    expect(tiled.images[0].png.equals(plain.images[0].png)).toBe(true);
  });
});

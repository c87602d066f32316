// The "Tiled VAE" script: A1111's positional arguments and names, the CPU defaults, and the hook's fall-backs —
// small inputs and disabled scripts take the plain VAE untouched, a VAE without a GroupNorm runs untiled with a
// warning in the job's info.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_DECODER_TILE, DEFAULT_ENCODER_TILE, tiledVae, tiledVaeScript } from "@/extensions/tiled-vae";
import { GraphBuilder } from "@/lib/onnx/graph-builder";
import { createModel, writeModel } from "@/lib/onnx/write";
import { bindScriptArgs } from "@/lib/scripts/bind-args";
import type { JobContext } from "@/lib/scripts/script";
import type { ScriptServices } from "@/lib/scripts/script-services";
import type { Tensor } from "@/lib/tensor";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-tiled-vae-script-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const ARGS = { encoder_tile_size: 512, decoder_tile_size: 64, fast_decoder: true, fast_encoder: true, color_fix: false, park_float16: false };

/** A hook context over a stand-in model whose decoder file is `decoderFile`. */
function context(decoderFile: string, warnings: string[]): JobContext<typeof ARGS> {
  const services = {
    model: { files: { vaeDecoder: decoderFile, vaeEncoder: null }, vaeScalingFactor: 0.18215, openDerived: () => Promise.reject(new Error("not expected")) },
    progress: { interrupted: false, subSteps: () => ({ next() {}, done() {} }) },
  } as unknown as ScriptServices;
  return {
    kind: "txt2img", args: ARGS, services, state: new Map(), setInfotext() {}, warn: (m) => warnings.push(m),
    job: { options: { tiling: false } } as JobContext["job"],
  };
}

describe("Tiled VAE script", () => {
  it("takes A1111's positional arguments and names, with the CPU defaults", () => {
    expect(bindScriptArgs(tiledVaeScript, [true, 3072, 192, true, true, true, true])).toEqual({
      enabled: true, encoder_tile_size: 3072, decoder_tile_size: 192, vae_to_gpu: true, fast_decoder: true, fast_encoder: true, color_fix: true, park_float16: false,
    });
    expect(bindScriptArgs(tiledVaeScript, { enabled: true, fast_decoder: false })).toEqual({
      enabled: true, encoder_tile_size: DEFAULT_ENCODER_TILE, decoder_tile_size: DEFAULT_DECODER_TILE, vae_to_gpu: true, fast_decoder: false, fast_encoder: true, color_fix: false, park_float16: false,
    });
    expect([DEFAULT_ENCODER_TILE, DEFAULT_DECODER_TILE]).toEqual([512, 64]);
  });

  it("a disabled script leaves the VAE alone", () => {
    const inner = async (x: Tensor) => x;
    const ctx = { ...context("", []), args: { ...ARGS, enabled: false } } as unknown as Parameters<NonNullable<typeof tiledVaeScript.hooks.wrapVaeDecode>>[1];
    expect(tiledVaeScript.hooks.wrapVaeDecode!(inner, ctx)).toBe(inner);
    expect(tiledVaeScript.hooks.wrapVaeEncode!(inner, ctx)).toBe(inner);
  });

  it("small latents take the plain decoder untouched", async () => {
    const x: Tensor = { data: new Float32Array(4 * 86 * 86), shape: [1, 4, 86, 86] };
    const plain: Tensor = { data: new Float32Array(3), shape: [1, 3, 1, 1] };
    const warnings: string[] = [];
    expect(await tiledVae(async () => plain, context("/nonexistent.onnx", warnings), "decoder")(x)).toBe(plain);
    expect(warnings).toEqual([]);
  });

  it("a VAE without a GroupNorm runs untiled with a warning", async () => {
    const b = new GraphBuilder({ seed: 1 });
    const z = b.input("latent_sample", [1, 4, "h", "w"]);
    b.output(b.node("Resize", [z, "", b.floatConstant([1, 1, 8, 8], [4])], { mode: "nearest" }), "sample", [1, 4, "H", "W"]);
    const file = path.join(scratch, "no-groupnorm.onnx");
    writeModel(file, createModel(b.build("g")));
    const x: Tensor = { data: new Float32Array(4 * 100 * 100), shape: [1, 4, 100, 100] };
    const plain: Tensor = { data: new Float32Array(3), shape: [1, 3, 1, 1] };
    const warnings: string[] = [];
    expect(await tiledVae(async () => plain, context(file, warnings), "decoder")(x)).toBe(plain);
    expect(warnings).toEqual(["Tiled VAE: the VAE decoder has no GroupNorm Tiled VAE recognises; it ran untiled"]);
  });
});

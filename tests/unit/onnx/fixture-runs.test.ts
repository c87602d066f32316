// The fixture models run in onnxruntime-node at several sizes, batches and context lengths.
import fs from "node:fs";
import path from "node:path";
import * as ort from "onnxruntime-node";
import { afterAll, describe, expect, it } from "vitest";
import { onyxPaths } from "@/lib/config";
import { fromFloat16, toFloat16 } from "@/lib/onnx/float16";
import { COLOR_GAIN } from "@/lib/onnx/fixtures/architecture";
import { FIXTURE_ESRGAN } from "@/lib/onnx/fixtures";
import { ESRGAN_RECEPTIVE_RADIUS } from "@/lib/onnx/fixtures/esrgan";

const models = onyxPaths().models;
const sessions = new Map<string, Promise<ort.InferenceSession>>();
function session(relative: string): Promise<ort.InferenceSession> {
  if (!sessions.has(relative)) sessions.set(relative, ort.InferenceSession.create(path.join(models, relative), { executionProviders: ["cpu"], logSeverityLevel: 3 }));
  return sessions.get(relative)!;
}
afterAll(async () => {
  for (const s of sessions.values()) await (await s).release();
});

const sd = (variant: string, component: string) => `Stable-diffusion/${variant}/${component}/model.onnx`;
const timings: Record<string, number> = {};
afterAll(() => console.log("fixture timings (ms):", timings));

/** A deterministic smooth-but-varied test signal. */
function signal(length: number, frequency: number, amplitude = 1): Float32Array {
  return Float32Array.from({ length }, (_, i) => amplitude * Math.sin(i * frequency + Math.cos(i * 0.001)));
}

function floatTensor(data: Float32Array, dims: number[], half = false): ort.Tensor {
  return half ? new ort.Tensor("float16", toFloat16(data), dims) : new ort.Tensor("float32", data, dims);
}

function floats(t: ort.Tensor): Float32Array {
  return t.type === "float16" ? fromFloat16(t.data as Uint16Array) : (t.data as Float32Array);
}

function stats(values: Float32Array) {
  let sum = 0, squares = 0;
  for (const v of values) { sum += v; squares += v * v; }
  const mean = sum / values.length;
  return { mean, std: Math.sqrt(Math.max(squares / values.length - mean * mean, 0)), finite: values.every(Number.isFinite) };
}

function expectLive(values: Float32Array, minStd = 0.05): void {
  const s = stats(values);
  expect(s.finite).toBe(true);
  expect(s.std).toBeGreaterThan(minStd);
}

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  timings[label] = Math.round(performance.now() - start);
  return result;
}

function unetFeeds(batch: number, channels: number, h: number, w: number, tokens: number, half = false) {
  return {
    sample: floatTensor(signal(batch * channels * h * w, 0.37), [batch, channels, h, w], half),
    timestep: new ort.Tensor("int64", BigInt64Array.from({ length: batch }, (_, i) => BigInt(999 - 100 * i)), [batch]),
    encoder_hidden_states: floatTensor(signal(batch * tokens * 64, 0.11), [batch, tokens, 64], half),
  };
}

function textIds(batch: number): Int32Array {
  // <start> t1 t2 … <end> then padding with <end>: the end token (highest id) at position 1 + 3·row + 2.
  const ids = new Int32Array(batch * 77);
  for (let row = 0; row < batch; row++) {
    const length = 3 * row + 2;
    for (let p = 0; p < 77; p++) ids[row * 77 + p] = p === 0 ? 1000 : p <= length ? 300 + 7 * p + row : 1001;
  }
  return ids;
}

describe("fixture models in onnxruntime-node", () => {
  it("text encoder: [B, 77] int32 ids → last_hidden_state and pooler_output at the end token", async () => {
    const encoder = await session(sd("onyx-tiny", "text_encoder"));
    for (const batch of [1, 2]) {
      const ids = textIds(batch).map((id) => (id >= 1000 ? id - 1000 + vocabEnd() - 1 : id));
      const out = await encoder.run({ input_ids: new ort.Tensor("int32", ids, [batch, 77]) });
      expect(out.last_hidden_state.dims).toEqual([batch, 77, 64]);
      expect(out.pooler_output.dims).toEqual([batch, 64]);
      const hidden = floats(out.last_hidden_state);
      expectLive(hidden, 0.3);
      for (let row = 0; row < batch; row++) {
        const endPosition = 3 * row + 3; // first occurrence of the highest id
        expect(Array.from(floats(out.pooler_output).subarray(row * 64, row * 64 + 64))).toEqual(Array.from(hidden.subarray((row * 77 + endPosition) * 64, (row * 77 + endPosition + 1) * 64)));
      }
    }
  });

  it("text encoder: the causal mask keeps earlier positions independent of later tokens", async () => {
    const encoder = await session(sd("onyx-tiny", "text_encoder"));
    const ids = new Int32Array(77).fill(vocabEnd());
    ids.set([vocabEnd() - 1, 320, 1125, 539, 320]);
    const changed = ids.slice();
    changed[3] = 700;
    const [a, b] = await Promise.all([ids, changed].map(async (x) => floats((await encoder.run({ input_ids: new ort.Tensor("int32", x, [1, 77]) })).last_hidden_state)));
    expect(Array.from(a.subarray(0, 3 * 64))).toEqual(Array.from(b.subarray(0, 3 * 64)));
    expect(Math.max(...a.subarray(3 * 64, 4 * 64).map((v, i) => Math.abs(v - b[3 * 64 + i])))).toBeGreaterThan(0.01);
  });

  it("UNet: any batch, latent size (multiple of 8) and 77·k context tokens", async () => {
    const unet = await session(sd("onyx-tiny", "unet"));
    for (const [batch, h, w, tokens] of [[1, 8, 8, 77], [2, 40, 64, 154], [1, 96, 96, 77]]) {
      const out = (await unet.run(unetFeeds(batch, 4, h, w, tokens))).out_sample;
      expect(out.dims).toEqual([batch, 4, h, w]);
      expectLive(floats(out));
    }
    const feeds = unetFeeds(2, 4, 64, 64, 77);
    await unet.run(feeds);
    const out = await timed("unet batch 2 64×64", () => unet.run(feeds));
    expectLive(floats(out.out_sample));
  });

  it("UNet: the prediction depends on the prompt context and on the timestep", async () => {
    const unet = await session(sd("onyx-tiny", "unet"));
    const base = unetFeeds(1, 4, 16, 16, 77);
    const reference = floats((await unet.run(base)).out_sample);
    const otherContext = { ...base, encoder_hidden_states: floatTensor(signal(77 * 64, 0.23), [1, 77, 64]) };
    const otherTime = { ...base, timestep: new ort.Tensor("int64", BigInt64Array.from([10n]), [1]) };
    for (const feeds of [otherContext, otherTime]) {
      const out = floats((await unet.run(feeds)).out_sample);
      expect(stats(out.map((v, i) => v - reference[i])).std).toBeGreaterThan(0.01);
    }
  });

  it("inpainting UNet takes 9 channels and returns 4", async () => {
    const unet = await session(sd("onyx-tiny-inpainting", "unet"));
    const out = (await unet.run(unetFeeds(2, 9, 16, 24, 77))).out_sample;
    expect(out.dims).toEqual([2, 4, 16, 24]);
    expectLive(floats(out));
  });

  it("VAE decoder: [B, 4, h, w] → [B, 3, 8h, 8w], mostly within [-1, 1] and structured", async () => {
    const decoder = await session(sd("onyx-tiny", "vae_decoder"));
    const small = (await decoder.run({ latent_sample: floatTensor(signal(2 * 4 * 8 * 8, 0.3, 4), [2, 4, 8, 8]) })).sample;
    expect(small.dims).toEqual([2, 3, 64, 64]);
    // Latent amplitude 3: colours up to ±3 / COLOR_GAIN ≈ ±0.55 before the learned structure is added.
    const feeds = { latent_sample: floatTensor(signal(4 * 64 * 64, 0.013, 3), [1, 4, 64, 64]) };
    const image = floats((await timed("vae decode 512×512", () => decoder.run(feeds))).sample);
    expect(image.length).toBe(3 * 512 * 512);
    expectLive(image, 0.2);
    expect(image.filter((v) => Math.abs(v) <= 1).length / image.length).toBeGreaterThan(0.9);
    // Structured, not speckle: neighbouring pixels correlate.
    let neighbour = 0, self = 0;
    const { mean } = stats(image);
    for (let i = 0; i + 1 < 512 * 512; i++) { neighbour += (image[i] - mean) * (image[i + 1] - mean); self += (image[i] - mean) ** 2; }
    expect(neighbour / self).toBeGreaterThan(0.5);
  });

  it("VAE encoder → decoder keeps a flat colour: mean ≈ COLOR_GAIN · colour, decode(mean) ≈ colour", async () => {
    const encoder = await session(sd("onyx-tiny", "vae_encoder"));
    const decoder = await session(sd("onyx-tiny", "vae_decoder"));
    const colour = [0.6, -0.2, 0.1];
    const [h, w] = [64, 96];
    const image = Float32Array.from({ length: 2 * 3 * h * w }, (_, i) => colour[Math.floor(i / (h * w)) % 3]);
    const moments = (await encoder.run({ sample: floatTensor(image, [2, 3, h, w]) })).latent_parameters;
    expect(moments.dims).toEqual([2, 8, h / 8, w / 8]);
    const m = floats(moments);
    const plane = (b: number, c: number) => m.subarray((b * 8 + c) * (h / 8) * (w / 8), (b * 8 + c + 1) * (h / 8) * (w / 8));
    for (let c = 0; c < 3; c++) expect(stats(plane(0, c)).mean).toBeCloseTo(COLOR_GAIN * colour[c], 0);
    for (let c = 4; c < 8; c++) expect(stats(plane(1, c)).mean).toBeLessThan(-6); // narrow posterior
    const mean = new Float32Array(4 * (h / 8) * (w / 8));
    for (let c = 0; c < 4; c++) mean.set(plane(0, c), c * (h / 8) * (w / 8));
    const decoded = floats((await decoder.run({ latent_sample: floatTensor(mean, [1, 4, h / 8, w / 8]) })).sample);
    for (let c = 0; c < 3; c++) expect(Math.abs(stats(decoded.subarray(c * h * w, (c + 1) * h * w)).mean - colour[c])).toBeLessThan(0.25);
  });

  it("fp16 variant: float16 I/O, output close to fp32", async () => {
    const deviations: Record<string, number> = {};
    const compare = async (component: string, feeds: (half: boolean) => Record<string, ort.Tensor>, output: string) => {
      const full = floats((await (await session(sd("onyx-tiny", component))).run(feeds(false)))[output]);
      const halfOut = (await (await session(sd("onyx-tiny-fp16", component))).run(feeds(true)))[output];
      expect(halfOut.type).toBe("float16");
      const half = floats(halfOut);
      const maxDiff = half.reduce((m, v, i) => Math.max(m, Math.abs(v - full[i])), 0);
      deviations[component] = maxDiff / stats(full).std;
    };
    await compare("text_encoder", () => ({ input_ids: new ort.Tensor("int32", textIds(2).map((id) => (id >= 1000 ? id - 1000 + vocabEnd() - 1 : id)), [2, 77]) }), "last_hidden_state");
    await compare("unet", (half) => unetFeeds(2, 4, 16, 16, 77, half), "out_sample");
    await compare("vae_decoder", (half) => ({ latent_sample: floatTensor(signal(4 * 8 * 8, 0.3, 4), [1, 4, 8, 8], half) }), "sample");
    await compare("vae_encoder", (half) => ({ sample: floatTensor(signal(3 * 64 * 64, 0.05), [1, 3, 64, 64], half) }), "latent_parameters");
    console.log("fp16 max |fp16 − fp32| / std(fp32):", deviations);
    for (const d of Object.values(deviations)) expect(d).toBeLessThan(0.05);
  });

  it("ESRGAN ×4: upscales like bilinear plus a small residual, within a 6-pixel receptive field", async () => {
    const esrgan = await session(`ESRGAN/${FIXTURE_ESRGAN}`);
    const [h, w] = [24, 32];
    const input = Float32Array.from({ length: 3 * h * w }, (_, i) => 0.5 + 0.4 * Math.sin(i * 0.21));
    const out = (await esrgan.run({ input: floatTensor(input, [1, 3, h, w]) })).output;
    expect(out.dims).toEqual([1, 3, 4 * h, 4 * w]);
    const up = floats(out);
    let diff = 0;
    for (let c = 0; c < 3; c++) for (let y = 0; y < 4 * h; y++) for (let x = 0; x < 4 * w; x++) {
      diff += Math.abs(up[(c * 4 * h + y) * 4 * w + x] - input[(c * h + (y >> 2)) * w + (x >> 2)]);
    }
    expect(diff / up.length).toBeLessThan(0.15); // close to the input, nearest-upsampled

    const [py, px] = [12, 16];
    const poked = input.slice();
    poked[py * w + px] += 0.5;
    const changed = floats((await esrgan.run({ input: floatTensor(poked, [1, 3, h, w]) })).output);
    let farthest = 0;
    for (let y = 0; y < 4 * h; y++) for (let x = 0; x < 4 * w; x++) {
      if (changed[y * 4 * w + x] === up[y * 4 * w + x]) continue;
      // Output pixel centre in input coordinates (half-pixel convention).
      farthest = Math.max(farthest, Math.abs((y + 0.5) / 4 - 0.5 - py), Math.abs((x + 0.5) / 4 - 0.5 - px));
    }
    expect(farthest).toBeGreaterThan(1);
    expect(farthest).toBeLessThanOrEqual(ESRGAN_RECEPTIVE_RADIUS);

    const big = { input: floatTensor(signal(3 * 128 * 128, 0.02, 0.4).map((v) => v + 0.5), [1, 3, 128, 128]) };
    const result = await timed("esrgan 128→512", () => esrgan.run(big));
    expect(result.output.dims).toEqual([1, 3, 512, 512]);
  });
});

/** The fixture vocabulary's last id (<|endoftext|>); <|startoftext|> is one less. */
function vocabEnd(): number {
  return cachedVocabEnd;
}
const cachedVocabEnd = (() => {
  const vocab = JSON.parse(fs.readFileSync(path.join(models, "Stable-diffusion/onyx-tiny/tokenizer/vocab.json"), "utf8"));
  return vocab["<|endoftext|>"] as number;
})();

// Tiled VAE through the A1111 API under next start: txt2img at 1024² with the script's positional arguments
// (synchronised decoder) and img2img from a 1024² init image with the encoder tiled; each answers 200 at the
// right size, within 0.1/255 mean (2/255 max) of the same job without Tiled VAE, with the same infotext.
import sharp from "sharp";
import { describe, expect, inject, it } from "vitest";

const baseUrl = inject("baseUrl");

const post = (url: string, body: unknown) => fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

async function generate(route: "txt2img" | "img2img", body: Record<string, unknown>) {
  const res = await post(`${baseUrl}/sdapi/v1/${route}`, body);
  expect(res.status, await res.clone().text()).toBe(200);
  const json = (await res.json()) as { images: string[]; info: string };
  const { data, info } = await sharp(Buffer.from(json.images[0], "base64")).raw().toBuffer({ resolveWithObject: true });
  return { pixels: data, width: info.width, height: info.height, info: JSON.parse(json.info) as { infotexts: string[]; warnings?: string[] } };
}

function difference(a: Buffer, b: Buffer): { mean: number; max: number } {
  let [sum, max] = [0, 0];
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    sum += d;
    max = Math.max(max, d);
  }
  return { mean: sum / a.length, max };
}

describe("Tiled VAE through the API", () => {
  it("txt2img 1024×1024 with the positional arguments decodes tiled, like the untiled decode", { timeout: 600_000 }, async () => {
    const job = { prompt: "a lighthouse at dusk", steps: 2, width: 1024, height: 1024, seed: 4242 };
    // [enabled, encoder tile, decoder tile, vae_to_gpu, fast decoder, fast encoder, colour fix]: synchronised decoder.
    const tiled = await generate("txt2img", { ...job, alwayson_scripts: { "Tiled VAE": { args: [true, 512, 64, true, false, true, false] } } });
    const plain = await generate("txt2img", job);
    expect([tiled.width, tiled.height]).toEqual([1024, 1024]);
    expect(tiled.info.warnings).toBeUndefined();
    expect(tiled.info.infotexts).toEqual(plain.info.infotexts);
    const error = difference(tiled.pixels, plain.pixels);
    expect(error.mean).toBeLessThan(0.1);
    expect(error.max).toBeLessThanOrEqual(2);
  });

  it("img2img from a 1024² init image encodes tiled, like the untiled encode", { timeout: 600_000 }, async () => {
    const width = 1024;
    const raw = Buffer.alloc(width * width * 3);
    for (let y = 0; y < width; y++)
      for (let x = 0; x < width; x++) raw.set([128 + 100 * Math.sin(x / 90), 128 + 90 * Math.cos(y / 70), (x * y) % 256], (y * width + x) * 3);
    const init = (await sharp(raw, { raw: { width, height: width, channels: 3 } }).png().toBuffer()).toString("base64");
    const job = { prompt: "a painting", steps: 2, width, height: width, seed: 99, denoising_strength: 0.3, init_images: [init] };
    const tiled = await generate("img2img", { ...job, alwayson_scripts: { "Tiled VAE": { args: { enabled: true, encoder_tile_size: 512, fast_encoder: false, fast_decoder: false } } } });
    const plain = await generate("img2img", job);
    expect([tiled.width, tiled.height]).toEqual([1024, 1024]);
    expect(tiled.info.warnings).toBeUndefined();
    expect(tiled.info.infotexts).toEqual(plain.info.infotexts);
    const error = difference(tiled.pixels, plain.pixels);
    expect(error.mean).toBeLessThan(0.5);
    expect(error.max).toBeLessThanOrEqual(8);
  });
});

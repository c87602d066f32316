// img2img, extras and hires fix through the A1111-compatible API against the real server, refused
// input answered with 4xx and nothing written, and the client acceptance script (api-client.sh).
// Pictures stay small (≤ 96 px, 2 steps) so each request takes a moment on the fixture models.
import { spawnSync } from "node:child_process";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { readPngText } from "@/lib/images/png-text";
import { FIXTURE_ESRGAN } from "@/lib/onnx/fixtures";
import { outputFiles } from "./outputs";
import { generate, getJson, pngSize, postJson, postOk } from "./sdapi";

const baseUrl = inject("baseUrl");
const ESRGAN = path.basename(FIXTURE_ESRGAN, ".onnx");

/** A smooth colour picture, base64 PNG. */
async function picture(width: number, height: number): Promise<string> {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([(x * 255) / width, (y * 255) / height, 128], (y * width + x) * 3);
  return (await sharp(data, { raw: { width, height, channels: 3 } }).png().toBuffer()).toString("base64");
}

/** White (repaint) in a centred square of `size`, black elsewhere. */
async function squareMask(width: number, height: number, size: number): Promise<string> {
  const data = Buffer.alloc(width * height);
  const [x0, y0] = [(width - size) >> 1, (height - size) >> 1];
  for (let y = y0; y < y0 + size; y++) data.fill(255, y * width + x0, y * width + x0 + size);
  return (await sharp(data, { raw: { width, height, channels: 1 } }).png().toBuffer()).toString("base64");
}

let before: string[];
beforeAll(() => {
  before = outputFiles();
});

describe("GET /sdapi/v1/upscalers", () => {
  it("lists the built-ins, then the fixture ESRGAN model from the registry", async () => {
    const list = await getJson<Array<Record<string, unknown>>>("/sdapi/v1/upscalers");
    expect(list.slice(0, 3).map((u) => u.name)).toEqual(["None", "Lanczos", "Nearest"]);
    expect(list.find((u) => u.name === ESRGAN)).toMatchObject({ model_name: "ESRGAN", model_url: null, scale: 4, model_path: expect.stringMatching(/ESRGAN[/\\]onyx-esrgan-4x\.onnx$/) });
  });
});

describe("POST /sdapi/v1/img2img", () => {
  it("inpaints with a mask: requested size, infotext with Denoising strength and Mask blur, init images echoed on request", async () => {
    const init = await picture(64, 96);
    const mask = await squareMask(64, 96, 32);
    const body = { prompt: "a door", init_images: [`data:image/png;base64,${init}`], mask, steps: 2, width: 64, height: 96, seed: 21, include_init_images: true };
    const answer = await generate("img2img", body);
    expect(answer.images).toHaveLength(1);
    expect(await pngSize(answer.images[0])).toEqual([64, 96]);
    const info = answer.info;
    const infotext = info.infotexts[0];
    // The API's defaults: denoising 0.75, mask blur 4, masked content fill, only masked with padding 0.
    expect(infotext).toMatch(/^a door\nSteps: 2, Sampler: Euler, Schedule type: Automatic, CFG scale: 7\.0, Seed: 21, Size: 64x96, /);
    for (const part of ["Denoising strength: 0.75", "Mask blur: 4", "Inpaint area: Only masked", "Masked area padding: 0", "Masked content: fill"]) expect(infotext).toContain(part);
    expect(readPngText(Buffer.from(answer.images[0], "base64")).parameters).toBe(infotext);
    expect(info).toMatchObject({ denoising_strength: 0.75, seed: 21, width: 64, height: 96 });
    expect(answer.parameters).toMatchObject({ init_images: body.init_images, mask, inpainting_fill: 0, inpaint_full_res: true, include_init_images: true });
  });

  it("resizes to the requested size without a mask, and leaves init_images and mask out of the echo by default", async () => {
    const answer = await generate("img2img", { init_images: [await picture(96, 64)], steps: 2, width: 64, height: 64, denoising_strength: 0.5, resize_mode: 1, seed: 3 });
    expect(await pngSize(answer.images[0])).toEqual([64, 64]);
    const infotext = answer.info.infotexts[0];
    expect(infotext).toContain("Denoising strength: 0.5");
    expect(infotext).not.toContain("Mask blur");
    expect(answer.parameters).toMatchObject({ init_images: null, mask: null, resize_mode: 1 });
  });
});

describe("extras through the API", () => {
  it(`upscales ×2 and ×4 with the fixture ESRGAN (${ESRGAN})`, async () => {
    const image = await picture(16, 24);
    for (const scale of [2, 4]) {
      const answer = await postOk<{ html_info: string; image: string }>("/sdapi/v1/extra-single-image", { image, upscaler_1: ESRGAN, upscaling_resize: scale });
      expect(await pngSize(answer.image)).toEqual([16 * scale, 24 * scale]);
      const expected = `Postprocess upscale by: ${scale}.0, Postprocess upscaler: ${ESRGAN}`;
      expect(answer.html_info).toBe(`<p>${expected}</p>`);
      expect(readPngText(Buffer.from(answer.image, "base64")).postprocessing).toBe(expected);
    }
  });

  it("upscales a batch to a box with crop to fit, one image per entry", async () => {
    const imageList = [{ data: await picture(16, 24), name: "a.png" }, { data: await picture(24, 16), name: "b.png" }];
    const answer = await postOk<{ html_info: string; images: string[] }>("/sdapi/v1/extra-batch-images", { imageList, resize_mode: 1, upscaling_resize_w: 40, upscaling_resize_h: 40, upscaler_1: "Lanczos" });
    expect(answer.images).toHaveLength(2);
    for (const b64 of answer.images) expect(await pngSize(b64)).toEqual([40, 40]);
    expect(answer.html_info).toBe("<p>Postprocess upscale to: 40x40, Postprocess crop to: 40x40, Postprocess upscaler: Lanczos</p>");
  });
});

describe("txt2img with hires fix", () => {
  it("doubles the size with the default latent upscaler; Hires upscaler is not written for null", async () => {
    const answer = await generate("txt2img", { prompt: "hires", enable_hr: true, steps: 2, hr_second_pass_steps: 2, width: 64, height: 64, seed: 8 });
    expect(await pngSize(answer.images[0])).toEqual([128, 128]);
    const infotext = answer.info.infotexts[0];
    expect(infotext).toContain("Size: 64x64");
    expect(infotext).toContain("Denoising strength: 0.75, Hires upscale: 2.0, Hires steps: 2");
    expect(infotext).not.toContain("Hires upscaler");
  });

  it("runs the ESRGAN upscaler for hires and names it", async () => {
    const answer = await generate("txt2img", { enable_hr: true, hr_upscaler: ESRGAN, hr_scale: 1.5, denoising_strength: 0.3, steps: 2, width: 64, height: 64, seed: 9 });
    expect(await pngSize(answer.images[0])).toEqual([96, 96]);
    expect(answer.info.infotexts[0]).toContain(`Denoising strength: 0.3, Hires upscale: 1.5, Hires upscaler: ${ESRGAN}`);
  });
});

describe("refused input", () => {
  it("answers each bad request with a clear 4xx", async () => {
    const init = await picture(64, 64);
    const cases: Array<[string, unknown, number, RegExp]> = [
      ["img2img", { steps: 2 }, 404, /Init image not found/],
      ["img2img", { init_images: [Buffer.from("not a picture").toString("base64")] }, 400, /"detail":"Invalid encoded image/],
      ["img2img", { init_images: [init], mask: await squareMask(32, 64, 8), steps: 2, width: 64, height: 64 }, 422, /the mask is 32x64 but init_images\[0\] is 64x64/],
      ["img2img", { init_images: [init], width: 0, steps: 2 }, 422, /"width"/],
      ["img2img", { init_images: [init], width: 20000, steps: 2 }, 422, /"width"/],
      ["img2img", { init_images: "abc" }, 422, /value is not a valid list/],
      ["extra-single-image", { image: init, upscaler_1: "Lanczos", upscaling_resize: 0 }, 422, /"upscaling_resize"/],
      ["extra-single-image", { image: init, upscaler_1: "No such upscaler" }, 422, /could not find upscaler named No such upscaler/],
      ["extra-single-image", { image: init, upscaler_1: "Lanczos", upscaling_resize: 0.1 }, 422, /an empty picture/],
      ["extra-batch-images", { imageList: [] }, 422, /at least one image/],
      ["txt2img", { enable_hr: true, hr_upscaler: "No such upscaler", steps: 2, width: 64, height: 64 }, 422, /could not find upscaler named/],
      ["txt2img", { enable_hr: true, hr_scale: 4, width: 8192, height: 8192, steps: 2 }, 422, /hires size 32768x32768 is too large/],
    ];
    for (const [route, body, status, message] of cases) {
      const res = await postJson(`/sdapi/v1/${route}`, body);
      const text = await res.text();
      expect(res.status, `${route} ${text.slice(0, 200)}`).toBe(status);
      expect(text, route).toMatch(message);
    }
  });

  it("refuses a decompression bomb from its header (an 8×8 PNG claiming 10000×10000)", async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#000" } }).png().toBuffer();
    png.writeUInt32BE(10000, 16);
    png.writeUInt32BE(10000, 20);
    const { crc32 } = await import("node:zlib");
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
    for (const [route, body] of [["img2img", { init_images: [png.toString("base64")] }], ["extra-single-image", { image: png.toString("base64"), upscaler_1: "Lanczos" }]] as const) {
      const res = await postJson(`/sdapi/v1/${route}`, body);
      expect(res.status, route).toBe(422);
      expect((await res.json()).detail).toMatch(/10000x10000 = 100\.0 megapixels/);
    }
  });

  it("wrote nothing to the outputs folder (the API saves only with save_images)", () => {
    expect(outputFiles()).toEqual(before);
  });
});

describe("client acceptance script (tests/e2e/api-client.sh)", () => {
  it("runs txt2img (typed, string-typed, null-typed), img2img with a mask, extras and png-info against the server and exits 0", () => {
    const run = spawnSync("bash", [path.resolve("tests/e2e/api-client.sh"), baseUrl], { encoding: "utf8", timeout: 170_000 });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain("txt2img with string-typed values");
    expect(run.stdout).toContain("txt2img with null-typed values");
    expect(run.stdout).toContain("OK: txt2img (typed, string-typed, null-typed), img2img with a mask, extras and png-info");
  });

  it("exits non-zero when the server does not answer as A1111 does", () => {
    const run = spawnSync("bash", [path.resolve("tests/e2e/api-client.sh"), `${baseUrl}/no-such-prefix`], { encoding: "utf8", timeout: 60_000 });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/FAIL: POST \/sdapi\/v1\/txt2img answered 404/);
  });
});

// Every client fault of issue 12's hostile-client run answers 4xx with a message, and none of them
// writes an image, a history row or a setting — each request asks to save (save_images: true), so a
// request that got through to the pipeline would leave a file behind.
import sharp from "sharp";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { encodePngChunk } from "@/lib/images/png-chunks";
import { writePngText } from "@/lib/images/png-text";
import { MAX_INFOTEXT_LENGTH } from "@/lib/infotext/limits";
import { MAX_NESTING } from "@/lib/security/nesting";
import { outputFiles } from "./outputs";
import { getJson, postJson } from "./sdapi";

const baseUrl = inject("baseUrl");

const nested = (n: number) => "[".repeat(n) + "]".repeat(n);
const small = { steps: 2, width: 64, height: 64, save_images: true };
const body = (fields: Record<string, unknown>, raw: Record<string, string> = {}) => {
  const text = JSON.stringify({ ...small, ...fields });
  return Object.entries(raw).reduce((t, [key, value]) => `${t.slice(0, -1)},"${key}":${value}}`, text);
};

const historyTotal = async () => (await getJson<{ total: number }>("/api/history?missing=true")).total;
const options = () => getJson("/sdapi/v1/options");

let png: Buffer;
let truncated: string;
let corrupt: string;
let badText: string;
beforeAll(async () => {
  // A noisy picture, so its image data spans more than a few bytes.
  const pixels = Buffer.from(Array.from({ length: 64 * 64 * 3 }, (_, i) => (i * 7919) % 251));
  png = await sharp(pixels, { raw: { width: 64, height: 64, channels: 3 } }).png().toBuffer();
  truncated = png.subarray(0, Math.floor(png.length * 0.6)).toString("base64");
  const damaged = Buffer.from(png);
  const idat = damaged.indexOf("IDAT");
  for (let i = idat + 8; i < idat + 40; i++) damaged[i] ^= 0x5a;
  corrupt = damaged.toString("base64");
  // A zTXt chunk whose zlib stream is garbage ("incorrect header check" when inflated).
  const chunk = encodePngChunk("zTXt", Buffer.concat([Buffer.from("parameters\0\0", "latin1"), Buffer.from("not zlib at all")]));
  badText = Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)]).toString("base64");
});

describe("client faults", () => {
  it("answers each of the hostile-client run's cases with a 4xx and a message, writing nothing", async () => {
    const files = outputFiles();
    const rows = await historyTotal();
    const settings = await options();
    const good = png.toString("base64");
    const cases: Array<[string, string, string, number, RegExp]> = [
      ["deep script_args", "/sdapi/v1/txt2img", body({}, { script_args: nested(5000) }), 422, /JSON nested deeper than 64 levels/],
      ["deep comments", "/sdapi/v1/txt2img", body({}, { comments: `{"a":${nested(5000)}}` }), 422, /JSON nested deeper than 64 levels/],
      ["deep alwayson_scripts", "/sdapi/v1/txt2img", body({}, { alwayson_scripts: `{"x":{"args":${nested(6000)}}}` }), 422, /JSON nested deeper/],
      ["deep img2img script_args", "/sdapi/v1/img2img", body({ init_images: [good] }, { script_args: nested(5000) }), 422, /JSON nested deeper/],
      ["nesting one past the limit", "/sdapi/v1/txt2img", body({}, { script_args: nested(MAX_NESTING) }), 422, /JSON nested deeper/],
      ["deep prompt brackets", "/sdapi/v1/txt2img", body({ prompt: `${"(".repeat(6000)}x${")".repeat(6000)}` }), 422, /prompt.*nest/i],
      ["deep prompt schedules", "/sdapi/v1/txt2img", body({ prompt: `${"[a:".repeat(6000)}x${":0.5]".repeat(6000)}` }), 422, /prompt.*nest/i],
      ["deep negative prompt", "/sdapi/v1/txt2img", body({ negative_prompt: `${"[".repeat(6000)}x${"]".repeat(6000)}` }), 422, /negative_prompt.*nest/i],
      ["deep img2img prompt", "/sdapi/v1/img2img", body({ init_images: [good], prompt: `${"(".repeat(6000)}x${")".repeat(6000)}` }), 422, /prompt.*nest/i],
      ["truncated init image", "/sdapi/v1/img2img", body({ init_images: [truncated] }), 400, /init_images\[0\] is corrupt or truncated/],
      ["corrupt init image", "/sdapi/v1/img2img", body({ init_images: [good, corrupt], batch_size: 2 }), 400, /init_images\[1\] is corrupt or truncated/],
      ["truncated mask", "/sdapi/v1/img2img", body({ init_images: [good], mask: truncated }), 400, /mask is corrupt or truncated/],
      ["truncated extras image", "/sdapi/v1/extra-single-image", JSON.stringify({ image: truncated, upscaling_resize: 2 }), 400, /Invalid encoded image: image is corrupt or truncated/],
      ["corrupt extras batch image", "/sdapi/v1/extra-batch-images", JSON.stringify({ imageList: [{ data: good, name: "a" }, { data: corrupt, name: "b" }], upscaling_resize: 2 }), 400, /imageList\[1\] is corrupt or truncated/],
      ["extras image with a broken text chunk", "/sdapi/v1/extra-single-image", JSON.stringify({ image: badText, upscaling_resize: 1 }), 200, /"image":/],
      ["truncated png-info image", "/sdapi/v1/png-info", JSON.stringify({ image: truncated }), 400, /Invalid encoded image/],
      ["infotext field over the limit", "/sdapi/v1/txt2img", body({ infotext: `${"p".repeat(MAX_INFOTEXT_LENGTH)}\nSteps: 3` }), 422, new RegExp(`"loc":\\["body","infotext"\\].*infotext is ${MAX_INFOTEXT_LENGTH + 9} characters long; infotexts of at most ${MAX_INFOTEXT_LENGTH} characters are read`)],
      ["png-info of an image with an infotext over the limit", "/sdapi/v1/png-info", JSON.stringify({ image: writePngText(png, { parameters: "q".repeat(MAX_INFOTEXT_LENGTH + 1) }).toString("base64") }), 422, new RegExp(`the image's infotext is ${MAX_INFOTEXT_LENGTH + 1} characters long`)],
      ["unknown option key", "/sdapi/v1/options", JSON.stringify({ CLIP_stop_at_last_layers: 3, no_such_setting: true }), 422, /unknown setting 'no_such_setting'/],
    ];
    for (const [name, route, text, status, message] of cases) {
      const res = await postJson(route, text);
      const answer = await res.text();
      expect(res.status, `${name}: ${answer.slice(0, 300)}`).toBe(status);
      expect(answer, name).toMatch(message);
    }
    for (const route of ["/files/%ff.png", "/api/history/%ff", "/files/txt2img-images/%E0%A4%A.png"]) {
      const res = await fetch(`${baseUrl}${route}`);
      expect(res.status, route).toBe(400);
      expect(await res.text(), route).toContain("invalid percent-encoding");
    }
    expect(outputFiles()).toEqual(files);
    expect(await historyTotal()).toBe(rows);
    expect(await options()).toEqual(settings);
  });

  it("png-info skips a text chunk that does not inflate instead of failing", async () => {
    const res = await postJson("/sdapi/v1/png-info", { image: badText });
    expect(res.status).toBe(200);
    expect((await res.json()).info).toBe("");
  });
});

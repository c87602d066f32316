// The A1111-compatible HTTP API against the real server: txt2img's response shape and defaults,
// png-info, options, progress while a job runs, interrupt, concurrency and refused input. Requests
// stay small (64×64, 2–4 steps) except where a long job or a default is the point. Credentials,
// Origin and Host: security.test.ts.
import http from "node:http";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { API_ROUTES } from "@/lib/api/routes";
import { readPngText } from "@/lib/images/png-text";
import { outputFiles } from "./outputs";
import { generate, getJson, pngSize, postJson } from "./sdapi";

const baseUrl = inject("baseUrl");

/** The parts of /sdapi/v1/progress these tests read. */
interface Progress {
  progress: number;
  state: { sampling_step: number; sampling_steps: number; job_count: number; interrupted: boolean };
}

const getProgress = (query = "") => getJson<Progress>(`/sdapi/v1/progress${query}`);

describe("POST /sdapi/v1/txt2img", () => {
  let before: string[];
  beforeAll(() => {
    before = outputFiles();
  });

  it("returns base64 PNGs of the requested size whose parameters chunk is the infotext", async () => {
    const { images, info } = await generate("txt2img", { prompt: "a red cube", negative_prompt: "blue", steps: 2, width: 64, height: 96, seed: 1234, batch_size: 2 });
    expect(images).toHaveLength(2);
    const infotexts = info.infotexts as string[];
    expect(infotexts).toHaveLength(2);
    for (const [i, b64] of images.entries()) {
      expect(b64.startsWith("data:")).toBe(false);
      const png = Buffer.from(b64, "base64");
      const meta = await sharp(png).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["png", 64, 96]);
      expect(readPngText(png).parameters).toBe(infotexts[i]);
    }
    expect(infotexts[0]).toMatch(/^a red cube\nNegative prompt: blue\nSteps: 2, Sampler: Euler, Schedule type: Automatic, CFG scale: 7\.0, Seed: 1234, Size: 64x96/);
    expect(infotexts[1]).toContain("Seed: 1235");
    expect(info).toMatchObject({ prompt: "a red cube", seed: 1234, all_seeds: [1234, 1235], width: 64, height: 96, index_of_first_image: 0 });
  });

  it("uses A1111's API defaults: Euler, 50 steps, CFG 7.0, nothing saved", async () => {
    const { parameters, info } = await generate("txt2img", { prompt: "defaults", width: 64, height: 64, seed: 5 });
    expect(info.infotexts[0]).toContain("Steps: 50, Sampler: Euler, Schedule type: Automatic, CFG scale: 7.0, Seed: 5,");
    expect(parameters).toMatchObject({ sampler_index: "Euler", sampler_name: null, steps: 50, cfg_scale: 7, save_images: false, send_images: true, seed: 5 });
    expect(info).toMatchObject({ steps: 50, sampler_name: "Euler" });
  });

  it("echoes the request with its defaults and without unknown fields; send_images false sends none", async () => {
    const { images, parameters } = await generate("txt2img", { prompt: "echo", steps: 2, width: 64, height: 64, send_images: false, unknown_field: 1 });
    expect(images).toEqual([]);
    expect(parameters).toMatchObject({ prompt: "echo", steps: 2, enable_hr: false, hr_scale: 2, denoising_strength: 0.75, override_settings: null });
    expect("unknown_field" in parameters).toBe(false);
  });

  it("splits a combined sampler name and falls back to DPM++ 2M for an unknown one", async () => {
    const karras = await generate("txt2img", { prompt: "s", steps: 2, width: 64, height: 64, sampler_name: "DPM++ 2M Karras" });
    expect(karras.info.infotexts[0]).toContain("Sampler: DPM++ 2M, Schedule type: Karras");
    const unknown = await generate("txt2img", { prompt: "s", steps: 2, width: 64, height: 64, sampler_name: "No Such Sampler" });
    expect(unknown.info.sampler_name).toBe("DPM++ 2M");
  });

  it("wrote no files (save_images defaults to false)", () => {
    expect(outputFiles()).toEqual(before);
  });
});

describe("POST /sdapi/v1/png-info", () => {
  it("reads back a generated image's infotext and parses it", async () => {
    const { images, info } = await generate("txt2img", { prompt: "round trip", steps: 2, width: 64, height: 64, seed: 77 });
    const res = await postJson("/sdapi/v1/png-info", { image: `data:image/png;base64,${images[0]}` });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.info).toBe(info.infotexts[0]);
    expect(body.parameters).toMatchObject({ Prompt: "round trip", Seed: "77", Steps: "2", Sampler: "Euler", "Size-1": "64", "Size-2": "64" });
  });

  it("answers 400 'Invalid encoded image' for base64 that is not an image", async () => {
    const res = await postJson("/sdapi/v1/png-info", { image: Buffer.from("plain text, no picture").toString("base64") });
    expect(res.status).toBe(400);
    expect((await res.json()).detail).toMatch(/^Invalid encoded image/);
  });
});

describe("/sdapi/v1/options", () => {
  it("round-trips a setting through POST and GET, and refuses a bad value with 422 leaving it unchanged", async () => {
    const url = "/sdapi/v1/options";
    const original = (await getJson<Record<string, unknown>>(url)).CLIP_stop_at_last_layers;
    expect(original).toBe(1);
    const set = await postJson(url, { CLIP_stop_at_last_layers: 2 });
    expect(set.status).toBe(200);
    expect(await set.json()).toBeNull();
    expect((await getJson<Record<string, unknown>>(url)).CLIP_stop_at_last_layers).toBe(2);

    const bad = await postJson(url, { CLIP_stop_at_last_layers: "two" });
    expect(bad.status).toBe(422);
    expect((await bad.json()).detail[0].loc).toEqual(["body", "CLIP_stop_at_last_layers"]);
    const outOfRange = await postJson(url, { CLIP_stop_at_last_layers: 13 });
    expect(outOfRange.status).toBe(422);
    expect((await getJson<Record<string, unknown>>(url)).CLIP_stop_at_last_layers).toBe(2);

    await postJson(url, { CLIP_stop_at_last_layers: original });
    expect((await getJson<Record<string, unknown>>(url)).CLIP_stop_at_last_layers).toBe(original);
  });

  it("answers an unknown key with a 422 naming it (A1111: a 500 KeyError) without storing anything", async () => {
    const res = await postJson("/sdapi/v1/options", { CLIP_stop_at_last_layers: 3, no_such_setting: true });
    expect(res.status).toBe(422);
    expect((await res.json()).detail).toEqual([{ loc: ["body", "no_such_setting"], msg: "unknown setting 'no_such_setting'", type: "value_error.key" }]);
    expect((await getJson<Record<string, unknown>>("/sdapi/v1/options")).CLIP_stop_at_last_layers).toBe(1);
  });
});

describe("progress and interrupt while a job runs", () => {
  it("answers progress within 200 ms, interrupts within one step, and the next job runs normally", async () => {
    const idle = await getProgress();
    expect(idle).toMatchObject({ progress: 0, eta_relative: 0, current_image: null });

    const long = postJson("/sdapi/v1/txt2img", { prompt: "long job", steps: 150, width: 512, height: 512, seed: 9 });
    let running: Progress;
    const deadline = Date.now() + 120_000;
    do {
      running = await getProgress("?skip_current_image=true");
      if (running.state.sampling_step >= 2) break;
      await new Promise((r) => setTimeout(r, 50));
    } while (Date.now() < deadline);
    expect(running.state.sampling_steps).toBe(150);
    expect(running.progress).toBeGreaterThan(0.01);
    expect(running.progress).toBeLessThan(1);

    // /progress is answered while the job runs (inference does not hold the server); how fast is the bench's
    // business (npm run bench, hostile input), not a wall-clock assertion here.
    for (let i = 0; i < 10; i++) {
      const during = await getProgress();
      expect(during.progress).toBeGreaterThan(0);
      expect(during.progress).toBeLessThan(1);
    }

    const interrupt = await postJson("/sdapi/v1/interrupt", "");
    expect(interrupt.status).toBe(200);
    expect(await interrupt.json()).toEqual({});
    const atInterrupt = await getProgress();
    expect(atInterrupt.state.interrupted).toBe(true);
    let lastStep = atInterrupt.state.sampling_step;
    let finished = false;
    void long.then(() => (finished = true));
    while (!finished) {
      const p = await getProgress();
      if (p.state.job_count !== 0) lastStep = Math.max(lastStep, p.state.sampling_step);
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(lastStep - atInterrupt.state.sampling_step).toBeLessThanOrEqual(1);
    expect(lastStep).toBeLessThan(150);
    const stopped = await long;
    expect(stopped.status).toBe(200);
    expect(((await stopped.json()) as { images: string[] }).images).toHaveLength(1);

    const next = await generate("txt2img", { prompt: "after interrupt", steps: 2, width: 64, height: 64, seed: 3 });
    expect(next.images).toHaveLength(1);
    expect(next.info.seed).toBe(3);
    expect(await getProgress()).toMatchObject({ progress: 0, state: { job_count: 0 } });
  });

  it("answers skip with null and interrupt with {} when idle", async () => {
    expect(await (await postJson("/sdapi/v1/skip", "")).json()).toBeNull();
    expect(await (await postJson("/sdapi/v1/interrupt", "")).json()).toEqual({});
  });
});

describe("concurrency", () => {
  it("answers 20 simultaneous requests with 200 or 429, each 200 carrying its own seed and prompt", async () => {
    const requests = Array.from({ length: 20 }, (_, i) => ({ prompt: `request ${i}`, seed: 1000 + i, steps: 2, width: 64, height: 64 }));
    const responses = await Promise.all(requests.map((body) => postJson("/sdapi/v1/txt2img", body)));
    let ok = 0;
    for (const [i, res] of responses.entries()) {
      expect([200, 429]).toContain(res.status);
      const body = await res.json();
      if (res.status === 429) {
        expect(body.detail).toMatch(/queue is full/);
        continue;
      }
      ok++;
      const info = JSON.parse(body.info);
      expect(info.seed).toBe(requests[i].seed);
      expect(info.prompt).toBe(requests[i].prompt);
      expect(info.infotexts[0]).toContain(`Seed: ${requests[i].seed},`);
    }
    expect(ok).toBeGreaterThan(0);
  });
});

describe("refused input", () => {
  let before: string[];
  beforeAll(() => {
    before = outputFiles();
  });

  it("malformed JSON → 422 value_error.jsondecode", async () => {
    const res = await postJson("/sdapi/v1/txt2img", '{"prompt": "x",');
    expect(res.status).toBe(422);
    expect((await res.json()).detail[0].type).toBe("value_error.jsondecode");
  });

  it("wrong types and out-of-range values → 422 naming the field", async () => {
    const res = await postJson("/sdapi/v1/txt2img", { steps: "many", width: 64 });
    expect(res.status).toBe(422);
    expect((await res.json()).detail).toEqual([{ loc: ["body", "steps"], msg: "value is not a valid integer", type: "type_error.integer" }]);
    const range = await postJson("/sdapi/v1/txt2img", { steps: 500, width: 64, height: 64 });
    expect(range.status).toBe(422);
    expect((await range.json()).detail[0].loc).toEqual(["body", "steps"]);
  });

  it("unsupported features → 422 with a message", async () => {
    const refiner = await postJson("/sdapi/v1/txt2img", { refiner_checkpoint: "sdxl-refiner", refiner_switch_at: 0.8, steps: 2, width: 64, height: 64 });
    expect(refiner.status).toBe(422);
    expect((await refiner.json()).detail).toMatch(/the refiner is not supported yet/);
    const script = await postJson("/sdapi/v1/txt2img", { script_name: "loopback" });
    expect(script.status).toBe(422);
    expect(await script.json()).toMatchObject({ error: "HTTPException", detail: "Script 'loopback' not found" });
  });

  it("runs the X/Y/Z plot from A1111's positional script_args and returns the labelled grid first", async () => {
    expect(await getJson("/sdapi/v1/scripts")).toMatchObject({ txt2img: expect.arrayContaining(["x/y/z plot"]) });
    // x_type 4 = Steps, y_type 9 = Sampler (indices into A1111's txt2img axis list), Y values from the dropdown list.
    const args = [4, "2,3", [], 9, "", ["Euler", "DDIM"], 0, "", [], true, false, false, false, false, false, false, 0, false];
    const res = await postJson("/sdapi/v1/txt2img", { prompt: "a castle", width: 64, height: 64, seed: 3, script_name: "X/Y/Z plot", script_args: args });
    expect(res.status).toBe(200);
    const body = await res.json();
    const [width, height] = await pngSize(body.images[0]);
    expect(width).toBe(2 * 64 + 48); // two columns plus the row-label band (¾ of a cell)
    expect(height).toBeGreaterThan(2 * 64);
    const info = JSON.parse(body.info);
    expect(info.infotexts[0]).toMatch(/X Type: Steps, X Values: "2,3", Y Type: Sampler, Y Values: "Euler,DDIM"/);
  });

  it("a 50 MB body → 413", async () => {
    const res = await postJson("/sdapi/v1/txt2img", JSON.stringify({ prompt: "x".repeat(50 * 1024 * 1024) }));
    expect(res.status).toBe(413);
  });

  it("`../` in /files/ paths → 404, raw or percent-encoded", async () => {
    const rawGet = (p: string) =>
      new Promise<number>((resolve, reject) => {
        const url = new URL(baseUrl);
        http.get({ host: url.hostname, port: url.port, path: p }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on("error", reject);
      });
    for (const p of ["/files/../package.json", "/files/..%2Fpackage.json", "/files/%2e%2e/%2e%2e/etc/passwd", "/files/txt2img-images/..%2F..%2F.env"]) {
      expect(await rawGet(p), p).toBe(404);
    }
  });

  it("wrote nothing", () => {
    expect(outputFiles()).toEqual(before);
  });
});

describe("OpenAPI and docs", () => {
  it("serves /openapi.json listing every route and a /docs page", async () => {
    const doc = await getJson<{ paths: Record<string, unknown> }>("/openapi.json");
    for (const r of API_ROUTES) expect(doc.paths[r.path]).toBeDefined();
    const docs = await (await fetch(`${baseUrl}/docs`)).text();
    expect(docs).toContain("/sdapi/v1/txt2img");
  });
});

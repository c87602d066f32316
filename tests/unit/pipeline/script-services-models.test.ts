// ctx.services.upscalers and ctx.services.detection inside a real job, used by a test extension the way
// Ultimate SD Upscale, Tiled Diffusion and ADetailer use them: the learned upscalers by name, A1111's standard
// names through their stand-in (with the job's warning), and the detectors of lib/detection by name with a
// confidence — the same pixels and boxes the libraries give when called directly.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { useTempJobFolders } from "../temp-job-folders";
import { intersectionOverUnion } from "@/lib/detection/nms";
import { detect } from "@/lib/detection/registry";
import type { Detection } from "@/lib/detection/types";
import { cropPixels } from "@/lib/images/pixel-image";
import type { RgbImage } from "@/lib/images/tensor-image";
import { generationParamsSchema } from "@/lib/pipeline/params";
import { runTxt2img } from "@/lib/pipeline/run-job";
import { JobProgress } from "@/lib/queue/job-progress";
import { reloadExtensions } from "@/lib/scripts/extension-registry";
import { loadOptions } from "@/lib/settings/store";
import { requireUpscaler, upscaleImage } from "@/lib/upscalers/registry";
import { loadPhoto } from "../../photos";

const root = useTempJobFolders("services-models", { EXTENSIONS_DIR: "extensions" });

// The probe reads its pictures from globalThis.__probeInput and leaves what the services gave in __probeSeen.
const EXTENSION = `
import { defineScript } from "@onyx/sdk";
export const scripts = [
  defineScript({
    title: "Models probe", tabs: ["txt2img"], kind: "alwaysOn",
    params: [{ name: "enabled", type: "bool", default: false }],
    hooks: {
      async process(ctx) {
        if (!ctx.args.enabled) return;
        const { small, photo, background } = globalThis.__probeInput;
        const { upscalers, detection } = ctx.services;
        const failed = (run) => run().then(() => null, (e) => e.message);
        globalThis.__probeSeen = {
          upscalers: upscalers.list(),
          byName: await upscalers.upscale(small, 2, "RRDN ×4 (UpscalerJS)"),
          standard: await upscalers.upscale(small, 2, "R-ESRGAN 4x+"),
          unknownUpscaler: await failed(() => upscalers.upscale(small, 2, "My private upscaler")),
          detectors: detection.list().map((d) => d.name),
          faces: await detection.detect("mediapipe_face_short", photo),
          strict: await detection.detect("mediapipe_face_short", photo, { confidence: 0.999 }),
          background: await detection.detect("mediapipe_face_short", background, { confidence: 0.3 }),
          persons: await detection.detect("person_centernet", photo),
          unknownDetector: await failed(() => detection.detect("face_yolov8n.pt", photo)),
        };
      },
    },
  }),
];
`;

let photo: RgbImage;
let small: RgbImage;
let background: RgbImage;
let seen: Record<string, any>;
let info: Record<string, unknown>;

beforeAll(async () => {
  const dir = path.join(root(), "extensions", "models-probe");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "extension.json"), JSON.stringify({ name: "models-probe", entry: "index.mjs" }));
  fs.writeFileSync(path.join(dir, "index.mjs"), EXTENSION);
  expect((await reloadExtensions()).map((e) => [e.id, e.status, e.error])).toEqual([["models-probe", "loaded", undefined]]);

  photo = await loadPhoto("astronaut.png");
  small = cropPixels(photo, { x1: 160, y1: 60, x2: 288, y2: 188 });
  background = cropPixels(photo, { x1: 320, y1: 0, x2: 512, y2: 300 });
  (globalThis as Record<string, unknown>).__probeInput = { small, photo, background };
  const params = generationParamsSchema.parse({
    prompt: "a fox", steps: 1, width: 64, height: 64, seed: 3, samplerName: "Euler", saveImages: false,
    alwaysonScripts: { "Models probe": { args: { enabled: true } } },
  });
  const result = await runTxt2img(params, new JobProgress("services-models"));
  info = result.info;
  seen = (globalThis as Record<string, any>).__probeSeen;
}, 300_000);

describe("ctx.services.upscalers", () => {
  it("lists the learned upscalers with their own scales after the built-in ones", () => {
    const names = seen.upscalers.map((u: { name: string }) => u.name);
    expect(names.slice(0, 3)).toEqual(["None", "Lanczos", "Nearest"]);
    expect(seen.upscalers).toContainEqual({ name: "RRDN ×4 (UpscalerJS)", scale: 4 });
    expect(seen.upscalers).toContainEqual({ name: "RDN ×2 (UpscalerJS)", scale: 2 });
  });

  it("runs a learned upscaler by name, and RRDN ×4 for R-ESRGAN 4x+, as the registry does with the job's tiles", async () => {
    const options = loadOptions();
    const direct = await upscaleImage(small, 2, requireUpscaler("RRDN ×4 (UpscalerJS)"), { tile: options.ESRGAN_tile, overlap: options.ESRGAN_tile_overlap });
    expect([seen.byName.width, seen.byName.height]).toEqual([256, 256]);
    expect(Buffer.compare(seen.byName.data, direct.data)).toBe(0);
    expect(Buffer.compare(seen.standard.data, direct.data)).toBe(0);
    // The substitution is named once in the job's info; an unknown name fails like the API's.
    expect(info.warnings).toEqual(["upscaler 'R-ESRGAN 4x+' is not installed; RRDN ×4 (UpscalerJS) ran instead"]);
    expect(seen.unknownUpscaler).toMatch(/^unknown upscaler "My private upscaler" \(available: None, Lanczos, Nearest, /);
  }, 120_000);
});

describe("ctx.services.detection", () => {
  it("lists the converted detectors by the names ADetailer offers", () => {
    expect(seen.detectors.slice(0, 3)).toEqual(["mediapipe_face_full", "mediapipe_face_short", "person_centernet"]);
  });

  it("finds the astronaut's face and person as lib/detection does; confidence filters", async () => {
    const faces: Detection[] = seen.faces;
    expect(faces).toHaveLength(1);
    expect(intersectionOverUnion(faces[0].box, [177, 81, 272, 175])).toBeGreaterThanOrEqual(0.8);
    expect(faces).toEqual(await detect("mediapipe_face_short", photo));
    // Her face scores below 0.999, and the background holds no face even at ADetailer's 0.3.
    expect(faces[0].score).toBeLessThan(0.999);
    expect(seen.strict).toEqual([]);
    expect(seen.background).toEqual([]);
    expect(seen.persons.length).toBeGreaterThanOrEqual(1);
    expect(seen.persons[0].label).toBe("person");
    expect(seen.persons).toEqual(await detect("person_centernet", photo));
  });

  it("names the installed detectors when asked for an unknown one", () => {
    expect(seen.unknownDetector).toMatch(/^unknown detector "face_yolov8n\.pt" \(available: mediapipe_face_full, mediapipe_face_short, person_centernet/);
  });
});

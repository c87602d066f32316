import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPngText } from "@/lib/images/png-text";
import { localDateFolder } from "@/lib/images/output-naming";
import { HistoryRecordError, recordImage } from "@/lib/history/record";
import { ImageSaveError } from "@/lib/images/save";
import type { HistoryClient } from "@/lib/history/db";
import { createTempHistory, tinyPng, type TempHistory } from "./temp-history";

let h: TempHistory;
beforeAll(() => {
  h = createTempHistory();
});
afterAll(() => h.dispose());

const infotext =
  "a red cat, (masterpiece:1.2)\nNegative prompt: blurry\n" +
  "Steps: 20, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7.5, Seed: 4294967295, Size: 8x6, Model hash: 6ce0161689, Model: v1-5";

describe("recordImage", () => {
  it("writes the PNG with its infotext under A1111's name, then the row with every field", async () => {
    const date = new Date(2024, 6, 27, 13, 5);
    const saved = await recordImage(
      {
        png: await tinyPng(),
        text: { parameters: infotext },
        naming: { kind: "txt2img", seed: 4294967295, date },
        fields: {
          prompt: "a red cat, (masterpiece:1.2)",
          negativePrompt: "blurry",
          seed: 4294967295,
          subseed: 17,
          subseedStrength: 0.25,
          sampler: "DPM++ 2M",
          scheduleType: "Karras",
          steps: 20,
          cfgScale: 7.5,
          modelName: "v1-5",
          modelHash: "6ce0161689",
          extensionFields: { "ADetailer model": "face_yolov8n.pt" },
          jobId: "task(abc)",
        },
      },
      { outputs: h.outputs, client: h.client },
    );
    expect(saved.relativePath).toBe("txt2img-images/2024-07-27/00000-4294967295.png");
    expect(saved.path).toBe(path.join(h.outputs, "txt2img-images", "2024-07-27", "00000-4294967295.png"));
    const bytes = fs.readFileSync(saved.path);
    expect(readPngText(bytes)).toEqual({ parameters: infotext });
    // libpng (through sharp) decodes the file and sees the same text chunk.
    const meta = await sharp(bytes).metadata();
    expect(meta.comments).toEqual([{ keyword: "parameters", text: infotext }]);

    const row = await h.client.image.findUniqueOrThrow({ where: { id: saved.id } });
    expect(row).toMatchObject({
      path: saved.relativePath,
      kind: "txt2img",
      prompt: "a red cat, (masterpiece:1.2)",
      negativePrompt: "blurry",
      seed: 4294967295n, // > 2^31: would overflow a 32-bit column
      subseed: 17n,
      subseedStrength: 0.25,
      sampler: "DPM++ 2M",
      scheduleType: "Karras",
      steps: 20,
      cfgScale: 7.5,
      width: 8, // from the PNG header, as no size was given
      height: 6,
      modelName: "v1-5",
      modelHash: "6ce0161689",
      infotext,
      favourite: false,
      missing: false,
      jobId: "task(abc)",
    });
    expect(JSON.parse(row.extensionFields)).toEqual({ "ADetailer model": "face_yolov8n.pt" });
    expect(row.createdAt.getTime()).toBe(date.getTime());
  });

  it("numbers the next sample after the largest in the folder and stores extras text under `extras`", async () => {
    const date = new Date(2024, 6, 27, 14, 0);
    const second = await recordImage(
      { png: await tinyPng(), text: { parameters: "x\nSteps: 1, Sampler: Euler, Seed: 5" }, naming: { kind: "txt2img", seed: 5, date }, fields: { seed: 5 } },
      { outputs: h.outputs, client: h.client },
    );
    expect(second.relativePath).toBe("txt2img-images/2024-07-27/00001-5.png");
    const extras = await recordImage(
      { png: await tinyPng(4, 4), text: { extras: "Postprocess upscale by: 2" }, naming: { kind: "extras", date }, fields: {} },
      { outputs: h.outputs, client: h.client },
    );
    expect(extras.relativePath).toBe("extras-images/00000.png");
    expect(readPngText(fs.readFileSync(extras.path))).toEqual({ extras: "Postprocess upscale by: 2" });
    const row = await h.client.image.findUniqueOrThrow({ where: { id: extras.id } });
    expect([row.kind, row.infotext, row.width, row.height, row.seed]).toEqual(["extras", "Postprocess upscale by: 2", 4, 4, null]);
  });

  it("keeps the file when the row cannot be inserted, with an error that names only the relative path", async () => {
    const failing = {
      image: {
        upsert: async () => {
          throw Object.assign(new Error("Invalid `client.image.upsert()` invocation in /abs/source.ts: database is locked"), { name: "PrismaClientKnownRequestError", code: "P1008" });
        },
      },
    } as unknown as HistoryClient;
    const date = new Date(2030, 0, 2);
    const error = await recordImage({ png: await tinyPng(), text: { parameters: "p" }, naming: { kind: "img2img", seed: 1, date }, fields: {} }, { outputs: h.outputs, client: failing }).catch((e) => e);
    const relative = `img2img-images/${localDateFolder(date)}/00000-1.png`;
    expect(error).toBeInstanceOf(HistoryRecordError);
    expect(error.message).toBe(`saved ${relative}, but the history could not record it (PrismaClientKnownRequestError: P1008); it is imported when the history works again`);
    expect(readPngText(fs.readFileSync(path.join(h.outputs, relative)))).toEqual({ parameters: "p" });
  });

  it("writes no file and no row when the folder cannot be written, naming the folder relative to the outputs folder", async () => {
    const outputs = path.join(h.root, "blocked-outputs");
    fs.mkdirSync(outputs, { recursive: true });
    fs.writeFileSync(path.join(outputs, "txt2img-images"), "a file where the folder should be");
    const rows = await h.client.image.count();
    const error = await recordImage({ png: await tinyPng(), text: { parameters: "p" }, naming: { kind: "txt2img", seed: 1 }, fields: {} }, { outputs, client: h.client }).catch((e) => e);
    expect(error).toBeInstanceOf(ImageSaveError);
    expect(error.message).toMatch(/^saving failed: the image could not be written to txt2img-images\/\d{4}-\d{2}-\d{2}\/: a file is in the way of the folder \((ENOTDIR|EEXIST)\)$/);
    expect(error.message).not.toContain(h.root);
    expect(await h.client.image.count()).toBe(rows);
  });
});

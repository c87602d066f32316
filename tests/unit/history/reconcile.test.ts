import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writePngText } from "@/lib/images/png-text";
import { MAX_INFOTEXT_LENGTH } from "@/lib/infotext/limits";
import { recordImage } from "@/lib/history/record";
import { reconcileOutputs } from "@/lib/history/reconcile";
import { getHistoryImage, searchHistory } from "@/lib/history/query";
import { createTempHistory, tinyPng, type TempHistory } from "./temp-history";
import { jpegWithUserComment, webpWithUserComment } from "@/lib/images/exif-comment";
import { defaultOptions } from "@/lib/settings/options";

let h: TempHistory;
beforeAll(() => {
  h = createTempHistory();
});
afterAll(() => h.dispose());

const orphanInfotext =
  "a lighthouse at dusk, (oil painting:1.2)\nNegative prompt: lowres,\nblurry\n" +
  "Steps: 28, Sampler: DPM++ 2M SDE, Schedule type: Karras, CFG scale: 6.5, Seed: 3000000000, Size: 512x768, " +
  "Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, Variation seed: 77, Variation seed strength: 0.3, Version: v1.10.1";

function place(relativePath: string, bytes: Buffer): string {
  const file = path.join(h.outputs, ...relativePath.split("/"));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return file;
}

describe("reconcileOutputs", () => {
  it("imports PNGs without a row, fields parsed from their infotext and kind from their folder", async () => {
    const png = await tinyPng();
    const recorded = await recordImage(
      { png, text: { parameters: "known\nSteps: 1, Sampler: Euler, Seed: 1" }, naming: { kind: "txt2img", seed: 1 }, fields: { prompt: "known" } },
      { outputs: h.outputs, client: h.client },
    );
    const orphan = place("img2img-images/2024-07-27/00005-3000000000.png", writePngText(png, { parameters: orphanInfotext }));
    const mtime = new Date(2024, 6, 27, 9, 30);
    fs.utimesSync(orphan, mtime, mtime);
    place("extras-images/00002.png", writePngText(await tinyPng(16, 12), { extras: "Postprocess upscale by: 2" }));
    place("txt2img-grids/2024-07-27/grid-0001.png", png); // no text at all
    place("log/images/00001.png", png); // not an output folder: ignored
    place("txt2img-images/2024-07-27/broken.png", Buffer.from("not a png"));
    place("txt2img-images/2024-07-27/.onyx-999-abc.tmp", Buffer.from("half a png"));

    const result = await reconcileOutputs({ outputs: h.outputs, client: h.client, settings: defaultOptions() });
    expect(result).toEqual({
      files: 5,
      imported: 3,
      markedMissing: 0,
      restored: 0,
      tempFilesRemoved: 1,
      unreadable: ["txt2img-images/2024-07-27/broken.png"],
    });
    expect(fs.existsSync(path.join(h.outputs, "txt2img-images/2024-07-27/.onyx-999-abc.tmp"))).toBe(false);

    const row = await h.client.image.findUniqueOrThrow({ where: { path: "img2img-images/2024-07-27/00005-3000000000.png" } });
    expect(row).toMatchObject({
      kind: "img2img",
      prompt: "a lighthouse at dusk, (oil painting:1.2)",
      negativePrompt: "lowres,\nblurry",
      seed: 3000000000n,
      subseed: 77n,
      subseedStrength: 0.3,
      sampler: "DPM++ 2M SDE",
      scheduleType: "Karras",
      steps: 28,
      cfgScale: 6.5,
      width: 512, // from "Size", not the 8x6 pixels of the test file
      height: 768,
      modelName: "v1-5-pruned-emaonly",
      modelHash: "6ce0161689",
      infotext: orphanInfotext,
      missing: false,
    });
    expect(row.createdAt.getTime()).toBe(mtime.getTime());
    const extras = await h.client.image.findUniqueOrThrow({ where: { path: "extras-images/00002.png" } });
    expect(extras).toMatchObject({ kind: "extras", infotext: "Postprocess upscale by: 2", prompt: "", width: 16, height: 12, seed: null });
    const grid = await h.client.image.findUniqueOrThrow({ where: { path: "txt2img-grids/2024-07-27/grid-0001.png" } });
    expect(grid).toMatchObject({ kind: "grid", infotext: "", width: 8, height: 6 });
    // The imported prompt is searchable (the FTS trigger ran for the batched insert).
    const found = await searchHistory({ q: "lighthouse oil" }, h.client);
    expect(found.items.map((i) => i.id)).toEqual([row.id]);
    expect((await getHistoryImage(recorded.id, h.client))!.prompt).toBe("known");
  });

  it("is idempotent: a second run changes nothing", async () => {
    const before = await h.client.image.findMany({ orderBy: { id: "asc" } });
    const result = await reconcileOutputs({ outputs: h.outputs, client: h.client, settings: defaultOptions() });
    expect(result).toMatchObject({ files: 5, imported: 0, markedMissing: 0, restored: 0, tempFilesRemoved: 0 });
    expect(await h.client.image.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("flags a row whose file was deleted, hides it from the list, and clears the flag when the file returns", async () => {
    const rel = "extras-images/00002.png";
    const file = path.join(h.outputs, rel);
    const bytes = fs.readFileSync(file);
    fs.rmSync(file);
    expect(await reconcileOutputs({ outputs: h.outputs, client: h.client, settings: defaultOptions() })).toMatchObject({ imported: 0, markedMissing: 1, restored: 0 });
    const row = await h.client.image.findUniqueOrThrow({ where: { path: rel } });
    expect(row.missing).toBe(true);
    expect((await searchHistory({ kind: "extras" }, h.client)).total).toBe(0);
    expect((await searchHistory({ kind: "extras", includeMissing: true }, h.client)).items.map((i) => i.id)).toEqual([row.id]);
    expect(await reconcileOutputs({ outputs: h.outputs, client: h.client, settings: defaultOptions() })).toMatchObject({ markedMissing: 0, restored: 0 });

    fs.writeFileSync(file, bytes);
    expect(await reconcileOutputs({ outputs: h.outputs, client: h.client, settings: defaultOptions() })).toMatchObject({ imported: 0, markedMissing: 0, restored: 1 });
    expect((await h.client.image.findUniqueOrThrow({ where: { path: rel } })).missing).toBe(false);
  });

  it("copes with an outputs folder that does not exist yet (every row flagged, reversibly)", async () => {
    const present = await h.client.image.count({ where: { missing: false } });
    const result = await reconcileOutputs({ outputs: path.join(h.root, "nowhere"), client: h.client, settings: defaultOptions() });
    expect(result.files).toBe(0);
    expect(result.imported).toBe(0);
    expect(present).toBe(4);
    expect(result.markedMissing).toBe(present);
    expect(await reconcileOutputs({ outputs: h.outputs, client: h.client, settings: defaultOptions() })).toMatchObject({ imported: 0, restored: 4 });
  });
});

describe("reconcileOutputs with custom outdir_* folders", () => {
  let c: TempHistory;
  beforeAll(() => {
    c = createTempHistory();
  });
  afterAll(() => c.dispose());
  const put = (relativePath: string, bytes: Buffer) => {
    const file = path.join(c.outputs, ...relativePath.split("/"));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes);
  };
  const text = (prompt: string, extra = "") => `${prompt}\nSteps: 4, Sampler: Euler, Seed: 3, Size: 8x6${extra}`;

  it("walks every folder the saving settings write to, reading PNG text and JPEG / WebP UserComments", async () => {
    const png = await tinyPng();
    const jpeg = await sharp(png).jpeg().toBuffer();
    const webp = await sharp(png).webp().toBuffer();
    put("custom/t2i/2024-05-01/00001-3.png", writePngText(png, { parameters: text("a custom txt2img") }));
    put("i2i/00002-3.jpg", jpegWithUserComment(jpeg, text("an img2img jpeg", ", Denoising strength: 0.5")));
    put("all-grids/grid-0001.webp", webpWithUserComment(webp, text("a grid"), 8, 6));
    put("txt2img-images/2024-05-01/00000-3.png", writePngText(png, { parameters: text("from before the setting changed") }));
    put("elsewhere/00001.png", writePngText(png, { parameters: text("not an output folder") }));
    const settings = { ...defaultOptions(), outdir_txt2img_samples: "outputs/custom/t2i", outdir_img2img_samples: "i2i", outdir_grids: "./outputs/all-grids" };
    const result = await reconcileOutputs({ outputs: c.outputs, client: c.client, settings });
    expect(result).toMatchObject({ files: 4, imported: 4, unreadable: [] });
    const rows = await c.client.image.findMany({ orderBy: { path: "asc" } });
    expect(rows.map((r) => [r.path, r.kind, r.prompt])).toEqual([
      ["all-grids/grid-0001.webp", "grid", "a grid"],
      ["custom/t2i/2024-05-01/00001-3.png", "txt2img", "a custom txt2img"],
      ["i2i/00002-3.jpg", "img2img", "an img2img jpeg"],
      ["txt2img-images/2024-05-01/00000-3.png", "txt2img", "from before the setting changed"],
    ]);
    expect(rows.find((r) => r.path.endsWith(".jpg"))).toMatchObject({ steps: 4, seed: 3n, width: 8, height: 6 });
    // Back to the default folders: the custom-folder rows are still there on disk, not flagged missing.
    expect(await reconcileOutputs({ outputs: c.outputs, client: c.client, settings: defaultOptions() })).toMatchObject({ imported: 0, markedMissing: 0 });
  });

  it("tells the tab from the infotext in the all-tabs samples folder (outdir_samples)", async () => {
    const png = await tinyPng();
    put("everything/00001-3.png", writePngText(png, { parameters: text("an img2img", ", Denoising strength: 0.75, Mask blur: 4") }));
    put("everything/00002-3.png", writePngText(png, { parameters: text("a hires txt2img", ", Denoising strength: 0.7, Hires upscale: 2, Hires upscaler: Latent") }));
    put("everything/00003.png", writePngText(png, { extras: "Postprocess upscale by: 2, Postprocess upscaler: Lanczos" }));
    put("everything/00004.jpg", jpegWithUserComment(await sharp(png).jpeg().toBuffer(), "Postprocess upscale by: 4, Postprocess upscaler: Nearest"));
    const settings = { ...defaultOptions(), outdir_samples: "outputs/everything" };
    expect(await reconcileOutputs({ outputs: c.outputs, client: c.client, settings })).toMatchObject({ imported: 4 });
    const rows = await c.client.image.findMany({ where: { path: { startsWith: "everything/" } }, orderBy: { path: "asc" } });
    expect(rows.map((r) => [r.kind, r.prompt])).toEqual([["img2img", "an img2img"], ["txt2img", "a hires txt2img"], ["extras", ""], ["extras", ""]]);
    expect(rows[3].infotext).toBe("Postprocess upscale by: 4, Postprocess upscaler: Nearest");
  });

  it("lets the event loop run while it works, and imports an over-long infotext truncated", async () => {
    const png = await tinyPng();
    const huge = `${"a long prompt ".repeat(20_000)}\nSteps: 3, Sampler: Euler, Seed: 9, Size: 8x6`;
    expect(huge.length).toBeGreaterThan(MAX_INFOTEXT_LENGTH);
    place("txt2img-images/2024-08-01/00000-9.png", writePngText(png, { parameters: huge }));
    for (let i = 1; i <= 1500; i++) place(`txt2img-images/2024-08-02/${String(i).padStart(5, "0")}-${i}.png`, writePngText(png, { parameters: `p ${i}\nSteps: 2, Seed: ${i}` }));
    // Event-loop turns while it runs: in slices, no stretch without one is more than a fraction of the whole
    // (a reconcile that read and parsed everything in one go would be one stretch).
    let running = true;
    let last = performance.now();
    let longestStretch = 0;
    const turns = (async () => {
      while (running) {
        await new Promise((r) => setImmediate(r));
        const now = performance.now();
        longestStretch = Math.max(longestStretch, now - last);
        last = now;
      }
    })();
    const start = performance.now();
    const result = await reconcileOutputs({ outputs: h.outputs, client: h.client });
    const total = performance.now() - start;
    running = false;
    await turns;
    expect(longestStretch).toBeLessThan(total / 2);
    expect(result.imported).toBe(1501);
    const row = await h.client.image.findUniqueOrThrow({ where: { path: "txt2img-images/2024-08-01/00000-9.png" } });
    expect(row.infotext).toBe(huge.slice(0, MAX_INFOTEXT_LENGTH));
    expect(row.prompt.startsWith("a long prompt a long prompt")).toBe(true);
  });
});

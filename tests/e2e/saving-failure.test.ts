// When the outputs folder cannot be written (docs/history.md#saving-an-image), a job still returns its
// images, its `info.warnings` and the UI say that saving failed with the folder relative to the
// outputs folder — never an absolute path — and no history row is recorded. Files stand where the
// txt2img folders should be (root can write anywhere, so permissions would not stop it).
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openApp, setNumbers } from "./app-page";
import { sharedBrowser } from "./browser";
import { outputFiles } from "./outputs";
import { getJson, postJson } from "./sdapi";

const baseUrl = inject("baseUrl");
const runDir = inject("runDir");
const outputs = path.join(runDir, "outputs");
const BLOCKED = ["txt2img-images", "txt2img-grids"];
const browser = sharedBrowser();

const historyTotal = async () => (await getJson<{ total: number }>("/api/history?missing=true")).total;
const SAVE_FAILED = /^saving failed: the image could not be written to txt2img-(images|grids)\/\d{4}-\d{2}-\d{2}\/: a file is in the way of the folder \((ENOTDIR|EEXIST)\)$/;

describe("an outputs folder that cannot be written", () => {
  let files: string[];
  let rows: number;
  beforeAll(async () => {
    fs.mkdirSync(outputs, { recursive: true });
    for (const folder of BLOCKED) {
      const at = path.join(outputs, folder);
      if (fs.existsSync(at)) fs.renameSync(at, `${at}.aside`);
      fs.writeFileSync(at, "a file where the folder should be");
    }
    files = outputFiles();
    rows = await historyTotal();
  });
  afterAll(() => {
    for (const folder of BLOCKED) {
      const at = path.join(outputs, folder);
      fs.rmSync(at, { force: true });
      if (fs.existsSync(`${at}.aside`)) fs.renameSync(`${at}.aside`, at);
    }
  });

  it("API: returns the images and says in info.warnings that saving failed, with relative paths only", async () => {
    const res = await postJson("/sdapi/v1/txt2img", { prompt: "unsaved", steps: 2, width: 64, height: 64, batch_size: 2, seed: 11, save_images: true });
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBe(200);
    expect(text).not.toContain(runDir);
    const body = JSON.parse(text);
    expect(body.images.length).toBeGreaterThanOrEqual(2);
    for (const image of body.images) expect((await sharp(Buffer.from(image, "base64")).metadata()).format).toBe("png");
    const info = JSON.parse(body.info);
    expect(info.warnings.length).toBeGreaterThanOrEqual(1);
    for (const warning of info.warnings) expect(warning).toMatch(SAVE_FAILED);
    expect(outputFiles()).toEqual(files);
    expect(await historyTotal()).toBe(rows);
  });

  it("UI: shows the picture and the warning, and no error", async () => {
    const page = await openApp(browser(), baseUrl);
    try {
      await page.fill("#txt2img_prompt", "unsaved from the UI");
      await setNumbers(page, { txt2img_steps: 2, txt2img_width: 64, txt2img_height: 64 });
      await page.click("#txt2img_generate");
      await expect.poll(() => page.locator("#txt2img_warnings").textContent(), { timeout: 120_000 }).toMatch(/saving failed: the image could not be written to txt2img-images\/\d{4}-\d{2}-\d{2}\//);
      const src = await page.locator("#txt2img_gallery_selected img").getAttribute("src");
      expect(src).toMatch(/^data:image\/png;base64,/);
      expect(await page.locator("#txt2img_error").count()).toBe(0);
      expect(await page.locator("#txt2img_warnings").textContent()).not.toContain(runDir);
    } finally {
      await page.close();
    }
    expect(outputFiles()).toEqual(files);
    expect(await historyTotal()).toBe(rows);
  });
});

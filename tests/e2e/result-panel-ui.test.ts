// The result column of a generation tab in a real browser (issue 22, docs/ui.md): the progress text
// of a batch ("Batch i out of n, Sampling step i/n", ETA, never "Waiting..."), the live preview in
// the result image's place, the gallery choosing the infotext shown, Save / Zip / Copy infotext, the
// lightbox (fit, 1:1, wheel zoom, pan, arrows, Esc, send-to) and the Extras upscaler's tile progress.
import { unzipSync, strFromU8 } from "fflate";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import sharp from "sharp";
import { downloadResult, generateOne, openApp, setNumber, setNumbers } from "./app-page";
import { sharedBrowser } from "./browser";
import { postOk } from "./sdapi";

const baseUrl = inject("baseUrl");
const browser = sharedBrowser();

const setOptions = (options: Record<string, unknown>) => postOk("/sdapi/v1/options", options);

// A preview every step and a poll every 100 ms, so a short job shows several of each.
const FAST = { show_progress_every_n_steps: 1, live_preview_refresh_period: 100, ESRGAN_tile: 16 };
const DEFAULTS = { show_progress_every_n_steps: 10, live_preview_refresh_period: 1000, ESRGAN_tile: 192 };
beforeAll(() => setOptions(FAST));
afterAll(() => setOptions(DEFAULTS));

interface Seen {
  texts: string[];
  bars: string[];
  previews: number;
  /** A live preview and a gallery image on screen at once. */
  stacked: boolean;
}

/** Records, from now on, every progress text, bar label and live preview the tab shows, however briefly. */
async function watchResults(page: Page, tab: string) {
  await page.evaluate((tab) => {
    const seen: Seen = { texts: [], bars: [], previews: 0, stacked: false };
    (window as unknown as { __seen: Seen }).__seen = seen;
    let lastPreview = "";
    const record = () => {
      const text = document.querySelector(`#${tab}_progress_text`)?.textContent;
      if (text && seen.texts.at(-1) !== text) seen.texts.push(text);
      const bar = document.querySelector(`#${tab}_progress`)?.textContent;
      if (bar && seen.bars.at(-1) !== bar) seen.bars.push(bar);
      const preview = document.querySelector(`#${tab}_preview`)?.getAttribute("src");
      if (preview && preview !== lastPreview) {
        lastPreview = preview;
        seen.previews++;
      }
      if (preview && document.querySelector(`#${tab}_gallery`)) seen.stacked = true;
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  }, tab);
  return () => page.evaluate(() => (window as unknown as { __seen: Seen }).__seen);
}

const thumbnails = (page: Page) => page.locator('#txt2img_gallery [aria-label="Result images"] button');
const box = async (page: Page, selector: string) => (await page.locator(selector).boundingBox())!;

describe("the result panel", () => {
  let page: Page;
  const SEED = 1234;

  afterAll(() => page?.close());

  it("shows the batch and sampling step with an ETA, and the live preview in place of the previous result", async () => {
    // The later tests of this block go on with this page and its batch of 2.
    page = await openApp(browser(), baseUrl);
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });
    await page.fill("#txt2img_prompt", "a red boat on a lake");
    await setNumbers(page, { txt2img_width: 64, txt2img_height: 64, txt2img_seed: SEED, txt2img_steps: 4 });
    await generateOne(page); // a previous result for the preview to replace
    // 150 steps (the slider's maximum): on a quiet machine 40 steps of a 64² picture ended within two polls.
    await setNumbers(page, { txt2img_steps: 150, txt2img_batch_count: 2 });
    const seen = await watchResults(page, "txt2img");
    await generateOne(page);
    const { texts, bars, previews, stacked } = await seen();

    expect(texts).not.toContain("Waiting...");
    const steps = texts.filter((t) => /^Batch [12] out of 2, Sampling step \d+\/150$/.test(t));
    expect(steps.length).toBeGreaterThan(1);
    expect(texts.some((t) => t.startsWith("Batch 2 out of 2, "))).toBe(true);
    expect(bars.some((b) => /^\d+% ETA: \d+s$/.test(b))).toBe(true);
    expect(previews).toBeGreaterThan(0);
    expect(stacked).toBe(false);
    expect(await page.locator("#txt2img_preview").count()).toBe(0); // gone with the result
  });

  it("shows the infotext of the gallery image selected", async () => {
    // Batch count 2: the grid first, then the two images.
    await expect.poll(() => thumbnails(page).count()).toBe(3);
    const seedOf = async () => (await page.locator("#txt2img_infotext").innerText()).match(/Seed: (\d+)/)?.[1];
    await thumbnails(page).nth(2).click();
    await expect.poll(seedOf).toBe(String(SEED + 1));
    await thumbnails(page).nth(1).click();
    await expect.poll(seedOf).toBe(String(SEED));
  });

  it("copies the selected image's infotext", async () => {
    await thumbnails(page).nth(2).click();
    const infotext = await page.locator("#txt2img_infotext").innerText();
    expect(infotext).toContain(`Seed: ${SEED + 1}`);
    await page.click("#txt2img_copy_infotext");
    await expect.poll(() => page.locator("#txt2img_output_status").textContent()).toBe("Infotext copied.");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(infotext);
  });

  it("saves the selected image and zips all of them with their infotexts", async () => {
    const urls = await page.locator('#txt2img_gallery [aria-label="Result images"] img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute("src")!));
    const names = urls.map((u) => decodeURIComponent(u.split("/").pop()!));
    const files = await Promise.all(urls.map((u) => downloadResult(baseUrl, u)));

    await thumbnails(page).nth(1).click();
    const [save] = await Promise.all([page.waitForEvent("download"), page.click("#txt2img_save")]);
    expect(save.suggestedFilename()).toBe(names[1]);
    expect(fs.readFileSync((await save.path())!).equals(files[1])).toBe(true);

    const [zip] = await Promise.all([page.waitForEvent("download"), page.click("#txt2img_zip")]);
    expect(zip.suggestedFilename()).toBe("txt2img-images.zip");
    const entries = unzipSync(fs.readFileSync((await zip.path())!));
    const stem = (n: string) => n.replace(/\.png$/, "");
    expect(Object.keys(entries).sort()).toEqual([...names, ...names.map((n) => `${stem(n)}.txt`)].sort());
    names.forEach((n, i) => expect(Buffer.from(entries[n]).equals(files[i])).toBe(true));
    await thumbnails(page).nth(2).click();
    expect(strFromU8(entries[`${stem(names[2])}.txt`])).toBe(await page.locator("#txt2img_infotext").innerText());
    expect(await page.locator("#txt2img_output_status").textContent()).toBe("Zipped 3 images.");
  });

  it("opens the lightbox fitted, toggles 1:1, zooms with the wheel, pans, moves between images and closes with Esc", async () => {
    await thumbnails(page).nth(1).click();
    const inline = await box(page, "#txt2img_gallery_selected img");
    await page.click("#txt2img_gallery_selected");
    const image = "#lightbox_image";
    await page.locator(image).waitFor();
    const viewport = page.viewportSize()!;
    // Fitted: 64 px scaled up to the screen, larger than the inline view.
    const fitted = await box(page, image);
    expect(fitted.width).toBeGreaterThan(inline.width);
    expect(fitted.height).toBeCloseTo(Math.min(viewport.height - 112, viewport.width - 32), 0);

    await page.click("#lightbox_toggle_zoom");
    expect(await page.locator("#lightbox_toggle_zoom").getAttribute("aria-pressed")).toBe("true");
    let actual = await box(page, image);
    expect([actual.width, actual.height]).toEqual([64, 64]);

    // The wheel zooms in about the cursor: the image pixel under it (52, 42) stays under it.
    const cursor = { x: actual.x + 52, y: actual.y + 42 };
    await page.mouse.move(cursor.x, cursor.y);
    await page.mouse.wheel(0, -500);
    await expect.poll(async () => (await box(page, image)).width).toBeGreaterThan(100);
    const zoomed = await box(page, image);
    expect(((cursor.x - zoomed.x) / zoomed.width) * 64).toBeCloseTo(52, 0);
    expect(((cursor.y - zoomed.y) / zoomed.height) * 64).toBeCloseTo(42, 0);
    const centre = cursor;

    // Dragging pans by the distance dragged.
    await page.mouse.down();
    await page.mouse.move(centre.x + 120, centre.y + 60, { steps: 6 });
    await page.mouse.up();
    const panned = await box(page, image);
    expect(panned.x - zoomed.x).toBeCloseTo(120, 0);
    expect(panned.y - zoomed.y).toBeCloseTo(60, 0);
    expect(await page.locator("#lightbox").count()).toBe(1); // a drag is not a click outside

    // → shows the next image of the batch, fitted again; ← twice wraps round to the grid.
    const srcs = await page.locator('#txt2img_gallery [aria-label="Result images"] img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute("src")));
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => page.locator(image).getAttribute("src")).toBe(srcs[2]);
    actual = await box(page, image);
    expect(actual.width).toBeCloseTo(fitted.width, 0);
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => page.locator(image).getAttribute("src")).toBe(srcs[0]);
    expect(await page.locator("#lightbox_caption").textContent()).toMatch(/^1 \/ 3 · /);

    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("#lightbox").count()).toBe(0);
  });

  it("sends the lightbox's image to img2img", async () => {
    await thumbnails(page).nth(2).click();
    await page.click("#txt2img_gallery_selected");
    await page.locator("#lightbox_image").waitFor();
    await page.click("#lightbox_send_img2img");
    await expect.poll(() => page.locator("#lightbox").count()).toBe(0);
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#img2img");
    await page.locator("#img2img_image_preview").waitFor();
    await expect.poll(() => page.inputValue("#img2img_width")).toBe("64");
  });
});

describe("Extras progress", () => {
  it("shows the upscaler's tiles moving, not 0% Waiting...", async () => {
    const page = await openApp(browser(), baseUrl, "#extras");
    // 256×256 in 16-pixel tiles: 256 tiles per pass.
    const input = await sharp({ create: { width: 256, height: 256, channels: 3, background: { r: 30, g: 120, b: 200 } } }).png().toBuffer();
    await page.setInputFiles("#extras_image", { name: "tiles.png", mimeType: "image/png", buffer: input });
    await page.locator("#extras_image_preview").waitFor();
    await page.selectOption("#extras_upscaler_1", "onyx-esrgan-4x");
    await setNumber(page, "extras_upscaling_resize", 2);
    const seen = await watchResults(page, "extras");
    await generateOne(page, "extras");
    const { texts, bars } = await seen();
    expect(texts).not.toContain("Waiting...");
    expect(texts.filter((t) => /^Upscaling tile \d+\/256$/.test(t)).length).toBeGreaterThan(0);
    expect(bars.some((b) => Number(b.match(/^(\d+)%/)?.[1]) > 0)).toBe(true);
    await page.close();
  });
});

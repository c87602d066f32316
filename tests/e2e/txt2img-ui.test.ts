// The txt2img tab in a real browser against the real server: prompt → Generate → progress →
// gallery → lightbox at full size → infotext; plus the tab shell (hash routing, kept state).
import { describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { openApp as openAppAt, setNumber, setNumbers } from "./app-page";
import { sharedBrowser } from "./browser";

const baseUrl = inject("baseUrl");
const browser = sharedBrowser();

const openApp = (hash = "") => openAppAt(browser(), baseUrl, hash);

describe("txt2img tab", () => {
  it("generates an image with progress, shows it full size and prints its infotext", async () => {
    const page = await openApp();
    const prompt = "a lighthouse on a cliff";
    await page.fill("#txt2img_prompt", prompt);
    await setNumbers(page, { txt2img_width: 128, txt2img_height: 64 });
    expect(await page.inputValue("#txt2img_steps")).toBe("20");

    // Record every state of the progress bar, however briefly it is on screen.
    await page.evaluate(() => {
      const seen: Array<number> = [];
      (window as unknown as { __progress: number[] }).__progress = seen;
      const record = () => {
        const bar = document.querySelector("#txt2img_progress");
        const value = bar?.getAttribute("aria-valuenow");
        if (value != null && seen[seen.length - 1] !== Number(value)) seen.push(Number(value));
      };
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true });
    });

    await page.click("#txt2img_generate");
    await page.waitForSelector("#txt2img_gallery img", { timeout: 120_000 });
    await expect.poll(() => page.locator("#txt2img_generate").count()).toBe(1);
    expect(await page.locator("#txt2img_error").count()).toBe(0);

    const progress = await page.evaluate(() => (window as unknown as { __progress: number[] }).__progress);
    expect(progress.length).toBeGreaterThan(0); // the bar was on screen while the job ran
    for (const value of progress) expect(value).toBeGreaterThanOrEqual(0);
    for (const value of progress) expect(value).toBeLessThanOrEqual(100);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress); // never moves backwards within a job
    expect(await page.locator("#txt2img_progress").count()).toBe(0); // gone once the job is done

    await page.click("#txt2img_gallery_selected");
    const full = page.locator("#lightbox_image");
    await full.waitFor();
    await expect.poll(() => full.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(128);
    expect(await full.evaluate((img: HTMLImageElement) => img.naturalHeight)).toBe(64);
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("#lightbox").count()).toBe(0);

    const infotext = await page.locator("#txt2img_infotext").innerText();
    expect(infotext.split("\n")[0]).toBe(prompt);
    expect(infotext).toContain("Steps: 20");
    await page.close();
  });

  it("selects the tab named by the URL hash and keeps form state across tab switches", async () => {
    const page = await openApp("#settings");
    await expect.poll(() => page.locator("#tab-settings").getAttribute("aria-selected")).toBe("true");
    expect(await page.locator("#panel-txt2img").isHidden()).toBe(true);
    expect(await page.locator("#settings_submit").isVisible()).toBe(true);

    await page.click("#tab-txt2img");
    expect(await page.evaluate(() => location.hash)).toBe("#txt2img");
    await page.fill("#txt2img_prompt", "kept across tabs");
    await setNumber(page, "txt2img_steps", 33);
    await page.click("#tab-img2img");
    expect(await page.locator("#panel-img2img").isVisible()).toBe(true);
    await page.click("#tab-txt2img");
    expect(await page.inputValue("#txt2img_prompt")).toBe("kept across tabs");
    expect(await page.inputValue("#txt2img_steps")).toBe("33");

    // ⇅ swaps the two sizes; the defaults are 512×512, so set them apart first.
    await setNumber(page, "txt2img_width", 640);
    await page.click("#txt2img_res_switch_btn");
    // The swap re-renders after the click event; poll instead of reading once.
    await expect.poll(() => page.inputValue("#txt2img_width")).toBe("512");
    await expect.poll(() => page.inputValue("#txt2img_height")).toBe("640");
    await page.close();
  });
});

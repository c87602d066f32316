// The page's tab lists by keyboard (app/ui/controls/tab-list.tsx, the WAI-ARIA tabs pattern): only the selected
// tab is in the Tab order; ←/→ (wrapping round) and Home/End move the focus and select, and the panel follows —
// img2img's mode tabs and Resize to/by, the shell's tabs, Extras' source and upscale size tabs.
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { openApp } from "./app-page";
import { sharedBrowser } from "./browser";

const baseUrl = inject("baseUrl");
const browser = sharedBrowser();

const selectedIn = (page: Page, list: string) => page.locator(`[role=tablist][aria-label="${list}"] [role=tab][aria-selected=true]`).getAttribute("id");
const focused = (page: Page) => page.evaluate(() => document.activeElement?.id ?? null);

/** Presses `key` and checks that the tab `id` of `list` is then selected and focused. */
async function press(page: Page, key: string, list: string, id: string) {
  await page.keyboard.press(key);
  await expect.poll(() => selectedIn(page, list)).toBe(id);
  expect(await focused(page)).toBe(id);
}

describe("tab lists", () => {
  it("move and select by keyboard, the panel following", async () => {
    const page = await openApp(browser(), baseUrl, "#img2img");
    // The hash selects the tab after hydration; a hidden tab cannot take the focus.
    await page.locator("#img2img_mode_img2img").waitFor();
    const mode = "img2img mode";
    expect(await page.locator(`[aria-label="${mode}"] [role=tab][tabindex="0"]`).evaluateAll((tabs) => tabs.map((t) => t.id))).toEqual(["img2img_mode_img2img"]);
    await page.focus("#img2img_mode_img2img");
    await press(page, "ArrowRight", mode, "img2img_mode_sketch");
    await press(page, "End", mode, "img2img_mode_batch");
    expect(await page.isVisible("#img2img_batch_input_dir")).toBe(true);
    await press(page, "ArrowRight", mode, "img2img_mode_img2img");
    expect(await page.isVisible("#img2img_batch_input_dir")).toBe(false);
    await press(page, "ArrowLeft", mode, "img2img_mode_batch");
    await press(page, "Home", mode, "img2img_mode_img2img");
    expect(await page.locator(`[aria-label="${mode}"] [role=tab][tabindex="0"]`).count()).toBe(1);

    await page.focus("#img2img_tab_resize_to");
    await press(page, "ArrowRight", "Resize", "img2img_tab_resize_by");
    expect(await page.isVisible("#img2img_scale")).toBe(true);
    expect(await page.locator("#img2img_width").count()).toBe(0);

    // The shell's tabs: the URL hash follows.
    await page.focus("#tab-img2img");
    await press(page, "ArrowRight", "Tabs", "tab-extras");
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#extras");
    expect(await page.isVisible("#panel-extras")).toBe(true);

    await page.focus("#extras_single");
    await press(page, "ArrowLeft", "Extras source", "extras_directory");
    expect(await page.isVisible("#extras_batch_input_dir")).toBe(true);
    await press(page, "ArrowLeft", "Extras source", "extras_batch");
    expect(await page.isVisible("#extras_batch_input_dir")).toBe(false);

    await page.focus("#extras_resize_mode_scale_by");
    await press(page, "ArrowRight", "Upscale size", "extras_resize_mode_scale_to");
    expect(await page.isVisible("#extras_upscaling_resize_w")).toBe(true);
    // A key the list does not handle leaves the selection alone.
    await page.keyboard.press("ArrowDown");
    expect(await selectedIn(page, "Upscale size")).toBe("extras_resize_mode_scale_to");
    await page.close();
  });
});

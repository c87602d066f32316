// The page's controls in a real browser (issue 22, docs/ui.md): icons are inline SVGs with titles and no
// button on any tab is labelled with an emoji or symbol glyph; Ctrl+Up/Down edit the attention weight
// in the prompt box; the main labels carry A1111-style hints.
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { TABS } from "@/app/ui/tabs";
import { generateOne, openApp, setNumbers } from "./app-page";
import { sharedBrowser } from "./browser";

const baseUrl = inject("baseUrl");
const browser = sharedBrowser();

/** Emoji and the symbol blocks that draw as empty boxes without an emoji font (arrows, technical, dingbats …). */
const GLYPH = /[\p{Extended_Pictographic}\u{2190}-\u{21FF}\u{2300}-\u{23FF}\u{2460}-\u{27BF}\u{2900}-\u{2BFF}\u{FE0F}]/u;

/** Every button and download link in the tab's panel: its id (or text) and what it shows or says. */
const buttonLabels = (page: Page, tab: string) =>
  page.$$eval(`#panel-${tab} :is(button, a[download], [role="button"])`, (elements) =>
    elements.map((el) => ({ id: el.id || el.textContent || "?", label: [el.textContent, el.getAttribute("aria-label"), el.getAttribute("title")].join(" ") })),
  );

/** The text of the <title> inside the button's SVG, null without one. */
const svgTitle = (page: Page, id: string) => page.$eval(`#${id}`, (button) => button.querySelector("svg > title")?.textContent ?? null);

describe("icons", () => {
  it("labels no button on any tab with an emoji or symbol glyph", async () => {
    const page = await openApp(browser(), baseUrl);
    // A result brings the output panel's buttons, and a History item whose details have buttons too.
    await setNumbers(page, { txt2img_width: 64, txt2img_height: 64, txt2img_steps: 2 });
    await generateOne(page);
    // The X/Y/Z plot's fill buttons only show once the script is chosen.
    await page.selectOption("#txt2img_script", "X/Y/Z plot");
    await page.selectOption("#script_txt2img_xyz_plot_y_type", "Sampler");
    let scanned = 0;
    for (const { id } of TABS) {
      await page.click(`#tab-${id}`);
      if (id === "settings") await page.locator("#settings_submit").waitFor();
      if (id === "extensions") await page.locator("#extensions_table").waitFor();
      if (id === "history") {
        await page.click("#history_grid li button");
        await page.locator("#history_detail").waitFor();
      }
      const buttons = await buttonLabels(page, id);
      expect(buttons.length, id).toBeGreaterThan(0);
      for (const { id: button, label } of buttons) expect(label, `${id}: ${button}`).not.toMatch(GLYPH);
      scanned += buttons.length;
    }
    expect(scanned).toBeGreaterThan(30);
    await page.close();
  });

  it("draws the tool buttons as SVG icons whose title is the button's tooltip", async () => {
    const page = await openApp(browser(), baseUrl);
    await page.selectOption("#txt2img_script", "X/Y/Z plot");
    await page.selectOption("#script_txt2img_xyz_plot_y_type", "Sampler");
    const ids = ["txt2img_random_seed", "txt2img_reuse_seed", "txt2img_res_switch_btn", "txt2img_paste", "script_txt2img_xyz_plot_y_fill", "img2img_detect_image_size_btn", "img2img_random_seed"];
    for (const id of ids) {
      const title = await page.getAttribute(`#${id}`, "title");
      expect(title, id).toBeTruthy();
      expect(await svgTitle(page, id), id).toBe(title);
      expect(await page.$eval(`#${id}`, (b) => b.textContent), id).toBe(title); // the <title> is its only text
    }
    expect(await page.getAttribute("#txt2img_random_seed", "title")).toBe("Set seed to -1, which will cause a new random number to be used every time");
    await page.close();
  });
});

describe("prompt editing keys", () => {
  const value = (page: Page) => page.inputValue("#txt2img_prompt");
  const selection = (page: Page) => page.$eval("#txt2img_prompt", (t: HTMLTextAreaElement) => t.value.slice(t.selectionStart, t.selectionEnd));
  const caretAt = (page: Page, at: number, end = at) => page.$eval("#txt2img_prompt", (t: HTMLTextAreaElement, [a, b]) => t.setSelectionRange(a, b), [at, end]);

  it("raises and lowers the weight of the word under the caret in steps of 0.1, dropping the parentheses at 1.0", async () => {
    const page = await openApp(browser(), baseUrl);
    await page.fill("#txt2img_prompt", "a cat, night sky");
    await page.focus("#txt2img_prompt");
    await caretAt(page, 4);
    await page.keyboard.press("Control+ArrowUp");
    await expect.poll(() => value(page)).toBe("a (cat:1.1), night sky");
    expect(await selection(page)).toBe("cat");
    await page.keyboard.press("Control+ArrowUp");
    await expect.poll(() => value(page)).toBe("a (cat:1.2), night sky");
    await page.keyboard.press("Control+ArrowDown");
    await page.keyboard.press("Control+ArrowDown");
    await expect.poll(() => value(page)).toBe("a cat, night sky");
    expect(await selection(page)).toBe("cat");
    await page.keyboard.press("Control+ArrowDown");
    await expect.poll(() => value(page)).toBe("a (cat:0.9), night sky");

    // A selection of several words is weighted as one.
    await caretAt(page, 13, 22);
    expect(await selection(page)).toBe("night sky");
    await page.keyboard.press("Control+ArrowUp");
    await expect.poll(() => value(page)).toBe("a (cat:0.9), (night sky:1.1)");

    // The edited prompt is what Generate sends: the form state, not only the box, changed.
    await page.click("#tab-img2img");
    await page.click("#tab-txt2img");
    expect(await value(page)).toBe("a (cat:0.9), (night sky:1.1)");
    await page.close();
  });

  it("works in the negative prompt too, and Ctrl+Up with no word changes nothing", async () => {
    const page = await openApp(browser(), baseUrl);
    await page.fill("#txt2img_neg_prompt", "blurry, ((lowres))");
    await page.focus("#txt2img_neg_prompt");
    await page.$eval("#txt2img_neg_prompt", (t: HTMLTextAreaElement) => t.setSelectionRange(13, 13));
    await page.keyboard.press("Control+ArrowUp");
    await expect.poll(() => page.inputValue("#txt2img_neg_prompt")).toBe("blurry, (lowres:1.3)");
    await page.fill("#txt2img_prompt", "a, , b");
    await page.focus("#txt2img_prompt");
    await caretAt(page, 3);
    await page.keyboard.press("Control+ArrowUp");
    expect(await value(page)).toBe("a, , b");
    await page.close();
  });
});

describe("label hints", () => {
  it("shows A1111-style hints on the main labels", async () => {
    const page = await openApp(browser(), baseUrl);
    const hint = (target: string) => page.getAttribute(`label[for="${target}"]`, "title");
    expect(await hint("txt2img_sampling")).toBe("Which algorithm produces the image from noise");
    expect(await hint("txt2img_scheduler")).toMatch(/^How the noise levels of the sampling steps are spaced/);
    expect(await hint("txt2img_cfg_scale")).toMatch(/^Classifier Free Guidance scale: how strongly the image follows the prompt/);
    expect(await hint("txt2img_seed")).toMatch(/^The number that starts the random generator/);
    expect(await hint("txt2img_batch_count")).toMatch(/^How many batches/);
    await page.check("#txt2img_subseed_show");
    expect(await hint("txt2img_subseed")).toBe("The seed of another picture to mix into this one");
    await page.click("#tab-img2img");
    expect(await hint("img2img_denoising_strength")).toMatch(/^How little of the image's content to keep: at 0 nothing changes, at 1/);
    await page.close();
  });
});

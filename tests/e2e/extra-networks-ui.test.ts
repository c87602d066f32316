// The Extra Networks panel, styles selector, token counter and VAE dropdown in a real browser: a LoRA card puts its
// tag in the prompt, the counter counts the prompt without it, Generate writes the Lora hashes, a paste renames the
// tag by its hash; a style wraps the prompt at generation; the top bar's VAE is used and named in the infotext. The
// same panel on img2img puts cards in img2img's own prompt box that had the focus last.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { generateOne, openApp, setNumbers } from "./app-page";
import { sharedBrowser } from "./browser";
import { FIXTURE_LORAS, FIXTURE_VAE } from "@/lib/networks/fixtures";
import { stylesCsv } from "@/lib/styles/styles-file";

const baseUrl = inject("baseUrl");
const runDir = inject("runDir");
const browser = sharedBrowser();

describe("extra networks in the txt2img and img2img tabs", () => {
  it("a LoRA card inserts its tag, the counter follows, Generate writes Lora hashes; a style wraps the prompt; the top bar's VAE is used", async () => {
    fs.writeFileSync(path.join(runDir, "data", "styles.csv"), stylesCsv([{ name: "framed", prompt: "a painting of {prompt}, gold frame", negativePrompt: "" }]));
    const page = await openApp(browser(), baseUrl);
    await setNumbers(page, { txt2img_steps: 2, txt2img_width: 64, txt2img_height: 64 });
    await page.fill("#txt2img_prompt", "a castle");
    await expect.poll(() => page.locator("#txt2img_token_counter").innerText()).toBe("2/75");

    await page.click("#txt2img_extra_networks_button");
    await page.click("#txt2img_extra_tab_lora");
    await page.fill("#txt2img_extra_search", "detail");
    await expect.poll(() => page.locator("[data-card]").count()).toBe(1);
    await page.click(`[data-card="${FIXTURE_LORAS.all}"]`);
    expect(await page.inputValue("#txt2img_prompt")).toBe("a castle <lora:onyx detail:1>");
    // The counter is the fixture tokenizer's count of the prompt without the tag.
    await page.fill("#txt2img_prompt", "a castle castle <lora:onyx detail:1>");
    await expect.poll(() => page.locator("#txt2img_token_counter").innerText()).toBe("3/75");

    await generateOne(page);
    const withLora = await page.locator("#txt2img_infotext").innerText();
    expect(withLora).toMatch(/Lora hashes: "onyx detail: [0-9a-f]{12}"/);
    // Pasted back as another machine wrote it (its file was called "old name"): the tag stays in the prompt,
    // renamed by its hash to the LoRA installed here, and Lora hashes makes no override chip (docs/lora.md#pasting-an-infotext).
    await page.fill("#txt2img_prompt", withLora.replaceAll("onyx detail", "old name"));
    await page.click("#txt2img_paste");
    await expect.poll(() => page.inputValue("#txt2img_prompt")).toBe("a castle castle <lora:onyx detail:1>");
    expect(await page.locator("#txt2img_override_settings li").count()).toBe(0);

    await page.fill("#txt2img_prompt", "a castle");
    await page.click("#txt2img_styles_refresh");
    await expect.poll(() => page.locator("#txt2img_styles option").count()).toBe(2);
    await page.selectOption("#txt2img_styles", "framed");
    await expect.poll(() => page.locator("#txt2img_styles_selected li").innerText()).toContain("framed");
    // The style counts too (A1111's "Count tokens of enabled styles"): "a painting of a castle, gold frame".
    await expect.poll(() => page.locator("#txt2img_token_counter").innerText()).toBe("10/75");
    await generateOne(page);
    expect((await page.locator("#txt2img_infotext").innerText()).split("\n")[0]).toBe("a painting of a castle, gold frame");

    await page.selectOption("#setting_sd_vae", FIXTURE_VAE);
    await expect.poll(() => page.locator("#vae_status").innerText()).toBe("saved");
    try {
      await generateOne(page);
      expect(await page.locator("#txt2img_infotext").innerText()).toMatch(new RegExp(`VAE hash: [0-9a-f]{10}, VAE: ${FIXTURE_VAE}`));
    } finally {
      // The server's settings are shared with the other test files.
      await page.selectOption("#setting_sd_vae", "Automatic");
      await expect.poll(() => page.locator("#vae_status").innerText()).toBe("saved");
    }
    await page.close();
  });

  it("on img2img, a card goes into the img2img prompt box that had the focus last, and comes out again", async () => {
    const page = await openApp(browser(), baseUrl, "#img2img");
    await page.fill("#img2img_prompt", "a castle");
    await page.click("#img2img_extra_networks_button");
    await page.click("#img2img_extra_tab_lora");
    const card = page.locator(`#img2img_extra_networks [data-card="${FIXTURE_LORAS.all}"]`);
    await card.click();
    expect(await page.inputValue("#img2img_prompt")).toBe("a castle <lora:onyx detail:1>");
    await page.focus("#img2img_neg_prompt");
    await card.click();
    expect(await page.inputValue("#img2img_neg_prompt")).toBe("<lora:onyx detail:1>");
    expect(await page.inputValue("#img2img_prompt")).toBe("a castle <lora:onyx detail:1>");
    // Clicking it again with the prompt focused takes the tag out (A1111's cardClicked).
    await page.focus("#img2img_prompt");
    await card.click();
    expect(await page.inputValue("#img2img_prompt")).toBe("a castle");
    // txt2img's boxes and panel are its own.
    expect(await page.inputValue("#txt2img_prompt")).toBe("");
    expect(await page.locator("#txt2img_extra_networks").count()).toBe(0);
    await page.close();
  });
});

// The Extra Networks panel's Textual Inversion tab in a real browser (docs/textual-inversion.md#extra-networks): the
// fixture embedding's card puts its name in the prompt, the counter counts its 2 vectors as 2 tokens, and Generate
// writes TI hashes.
import { describe, expect, inject, it } from "vitest";
import { generateOne, openApp, setNumbers } from "./app-page";
import { sharedBrowser } from "./browser";
import { FIXTURE_EMBEDDING, FIXTURE_SDXL_EMBEDDING } from "@/lib/networks/embedding-fixtures";

const baseUrl = inject("baseUrl");
const browser = sharedBrowser();

describe("textual inversion in the txt2img tab", () => {
  it("the embedding's card inserts its name, the counter counts 2 tokens for it, Generate writes TI hashes", async () => {
    const page = await openApp(browser(), baseUrl);
    await setNumbers(page, { txt2img_steps: 2, txt2img_width: 64, txt2img_height: 64 });
    await page.fill("#txt2img_prompt", "a castle");
    await page.click("#txt2img_extra_networks_button");
    await page.click("#txt2img_extra_tab_textualInversion");
    await expect.poll(() => page.locator(`[data-card="${FIXTURE_EMBEDDING}"]`).count()).toBe(1);
    // The SDXL pair is skipped on this model, so it has no card.
    expect(await page.locator(`[data-card="${FIXTURE_SDXL_EMBEDDING}"]`).count()).toBe(0);
    await page.click(`[data-card="${FIXTURE_EMBEDDING}"]`);
    expect(await page.inputValue("#txt2img_prompt")).toBe(`a castle ${FIXTURE_EMBEDDING}`);
    await expect.poll(() => page.locator("#txt2img_token_counter").innerText()).toBe("4/75");

    await generateOne(page);
    expect(await page.locator("#txt2img_infotext").innerText()).toMatch(new RegExp(`TI hashes: "${FIXTURE_EMBEDDING}: [0-9a-f]{12}"`));
    await page.close();
  });
});

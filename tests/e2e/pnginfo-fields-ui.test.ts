// PNG Info lists only the fields an image's infotext holds, as written (issue 22 item 8), and "Send to
// txt2img" sets what the ↙️ paste button sets, the schedule type included.
import { describe, expect, inject, it } from "vitest";
import sharp from "sharp";
import { writePngText } from "@/lib/images/png-text";
import { openApp } from "./app-page";
import { sharedBrowser } from "./browser";

const baseUrl = inject("baseUrl");
const browser = sharedBrowser();

const INFOTEXT = "a tabby cat on a windowsill\nNegative prompt: dog\nSteps: 5, Sampler: Euler, Schedule type: Exponential, CFG scale: 6, Seed: 12, Size: 64x72";

describe("PNG Info fields", () => {
  it("shows only the infotext's own fields, and Send to txt2img pastes them as the paste button does", async () => {
    const png = writePngText(await sharp({ create: { width: 64, height: 72, channels: 3, background: "#884422" } }).png().toBuffer(), { parameters: INFOTEXT });
    const page = await openApp(browser(), baseUrl, "#pnginfo");
    await page.setInputFiles("#pnginfo_image", { name: "cat.png", mimeType: "image/png", buffer: png });
    await page.locator("#pnginfo_fields").waitFor();
    const rows = await page.locator("#pnginfo_fields tr").evaluateAll((trs) => trs.map((tr) => [tr.getAttribute("data-key"), tr.querySelector("td")?.textContent]));
    expect(rows).toEqual([
      ["Prompt", "a tabby cat on a windowsill"],
      ["Negative prompt", "dog"],
      ["Steps", "5"],
      ["Sampler", "Euler"],
      ["Schedule type", "Exponential"],
      ["CFG scale", "6"],
      ["Seed", "12"],
      ["Size", "64x72"],
    ]);

    await page.click("#pnginfo_send_txt2img");
    await expect.poll(() => page.inputValue("#txt2img_prompt")).toBe("a tabby cat on a windowsill");
    const sent = { sampler: await page.inputValue("#txt2img_sampling"), scheduler: await page.inputValue("#txt2img_scheduler"), steps: await page.inputValue("#txt2img_steps"), height: await page.inputValue("#txt2img_height") };
    expect(sent).toEqual({ sampler: "Euler", scheduler: "Exponential", steps: "5", height: "72" });

    // The paste button on a fresh page with the same text in the prompt box sets the same controls.
    const other = await openApp(browser(), baseUrl);
    await other.fill("#txt2img_prompt", INFOTEXT);
    await other.click("#txt2img_paste");
    await expect.poll(() => other.inputValue("#txt2img_prompt")).toBe("a tabby cat on a windowsill");
    const pasted = { sampler: await other.inputValue("#txt2img_sampling"), scheduler: await other.inputValue("#txt2img_scheduler"), steps: await other.inputValue("#txt2img_steps"), height: await other.inputValue("#txt2img_height") };
    expect(pasted).toEqual(sent);
    await page.close();
    await other.close();
  });
});

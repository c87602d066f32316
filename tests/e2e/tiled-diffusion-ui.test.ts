// Tiled Diffusion's region control on a real page: enable it, draw two regions with the mouse, drag one and
// resize the other, give each a prompt, generate — the infotext lists both regions with the coordinates the
// canvas shows — then save the set, delete the regions, load the file: the boxes and prompts come back.
import fs from "node:fs";
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { readPngText } from "@/lib/images/png-text";
import { downloadResult, generateOne, openApp, setNumbers } from "./app-page";
import { sharedBrowser } from "./browser";
import { regionsCanvas } from "./regions-canvas";

const baseUrl = inject("baseUrl");
const browser = sharedBrowser();
const TD = "#script_txt2img_tiled_diffusion";
const REGIONS = `${TD}_bbox_controls`;

const { boxOf, drag, canvasAt, centreOf, near } = regionsCanvas(REGIONS);
/** A coordinate as Python prints a float. */
const py = (v: number) => (Number.isInteger(v) ? v.toFixed(1) : String(v));

describe("Tiled Diffusion's regions in the txt2img tab", () => {
  it("draws, drags and resizes two regions, generates with their prompts, saves and loads the set", async () => {
    const page = await openApp(browser(), baseUrl);
    await page.setViewportSize({ width: 1400, height: 2800 });
    await page.check(`${TD}_enabled`);
    await page.click(`${TD}_accordion > summary span`);
    await page.check(`${TD}_enable_bbox_control`);

    await drag(page, await canvasAt(page, 0.1, 0.1), { x: 0.3, y: 0.3 });
    await drag(page, await canvasAt(page, 0.6, 0.5), { x: 0.3, y: 0.4 });
    expect(await page.locator(`${REGIONS}_canvas [data-region-box]`).count()).toBe(2);
    // Each region has its own colour.
    const colours = await Promise.all([0, 1].map((k) => page.getAttribute(`${REGIONS}_region_${k}`, "data-region-colour")));
    expect(new Set(colours).size).toBe(2);
    await drag(page, await centreOf(page, `${REGIONS}_region_0`), { x: 0.1, y: 0.2 });
    near(await boxOf(page, 0), [0.2, 0.3, 0.3, 0.3]);
    await drag(page, await centreOf(page, `${REGIONS}_region_1_resize`), { x: -0.1, y: 0.05 });
    near(await boxOf(page, 1), [0.6, 0.5, 0.2, 0.45]);
    // The selected region's numbers follow its box, and its box follows the numbers.
    expect(await page.inputValue(`${REGIONS}_1_w`)).toBe(String((await boxOf(page, 1))[2]));
    await page.fill(`${REGIONS}_1_x`, "0.65");
    expect((await boxOf(page, 1))[0]).toBe(0.65);
    await page.fill(`${REGIONS}_1_prompt`, "a blue moon");
    await page.selectOption(`${REGIONS}_1_blend_mode`, "Foreground");
    await page.click(`${REGIONS}_region_0`);
    await page.fill(`${REGIONS}_0_prompt`, "a red tower");
    await page.fill(`${REGIONS}_0_seed`, "11");
    await page.locator(`${REGIONS}_0_seed`).blur();
    const boxes = [await boxOf(page, 0), await boxOf(page, 1)];

    // Save the set (a download of {"bbox_controls": [...]}).
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(`${REGIONS}_save`)]);
    const saved = JSON.parse(fs.readFileSync((await download.path())!, "utf8")) as { bbox_controls: Array<Record<string, unknown>> };
    expect(saved.bbox_controls.map((r) => [r.x, r.y, r.w, r.h])).toEqual(boxes);
    expect(saved.bbox_controls.map((r) => r.prompt)).toEqual(["a red tower", "a blue moon"]);

    await page.fill("#txt2img_prompt", "a harbour");
    await setNumbers(page, { txt2img_steps: 2, txt2img_width: 128, txt2img_height: 128 });
    const url = await generateOne(page);
    const infotext = readPngText(await downloadResult(baseUrl, url)).parameters;
    const dict = JSON.parse(/Tiled Diffusion: ("[^\n]*?"), /.exec(`${infotext}, `)![1]) as string;
    const [a, b] = boxes;
    expect(dict).toContain(`'Region 1': {'enable': True, 'x': ${py(a[0])}, 'y': ${py(a[1])}, 'w': ${py(a[2])}, 'h': ${py(a[3])}, 'prompt': 'a red tower', 'neg_prompt': '', 'blend_mode': 'Background', 'feather_ratio': 0.2, 'seed': 11}`);
    expect(dict).toMatch(new RegExp(`'Region 2': \\{'enable': True, 'x': ${py(b[0])}, 'y': ${py(b[1])}, 'w': ${py(b[2])}, 'h': ${py(b[3])}, 'prompt': 'a blue moon', 'neg_prompt': '', 'blend_mode': 'Foreground', 'feather_ratio': 0.2, 'seed': \\d+\\}`.replace(/\./g, "\\.")));

    // Remove both, load the file: the same boxes and fields.
    await page.click(`${REGIONS}_region_1_delete`);
    await page.click(`${REGIONS}_region_0_delete`);
    expect(await page.locator(`${REGIONS}_canvas [data-region-box]`).count()).toBe(0);
    await page.setInputFiles(`${REGIONS}_load`, (await download.path())!);
    await expect.poll(() => page.locator(`${REGIONS}_canvas [data-region-box]`).count()).toBe(2);
    expect([await boxOf(page, 0), await boxOf(page, 1)]).toEqual(boxes);
    await page.click(`${REGIONS}_region_1`);
    expect(await page.inputValue(`${REGIONS}_1_prompt`)).toBe("a blue moon");
    expect(await page.inputValue(`${REGIONS}_1_blend_mode`)).toBe("Foreground");
    await page.close();
  });

  it("pasting an infotext (↙️) restores the accordion: on, method, tiles, region control with its region", { timeout: 300_000 }, async () => {
    const page = await openApp(browser(), baseUrl);
    const dict = "{'Method': 'Mixture of Diffusers', 'Tile tile width': 64, 'Tile tile height': 48, 'Tile Overlap': 16, 'Tile batch size': 2, 'Region control': {'Region 1': {'enable': True, 'x': 0.1, 'y': 0.2, 'w': 0.3, 'h': 0.4, 'prompt': 'a red tower', 'neg_prompt': '', 'blend_mode': 'Background', 'feather_ratio': 0.2, 'seed': 11}}}";
    await page.fill("#txt2img_prompt", `a castle\nSteps: 2, Sampler: Euler, Seed: 5, Size: 256x256, Tiled Diffusion: "${dict}"`);
    await page.click("#txt2img_paste");
    await expect.poll(() => page.isChecked(`${TD}_enabled`)).toBe(true);
    expect(await page.inputValue("#txt2img_prompt")).toBe("a castle");
    await page.click(`${TD}_accordion > summary span`);
    expect(await page.inputValue(`${TD}_method`)).toBe("Mixture of Diffusers");
    expect([await page.inputValue(`${TD}_tile_width`), await page.inputValue(`${TD}_tile_height`), await page.inputValue(`${TD}_overlap`), await page.inputValue(`${TD}_batch_size`)]).toEqual(["64", "48", "16", "2"]);
    expect(await page.isChecked(`${TD}_enable_bbox_control`)).toBe(true);
    await expect.poll(() => page.locator(`${REGIONS}_canvas [data-region-box]`).count()).toBe(1);
    await page.click(`${REGIONS}_region_0`);
    expect(await page.inputValue(`${REGIONS}_0_prompt`)).toBe("a red tower");
    await page.close();
  });
});

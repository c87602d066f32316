// Extension parameters on a real page (the SDK probe's always-on script, tests/e2e/extensions/sdk-probe): an
// A1111-style accordion with the enable box in its header, a repeated group as tabs 1st, 2nd, …, a field shown
// only for one choice, an image drop zone, and regions drawn, dragged and resized with the mouse on a canvas —
// then Generate, and the server's bound arguments (printed by the probe into the infotext) match what the
// canvas shows.
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import sharp from "sharp";
import { readPngText } from "@/lib/images/png-text";
import { downloadResult, generateOne, openApp, setNumber, setNumbers } from "./app-page";
import { sharedBrowser } from "./browser";
import { regionsCanvas } from "./regions-canvas";

const baseUrl = inject("baseUrl");
const browser = sharedBrowser();
const PROBE = "#script_txt2img_sdk_probe";
const REGIONS = `${PROBE}_regions`;

const { boxOf, drag, canvasAt, centreOf, near } = regionsCanvas(REGIONS);

describe("extension parameters in the txt2img tab", () => {
  it("renders the probe as an accordion with tabs, a conditional field, an image drop zone and a regions canvas that binds what it shows", async () => {
    const page = await openApp(browser(), baseUrl);
    await page.setViewportSize({ width: 1400, height: 2400 });
    // The accordion's header holds the enable box; ticking it does not unfold the accordion.
    await page.check(`${PROBE}_enabled`);
    expect(await page.locator(`${PROBE}_accordion`).getAttribute("open")).toBeNull();
    await page.click(`${PROBE}_accordion > summary span`);
    expect(await page.locator(`${PROBE}_accordion`).getAttribute("open")).not.toBeNull();

    // The repeated group: tabs named as ADetailer names them; a third added; the 2nd unit edited.
    expect(await page.locator(`${PROBE}_units [role=tab]`).allTextContents()).toEqual(["1st", "2nd"]);
    await page.click(`${PROBE}_units_add`);
    expect(await page.locator(`${PROBE}_units [role=tab]`).allTextContents()).toEqual(["1st", "2nd", "3rd"]);
    expect(await page.getAttribute(`${PROBE}_units_2_tab`, "aria-selected")).toBe("true");
    await page.click(`${PROBE}_units_1_tab`);
    await page.selectOption(`${PROBE}_units_1_model`, "face");
    await page.click(`${PROBE}_units_0_tab`);
    expect(await page.inputValue(`${PROBE}_units_0_model`)).toBe("None");

    // "Detail" shows only for mode "detailed".
    expect(await page.locator(`${PROBE}_detail`).count()).toBe(0);
    await page.selectOption(`${PROBE}_mode`, "detailed");
    await setNumber(page, `${PROBE.slice(1)}_detail`, 5);

    // The image parameter: a drop zone that shows the picture.
    const picture = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#ff8800" } }).png().toBuffer();
    await page.setInputFiles(`${PROBE}_reference`, { name: "ref.png", mimeType: "image/png", buffer: picture });
    await page.locator(`label[for="${PROBE.slice(1)}_reference"] img`).waitFor();

    // Regions: draw one with the mouse, drag it, resize it by its corner handle.
    expect(await page.locator(`${REGIONS}_canvas [data-region-box]`).count()).toBe(0);
    await drag(page, await canvasAt(page, 0.1, 0.2), { x: 0.3, y: 0.4 });
    near(await boxOf(page, 0), [0.1, 0.2, 0.3, 0.4]);
    await drag(page, await centreOf(page, `${REGIONS}_region_0`), { x: 0.2, y: 0.1 });
    near(await boxOf(page, 0), [0.3, 0.3, 0.3, 0.4]);
    await drag(page, await centreOf(page, `${REGIONS}_region_0_resize`), { x: 0.1, y: -0.2 });
    near(await boxOf(page, 0), [0.3, 0.3, 0.4, 0.2]);
    // Dragged against the edge, it stops there.
    await drag(page, await centreOf(page, `${REGIONS}_region_0`), { x: 0.6, y: 0 });
    near(await boxOf(page, 0), [0.6, 0.3, 0.4, 0.2]);
    // The selected region's fields: its box as numbers, and Feather only for a Foreground region.
    const box = await boxOf(page, 0);
    expect(await Promise.all(["x", "y", "w", "h"].map((k) => page.inputValue(`${REGIONS}_0_${k}`)))).toEqual(box.map(String));
    expect(await page.locator(`${REGIONS}_0_feather`).count()).toBe(0);
    await page.selectOption(`${REGIONS}_0_blend`, "Foreground");
    await page.locator(`${REGIONS}_0_feather`).waitFor();
    // A second region, drawn and deleted again.
    await drag(page, await canvasAt(page, 0.05, 0.7), { x: 0.2, y: 0.2 });
    expect(await page.locator(`${REGIONS}_canvas [data-region-box]`).count()).toBe(2);
    await page.click(`${REGIONS}_region_1_delete`);
    expect(await page.locator(`${REGIONS}_canvas [data-region-box]`).count()).toBe(1);

    // What the server bound is what the page showed.
    await page.fill("#txt2img_prompt", "regions test");
    await setNumbers(page, { txt2img_steps: 2, txt2img_width: 64, txt2img_height: 64 });
    const url = await generateOne(page);
    const infotext = readPngText(await downloadResult(baseUrl, url)).parameters;
    const probe = JSON.parse(/SDK probe: ("[^\n]*?"), /.exec(`${infotext}, `)![1]) as string;
    expect(probe).toContain(`'regions': [[${box.join(", ")}, 'Foreground']]`);
    expect(probe).toContain("'units': ['None', 'face', 'None']");
    expect(probe).toMatch(/'reference': [1-9]\d*/);
    await page.close();
  });
});

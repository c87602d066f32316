// img2img's Sketch and Inpaint sketch sub-tabs (issue 22 item 7): a coloured stroke drawn with the mouse
// is painted into the init image the server receives, and on Inpaint sketch it is the mask as well.
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import sharp from "sharp";
import { drawStroke, generateOne, openApp, setNumbers } from "./app-page";
import { sharedBrowser } from "./browser";

const baseUrl = inject("baseUrl");
const browser = sharedBrowser();
const SIZE: [number, number] = [64, 64];

/** The data URLs of the img2img server action's request (its `initImages` and `mask`), as the page sends them. */
function capturedSubmit(page: Page): () => { initImages: string[]; mask: string | null } {
  let body: string | null = null;
  page.on("request", (request) => {
    const data = request.method() === "POST" && request.headers()["next-action"] ? request.postData() : null;
    if (data?.includes('"initImages"')) body = data;
  });
  return () => {
    expect(body).not.toBeNull();
    const [args] = JSON.parse(body!) as [{ initImages: string[]; mask: string | null }];
    return args;
  };
}

/** RGBA of a data URL's PNG at (x, y). */
async function pixel(dataUrl: string, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(Buffer.from(dataUrl.split(",")[1], "base64")).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  expect([info.width, info.height]).toEqual(SIZE);
  const i = (y * info.width + x) * 4;
  return [...data.subarray(i, i + 4)];
}

async function openWithGrey(tab: "sketch" | "inpaint_sketch"): Promise<Page> {
  const page = await openApp(browser(), baseUrl, "#img2img");
  await page.click(`#img2img_mode_${tab}`);
  const grey = await sharp({ create: { width: SIZE[0], height: SIZE[1], channels: 3, background: "#808080" } }).png().toBuffer();
  await page.setInputFiles(`#img2img_${tab}_image`, { name: "grey.png", mimeType: "image/png", buffer: grey });
  await page.locator(`#img2img_${tab}_canvas`).waitFor();
  await page.fill(`#img2img_${tab}_colour`, "#ff0000");
  await setNumbers(page, { [`img2img_${tab}_brush_size`]: 8, img2img_steps: 2 });
  await drawStroke(page, `#img2img_${tab}_canvas`, [[8, 32], [56, 32]], SIZE);
  return page;
}

describe("img2img Sketch and Inpaint sketch", () => {
  it("Sketch sends the image with the red stroke painted on it and no mask", async () => {
    const page = await openWithGrey("sketch");
    const submitted = capturedSubmit(page);
    await generateOne(page, "img2img");
    const { initImages, mask } = submitted();
    expect(initImages).toHaveLength(1);
    expect(await pixel(initImages[0], 32, 32)).toEqual([255, 0, 0, 255]);
    expect(await pixel(initImages[0], 32, 8)).toEqual([128, 128, 128, 255]);
    expect(mask).toBeNull();
    expect(await page.locator("#img2img_mask_blur").count()).toBe(0); // no inpaint controls on Sketch
    await page.close();
  });

  it("Inpaint sketch sends the stroke both in the image and as the mask", async () => {
    const page = await openWithGrey("inpaint_sketch");
    const submitted = capturedSubmit(page);
    await generateOne(page, "img2img");
    const { initImages, mask } = submitted();
    expect(await pixel(initImages[0], 32, 32)).toEqual([255, 0, 0, 255]);
    expect(await pixel(initImages[0], 32, 8)).toEqual([128, 128, 128, 255]);
    expect(mask).not.toBeNull();
    expect((await pixel(mask!, 32, 32))[3]).toBe(255); // the stroke is masked
    expect((await pixel(mask!, 32, 8))[3]).toBe(0); // away from it nothing is
    expect(await page.locator("#img2img_mask_blur").count()).toBe(1);
    await page.close();
  });
});

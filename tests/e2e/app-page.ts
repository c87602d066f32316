// Page helpers the browser tests share: open the app once React has hydrated it, and commit a
// number box the way a user does.
import { expect } from "vitest";
import type { Browser, Page } from "playwright-core";

export async function openApp(browser: Browser, baseUrl: string, hash = ""): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${baseUrl}/${hash}`);
  // Server-rendered HTML is there before React; clicks only work once React has hydrated the button.
  await page.waitForFunction(() => {
    const button = document.querySelector("#txt2img_generate");
    return button !== null && Object.keys(button).some((k) => k.startsWith("__reactFiber"));
  });
  return page;
}

/** Types into a slider's or seed's number box and commits it by leaving the box. */
export async function setNumber(page: Page, id: string, value: number) {
  await page.fill(`#${id}`, String(value));
  await page.locator(`#${id}`).blur();
  await expect.poll(() => page.inputValue(`#${id}`)).toBe(String(value));
}

/** setNumber for several boxes in turn, in the order given (most tests start with a small, quick picture). */
export async function setNumbers(page: Page, values: Record<string, number>) {
  for (const [id, value] of Object.entries(values)) await setNumber(page, id, value);
}

/** The src of a tab's selected result image, null before the first result (never waits). */
const selectedResult = (page: Page, tab: string) =>
  page.evaluate((id) => document.querySelector(`#${id}_gallery_selected img`)?.getAttribute("src") ?? null, tab);

/** Clicks a tab's Generate ("txt2img", "img2img", "extras") and waits for the job's image; returns its /files/… URL. */
export async function generateOne(page: Page, tab = "txt2img", timeout = 120_000): Promise<string> {
  const before = await selectedResult(page, tab);
  await page.click(`#${tab}_generate`);
  // While the job runs the live preview takes the gallery's place (null): wait for the new result itself.
  await expect.poll(async () => ((src) => src !== null && src !== before)(await selectedResult(page, tab)), { timeout }).toBe(true);
  await expect.poll(() => page.locator(`#${tab}_generate`).count()).toBe(1);
  expect(await page.locator(`#${tab}_error`).count()).toBe(0);
  const src = await selectedResult(page, tab);
  expect(src).toMatch(/^\/files\//);
  return src!;
}

/** A result's PNG as the server saved it, fetched by its /files/… URL. */
export async function downloadResult(baseUrl: string, url: string): Promise<Buffer> {
  const response = await fetch(`${baseUrl}${url}`);
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

/** Drags the mouse over a drawing canvas (the img2img mask and sketch canvases) through points given in image pixels. */
export async function drawStroke(page: Page, canvas: string, points: Array<[number, number]>, imageSize: [number, number]) {
  const box = (await page.locator(canvas).boundingBox())!;
  const screen = ([x, y]: [number, number]) => [box.x + (x * box.width) / imageSize[0], box.y + (y * box.height) / imageSize[1]] as const;
  await page.mouse.move(...screen(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...screen(p), { steps: 8 });
  await page.mouse.up();
}

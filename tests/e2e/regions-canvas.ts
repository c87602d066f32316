// Mouse work on a regions parameter's canvas (app/ui/scripts/regions-field.tsx), shared by the browser tests
// of the SDK's regions kind and of Tiled Diffusion's region prompts. `regions` is the field's id selector.
import type { Page } from "playwright-core";
import { expect } from "vitest";

export function regionsCanvas(regions: string) {
  const canvasBox = async (page: Page) => (await page.locator(`${regions}_canvas`).boundingBox())!;
  return {
    boxOf: async (page: Page, k: number) => (await page.getAttribute(`${regions}_region_${k}`, "data-region-box"))!.split(",").map(Number),
    /** Drags with the mouse from a point by a fraction of the canvas. */
    async drag(page: Page, from: { x: number; y: number }, by: { x: number; y: number }) {
      const canvas = await canvasBox(page);
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(from.x + (by.x * canvas.width) / 2, from.y + (by.y * canvas.height) / 2, { steps: 4 });
      await page.mouse.move(from.x + by.x * canvas.width, from.y + by.y * canvas.height, { steps: 4 });
      await page.mouse.up();
    },
    async canvasAt(page: Page, fx: number, fy: number) {
      const canvas = await canvasBox(page);
      return { x: canvas.x + fx * canvas.width, y: canvas.y + fy * canvas.height };
    },
    async centreOf(page: Page, selector: string) {
      const box = (await page.locator(selector).boundingBox())!;
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    },
    near: (actual: number[], expected: number[]) => actual.forEach((v, i) => expect(v, `coordinate ${i} of [${actual}]`).toBeCloseTo(expected[i], 2)),
  };
}

// What A1111's two outpainting scripts share (docs/builtin-scripts.md#outpainting): the sides to grow, read
// from the "Outpainting direction" checkbox group as Python's `"left" in direction`; the canvas, whose size
// is rounded up to multiples of 64 with the extra pixels split between opposite sides in proportion; and
// PIL's filled rectangles that draw the masks.
import type { GrayImage } from "@/lib/images/pixel-image";
import { pythonContains } from "@/lib/python/membership";

export const DIRECTIONS = ["left", "right", "up", "down"] as const;
export type Direction = (typeof DIRECTIONS)[number];
export type Sides = Record<Direction, number>;

/** "Pixels to expand", as both scripts declare it. */
export const PIXELS_PARAM = { name: "pixels", type: "int", default: 128, min: 8, max: 256, step: 8, label: "Pixels to expand" } as const;

/** The four direction checkboxes as script parameters (one titled row in the UI). */
export const DIRECTION_PARAMS = DIRECTIONS.map((name) => ({ name, type: "bool" as const, default: true, group: "Outpainting direction", label: name }));

/** A1111's positional `direction` (a list of names, or a string tested by substring) as the four booleans; throws for anything else. */
export function directionArgs(direction: unknown): Partial<Record<Direction, boolean>> {
  if (direction === undefined) return {};
  const entries = DIRECTIONS.map((name) => [name, pythonContains(direction, name)] as const);
  if (entries.some(([, v]) => v === null)) throw new Error(`direction must be a list of sides (left, right, up, down), got ${JSON.stringify(direction)}`);
  return Object.fromEntries(entries);
}

export interface Expansion extends Sides {
  /** The canvas: the picture plus the grown sides, a multiple of 64 on each axis. */
  width: number;
  height: number;
}

/**
 * The canvas for growing a `width` × `height` picture by `pixels` on the chosen sides: each axis rounds
 * up to a multiple of 64; the first side takes its share `side·extra // (both sides)`, the second the rest.
 */
export function outpaintExpansion(width: number, height: number, pixels: number, chosen: Record<Direction, boolean>): Expansion {
  const s: Sides = { left: 0, right: 0, up: 0, down: 0 };
  for (const d of DIRECTIONS) s[d] = chosen[d] ? pixels : 0;
  const targetW = Math.ceil((width + s.left + s.right) / 64) * 64;
  const targetH = Math.ceil((height + s.up + s.down) / 64) * 64;
  if (s.left > 0) s.left = Math.floor((s.left * (targetW - width)) / (s.left + s.right));
  if (s.right > 0) s.right = targetW - width - s.left;
  if (s.up > 0) s.up = Math.floor((s.up * (targetH - height)) / (s.up + s.down));
  if (s.down > 0) s.down = targetH - height - s.up;
  return { ...s, width: targetW, height: targetH };
}

/** PIL's ImageDraw.rectangle((x0, y0, x1, y1), fill): both corners included, clipped to the image. */
export function fillRectangle(img: GrayImage, x0: number, y0: number, x1: number, y1: number, value: number): GrayImage {
  for (let y = Math.max(0, y0); y <= Math.min(img.height - 1, y1); y++) {
    for (let x = Math.max(0, x0); x <= Math.min(img.width - 1, x1); x++) img.data[y * img.width + x] = value;
  }
  return img;
}

/** A white ("repaint everything") mask. */
export const whiteMask = (width: number, height: number): GrayImage => ({ width, height, data: new Uint8Array(width * height).fill(255) });

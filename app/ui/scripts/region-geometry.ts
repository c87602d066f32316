// The geometry of the regions editor (lib/scripts/script.ts RegionsParam): boxes in fractions of the canvas,
// drawn, moved and resized with the pointer, always kept inside the canvas, rounded to 4 decimals as Tiled
// Diffusion stores its region coordinates.
import type { NumberParam, RegionBox } from "@/lib/scripts/script";

export interface Point {
  x: number;
  y: number;
}

/** Boxes smaller than this (in canvas fractions) on either side are clicks, not drawings. */
export const MIN_REGION_SIDE = 0.01;

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
export const round4 = (v: number) => Math.round(v * 10_000) / 10_000;

function rounded(box: RegionBox): RegionBox {
  return { x: round4(box.x), y: round4(box.y), w: round4(box.w), h: round4(box.h) };
}

/** A pointer position as a fraction of the canvas element's rectangle, clamped to it. */
export function canvasPoint(clientX: number, clientY: number, rect: { left: number; top: number; width: number; height: number }): Point {
  return { x: clamp01((clientX - rect.left) / rect.width), y: clamp01((clientY - rect.top) / rect.height) };
}

/** The box spanned by a drag from `a` to `b`, whichever way it went. */
export function boxFromDrag(a: Point, b: Point): RegionBox {
  return rounded({ x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(b.x - a.x), h: Math.abs(b.y - a.y) });
}

/** `box` moved by (dx, dy), stopped at the canvas edges. */
export function moveBox(box: RegionBox, dx: number, dy: number): RegionBox {
  return rounded({ ...box, x: Math.min(1 - box.w, Math.max(0, box.x + dx)), y: Math.min(1 - box.h, Math.max(0, box.y + dy)) });
}

/** `box` with its bottom-right corner dragged to `p` (top-left fixed), at least MIN_REGION_SIDE on each side. */
export function resizeBox(box: RegionBox, p: Point): RegionBox {
  return rounded({ ...box, w: Math.max(MIN_REGION_SIDE, p.x - box.x), h: Math.max(MIN_REGION_SIDE, p.y - box.y) });
}

/** A region's box as fields beside its own: sliders from 0 to 1 in steps of 0.0001, as Tiled Diffusion's x, y, w, h. */
export const REGION_BOX_PARAMS: readonly NumberParam[] = (["x", "y", "w", "h"] as const).map((name) => ({ name, type: "number", default: 0, min: 0, max: 1, step: 0.0001, group: "Box" }));

export const isDrawnBox = (box: RegionBox) => box.w >= MIN_REGION_SIDE && box.h >= MIN_REGION_SIDE;

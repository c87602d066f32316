// The regions editor's geometry (docs/extensions.md#parameters): pointer positions to canvas fractions,
// drawn boxes in either direction, moves and resizes that stay inside the canvas, 4-decimal coordinates.
import { describe, expect, it } from "vitest";
import { boxFromDrag, canvasPoint, isDrawnBox, moveBox, resizeBox } from "@/app/ui/scripts/region-geometry";
import { isParamVisible, newRegion } from "@/app/ui/scripts/scripts-form";
import { ordinal } from "@/lib/scripts/repeat-units";
import type { ParamSpec, RegionsParam } from "@/lib/scripts/script";

const rect = { left: 100, top: 50, width: 400, height: 200 };

describe("region geometry", () => {
  it("maps pointer positions to fractions of the canvas, clamped to it", () => {
    expect(canvasPoint(200, 100, rect)).toEqual({ x: 0.25, y: 0.25 });
    expect(canvasPoint(0, 400, rect)).toEqual({ x: 0, y: 1 });
  });

  it("draws a box from a drag in any direction, rounded to 4 decimals; a click is no box", () => {
    expect(boxFromDrag({ x: 0.6, y: 0.5 }, { x: 0.1, y: 0.2 })).toEqual({ x: 0.1, y: 0.2, w: 0.5, h: 0.3 });
    expect(boxFromDrag({ x: 1 / 3, y: 0 }, { x: 2 / 3, y: 0.5 })).toEqual({ x: 0.3333, y: 0, w: 0.3333, h: 0.5 });
    expect(isDrawnBox(boxFromDrag({ x: 0.5, y: 0.5 }, { x: 0.502, y: 0.7 }))).toBe(false);
  });

  it("moves a box and stops it at the edges; resizes from the top-left corner, never below the minimum", () => {
    const box = { x: 0.4, y: 0.4, w: 0.2, h: 0.2 };
    expect(moveBox(box, 0.1, -0.1)).toEqual({ x: 0.5, y: 0.3, w: 0.2, h: 0.2 });
    expect(moveBox(box, 0.9, -0.9)).toEqual({ x: 0.8, y: 0, w: 0.2, h: 0.2 });
    expect(resizeBox(box, { x: 0.9, y: 0.5 })).toEqual({ x: 0.4, y: 0.4, w: 0.5, h: 0.1 });
    expect(resizeBox(box, { x: 0.1, y: 0.1 })).toEqual({ x: 0.4, y: 0.4, w: 0.01, h: 0.01 });
  });
});

describe("parameter helpers", () => {
  it("names repeated units as ADetailer's tabs", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal)).toEqual(["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"]);
  });

  it("shows a parameter only while its condition holds", () => {
    const feather: ParamSpec = { name: "feather", type: "number", default: 0.2, visibleWhen: { param: "blend", is: "Foreground" } };
    const width: ParamSpec = { name: "width", type: "int", default: 64, visibleWhen: { param: "seams", is: ["Band pass", "Half tile"] } };
    expect(isParamVisible(feather, { blend: "Foreground" })).toBe(true);
    expect(isParamVisible(feather, { blend: "Background" })).toBe(false);
    expect([isParamVisible(width, { seams: "Half tile" }), isParamVisible(width, { seams: "None" })]).toEqual([true, false]);
    expect(isParamVisible({ name: "plain", type: "bool", default: false }, {})).toBe(true);
  });

  it("starts a new region at its box (or the default box) with its fields' defaults", () => {
    const regions: RegionsParam = { name: "r", type: "regions", params: [{ name: "prompt", type: "string", default: "sky" }] };
    expect(newRegion(regions)).toEqual({ x: 0.4, y: 0.4, w: 0.2, h: 0.2, prompt: "sky" });
    expect(newRegion(regions, { x: 0, y: 0, w: 1, h: 0.5 })).toEqual({ x: 0, y: 0, w: 1, h: 0.5, prompt: "sky" });
  });
});

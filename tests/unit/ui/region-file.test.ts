// Saving and loading a regions parameter's set as JSON (Tiled Diffusion's `{"bbox_controls": […]}` files).
import { describe, expect, it } from "vitest";
import { regionsFromFile, regionsToFile } from "@/app/ui/scripts/region-file";
import type { RegionsParam } from "@/lib/scripts/script";

const param: RegionsParam = {
  name: "bbox_controls",
  type: "regions",
  maxCount: 2,
  params: [
    { name: "enable", type: "bool", default: true },
    { name: "prompt", type: "string", default: "" },
    { name: "blend_mode", type: "choice", choices: ["Background", "Foreground"], default: "Background" },
    { name: "seed", type: "int", default: -1 },
  ],
};

describe("region files", () => {
  it("round-trips a set under the parameter's name", () => {
    const regions = [
      { x: 0.1, y: 0.2, w: 0.3, h: 0.4, enable: true, prompt: "a cat", blend_mode: "Foreground", seed: 5 },
      { x: 0.5, y: 0.5, w: 0.25, h: 0.25, enable: false, prompt: "", blend_mode: "Background", seed: -1 },
    ];
    const text = regionsToFile(param, regions);
    expect(Object.keys(JSON.parse(text))).toEqual(["bbox_controls"]);
    expect(regionsFromFile(param, text)).toEqual(regions);
  });

  it("reads the extension's own entries: unknown keys dropped, wrong types defaulted, boxes clamped and rounded, at most maxCount", () => {
    const file = JSON.stringify({
      bbox_controls: [
        { enable: true, x: 1.2, y: -0.1, w: 0.123456, h: 0.5, prompt: 7, neg_prompt: "x", blend_mode: "Sideways", feather_ratio: 0.2, seed: 3 },
        { x: 0.4 },
        { x: 0.9 },
      ],
    });
    expect(regionsFromFile(param, file)).toEqual([
      { x: 1, y: 0, w: 0.1235, h: 0.5, enable: true, prompt: "", blend_mode: "Background", seed: 3 },
      { x: 0.4, y: 0.4, w: 0.2, h: 0.2, enable: true, prompt: "", blend_mode: "Background", seed: -1 },
    ]);
  });

  it("says why a file holds no regions", () => {
    expect(regionsFromFile(param, "{")).toBe("not a JSON file");
    expect(regionsFromFile(param, JSON.stringify({ regions: [] }))).toBe('no "bbox_controls" list in the file');
    expect(regionsFromFile(param, JSON.stringify([{ x: 0.1 }]))).toHaveLength(1);
  });
});

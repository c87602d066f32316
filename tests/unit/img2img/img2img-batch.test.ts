// img2img Batch (docs/ui.md#img2img-batch): masks paired by file name, and "PNG info" appending the
// prompts and replacing seed, CFG scale, sampler and steps only for the chosen fields.
import { describe, expect, it } from "vitest";
import { pairMasks, withPngInfo } from "@/lib/pipeline/img2img-batch";

const bytes = (n: number) => new Uint8Array([n]);
const tab = { prompt: "oil painting", negativePrompt: "", seed: -1, cfgScale: 7, samplerName: "DPM++ 2M", steps: 20, width: 64 };

describe("pairMasks", () => {
  it("takes the mask with the input's name whatever its extension and skips an input without one", () => {
    const items = pairMasks(
      [
        { name: "a.png", data: bytes(1) },
        { name: "b.jpg", data: bytes(2) },
        { name: "c.png", data: bytes(3) },
      ],
      [
        { name: "a.webp", data: bytes(11) },
        { name: "b.png", data: bytes(12) },
      ],
    );
    expect(items.map((i) => [i.name, i.image[0], i.mask?.[0]])).toEqual([
      ["a.png", 1, 11],
      ["b.jpg", 2, 12],
    ]);
  });

  it("uses a lone mask for every input, and none without a mask folder", () => {
    const images = [
      { name: "a.png", data: bytes(1) },
      { name: "b.png", data: bytes(2) },
    ];
    expect(pairMasks(images, [{ name: "mask.png", data: bytes(9) }]).map((i) => i.mask?.[0])).toEqual([9, 9]);
    expect(pairMasks(images, null).map((i) => i.mask)).toEqual([null, null]);
  });
});

describe("withPngInfo", () => {
  const infotext = { Prompt: "a kettle", "Negative prompt": "blurry", Seed: "5", "CFG scale": "4.5", Sampler: "Euler", Steps: "3" };

  it("appends the prompts and replaces the other chosen fields", () => {
    expect(withPngInfo(tab, infotext, ["Prompt", "Negative prompt", "Seed", "CFG scale", "Sampler", "Steps"])).toEqual({
      ...tab,
      prompt: "oil painting a kettle",
      negativePrompt: "blurry",
      seed: 5,
      cfgScale: 4.5,
      samplerName: "Euler",
      steps: 3,
    });
  });

  it("keeps the tab's values for fields not chosen, missing, or not numbers", () => {
    expect(withPngInfo(tab, infotext, ["Seed"])).toEqual({ ...tab, seed: 5 });
    expect(withPngInfo(tab, { Seed: "abc" }, ["Seed", "Prompt", "Steps"])).toEqual(tab);
  });
});

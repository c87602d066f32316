// Axis semantics of docs/a1111/xyz-plot.md#axis-types, docs/a1111/xyz-plot.md#running-the-cells; expected prompts derived by hand from the rules in docs/a1111/xyz-plot.md#prompt-sr-and-prompt-order.
import { describe, expect, it } from "vitest";
import { AXES, axesForTab, axisValues, cellIndex, cellRunOrder, fixAxisSeeds, loopOrder, seedOffset, type AxisTarget, type XyzAxis } from "@/lib/scripts/xyz-plot";

const base: AxisTarget = {
  prompt: "a cat, red hat, in the snow",
  negativePrompt: "blurry cat",
  samplerName: "Euler a",
  scheduler: "Automatic",
  steps: 20,
  cfgScale: 7,
  width: 512,
  height: 512,
  seed: 1,
  subseed: -1,
  subseedStrength: 0,
  overrideSettings: {},
};
const env = { checkpoints: ["sd15-onnx", "dreamshaper-onnx"] };
const byLabel = (label: string): XyzAxis => AXES.find((a) => a.label === label)!;

describe("Prompt S/R", () => {
  const sr = byLabel("Prompt S/R");
  it("replaces every occurrence of the first value in both prompts; the first cell is unchanged", () => {
    const values = axisValues(sr, "cat, dog, bird", env);
    expect(values).toEqual(["cat", "dog", "bird"]);
    expect(sr.apply(base, "cat", values)).toEqual(base);
    const dog = sr.apply(base, "dog", values);
    expect(dog.prompt).toBe("a dog, red hat, in the snow");
    expect(dog.negativePrompt).toBe("blurry dog");
    expect(sr.legend("dog")).toBe("dog");
  });
  it("fails when the search string is in neither prompt", () => {
    expect(() => sr.apply(base, "x", ["zebra", "x"])).toThrow("Prompt S/R did not find zebra in prompt or negative prompt.");
  });
  it("an empty search string matches everywhere, as Python's str.replace does", () => {
    expect(sr.apply({ ...base, prompt: "ab", negativePrompt: "" }, "-", ["", "-"]).prompt).toBe("-a-b-");
  });
});

describe("Prompt order", () => {
  const order = byLabel("Prompt order");
  it("gives every permutation in itertools order and rebuilds the prompt around the tokens", () => {
    const values = axisValues(order, "cat, hat, snow", env);
    expect(values).toEqual([
      ["cat", "hat", "snow"],
      ["cat", "snow", "hat"],
      ["hat", "cat", "snow"],
      ["hat", "snow", "cat"],
      ["snow", "cat", "hat"],
      ["snow", "hat", "cat"],
    ]);
    expect(order.apply(base, ["snow", "cat", "hat"], values).prompt).toBe("a snow, red cat, in the hat");
    expect(order.apply(base, ["cat", "hat", "snow"], values).prompt).toBe(base.prompt);
    expect(order.legend(["snow", "cat", "hat"])).toBe("snow, cat, hat");
  });
  it("tokens listed out of prompt order are cut by first occurrence", () => {
    // Cut order is hat, snow (by position); re-inserted as the permutation says.
    expect(order.apply({ ...base, prompt: "hat then snow" }, ["snow", "hat"], []).prompt).toBe("snow then hat");
  });
});

describe("field and setting axes", () => {
  it("Seed, Steps, CFG, Size and Clip skip set what docs/a1111/xyz-plot.md#axis-types says", () => {
    expect(byLabel("Seed").apply(base, 42, []).seed).toBe(42);
    expect(byLabel("Steps").apply(base, 30, []).steps).toBe(30);
    expect(byLabel("CFG Scale").apply(base, 4.5, []).cfgScale).toBe(4.5);
    expect(byLabel("Size").apply(base, "768x640", [])).toMatchObject({ width: 768, height: 640 });
    expect(byLabel("Size").apply(base, "big", [])).toEqual(base);
    expect(byLabel("Clip skip").apply(base, 2, []).overrideSettings).toEqual({ CLIP_stop_at_last_layers: 2 });
    expect(base.overrideSettings).toEqual({}); // pure: the input is untouched
  });
  it("UniPC order is capped at steps − 1; boolean overrides take exactly 'true'", () => {
    expect(byLabel("UniPC Order").apply({ ...base, steps: 3 }, 5, []).overrideSettings).toEqual({ uni_pc_order: 2 });
    expect(byLabel("SGM noise multiplier").apply(base, "TRUE", []).overrideSettings).toEqual({ sgm_noise_multiplier: true });
    expect(byLabel("SGM noise multiplier").apply(base, "yes", []).overrideSettings).toEqual({ sgm_noise_multiplier: false });
  });
  it("legends: label and Python str, floats rounded to 8 decimals, bare sampler, checkpoint base name", () => {
    expect(byLabel("CFG Scale").legend(7)).toBe("CFG Scale: 7.0");
    expect(byLabel("CFG Scale").legend(0.30000000000000004)).toBe("CFG Scale: 0.3");
    expect(byLabel("Steps").legend(20)).toBe("Steps: 20");
    expect(byLabel("Sampler").legend("Euler")).toBe("Euler");
    expect(byLabel("Checkpoint name").legend("sub/dir/model")).toBe("model");
    expect(byLabel("Nothing").legend(0)).toBe("");
  });
  it("validates sampler and checkpoint names before running", () => {
    expect(axisValues(byLabel("Sampler"), "euler a, DPM++ 2M", env)).toEqual(["euler a", "DPM++ 2M"]);
    expect(() => axisValues(byLabel("Sampler"), "Euler, Nope", env)).toThrow("Unknown sampler: Nope");
    expect(() => axisValues(byLabel("Checkpoint name"), "missing", env)).toThrow("Unknown checkpoint: missing");
    expect(axisValues(byLabel("Checkpoint name"), "", env, ["dreamshaper-onnx"])).toEqual(["dreamshaper-onnx"]);
  });
  it("Nothing has the single value 0; hires steps only on txt2img; registered axes append", () => {
    expect(axisValues(byLabel("Nothing"), "anything", env)).toEqual([0]);
    expect(axesForTab("img2img").some((a) => a.label === "Hires steps")).toBe(false);
    const extra = { ...byLabel("Steps"), label: "[ADetailer] Steps" };
    expect(axesForTab("txt2img", [extra]).at(-1)!.label).toBe("[ADetailer] Steps");
  });
});

describe("cell order", () => {
  it("Z outermost and X innermost when costs tie", () => {
    expect(loopOrder({ x: 0, y: 0, z: 0 })).toEqual(["z", "y", "x"]);
    expect(cellRunOrder({ x: 2, y: 2, z: 1 }, { x: 0, y: 0, z: 0 })).toEqual([
      { ix: 0, iy: 0, iz: 0 },
      { ix: 1, iy: 0, iz: 0 },
      { ix: 0, iy: 1, iz: 0 },
      { ix: 1, iy: 1, iz: 0 },
    ]);
  });
  it("a checkpoint axis on X becomes the outer loop: one switch per checkpoint", () => {
    expect(loopOrder({ x: 1, y: 0, z: 0 })).toEqual(["x", "z", "y"]);
    const cells = cellRunOrder({ x: 2, y: 3, z: 1 }, { x: 1, y: 0, z: 0 });
    const switches = cells.filter((c, i) => i > 0 && c.ix !== cells[i - 1].ix).length;
    expect(switches).toBe(1);
    expect(cells.map((c) => cellIndex(c, 2, 3))).toEqual([0, 2, 4, 1, 3, 5]);
  });
  it("follows A1111's tie-breaks for the second loop", () => {
    expect(loopOrder({ x: 0, y: 1, z: 0 })).toEqual(["y", "z", "x"]);
    expect(loopOrder({ x: 0.5, y: 1, z: 0 })).toEqual(["y", "x", "z"]);
    expect(loopOrder({ x: 1, y: 1, z: 0 })).toEqual(["z", "y", "x"]);
    expect(loopOrder({ x: 0.7, y: 0, z: 1 })).toEqual(["z", "x", "y"]);
  });
});

describe("seeds", () => {
  it("replaces -1 on seed axes only", () => {
    const random = () => 0.5;
    expect(fixAxisSeeds("Seed", [-1, 5], random)).toEqual([2147483647, 5]);
    expect(fixAxisSeeds("Steps", [-1, 5], random)).toEqual([-1, 5]);
  });
  it("vary seeds offsets by ix, iy·nx, iz·nx·ny along varied axes", () => {
    expect(seedOffset(1, 2, 3, { x: 4, y: 5 }, { x: true, y: true, z: true })).toBe(1 + 2 * 4 + 3 * 20);
    expect(seedOffset(1, 2, 3, { x: 4, y: 5 }, { x: false, y: true, z: false })).toBe(2);
    expect(seedOffset(1, 2, 3, { x: 4, y: 5 }, { x: false, y: false, z: true })).toBe(3);
  });
});

// A1111's built-in selectable scripts clients call by name: Prompt matrix, Prompts from file or
// textbox, Loopback — their argument handling from A1111's code, then real jobs on the fixture model.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { useTempJobFolders } from "../temp-job-folders";
import { parseGenerationParameters } from "@/lib/infotext/parser";
import { img2imgParamsSchema } from "@/lib/pipeline/img2img-params";
import { runImg2img } from "@/lib/pipeline/run-job";
import { generationParamsSchema, type GenerationInput } from "@/lib/pipeline/params";
import { runTxt2img } from "@/lib/pipeline/run-job";
import { apiScriptList } from "@/lib/api/scripts";
import { JobProgress } from "@/lib/queue/job-progress";
import { loopbackStrength } from "@/lib/scripts/loopback";
import { promptMatrixLabels, promptMatrixPrompts } from "@/lib/scripts/prompt-matrix";
import { parsePromptLine, promptLines } from "@/lib/scripts/prompts-from-file";
import { shlexSplit } from "@/lib/python/shlex";

useTempJobFolders("builtin-scripts");

const txt = (input: GenerationInput) => generationParamsSchema.parse({ prompt: "a castle", width: 64, height: 64, seed: 7, steps: 2, samplerName: "Euler", saveImages: false, ...input });
const fields = (infotext: string) => parseGenerationParameters(infotext);

describe("the script lists", () => {
  it("offer A1111's built-in scripts by their lower-cased titles", async () => {
    const lists = await apiScriptList();
    expect(lists.txt2img).toEqual(expect.arrayContaining(["prompt matrix", "prompts from file or textbox", "x/y/z plot"]));
    expect(lists.img2img).toEqual(expect.arrayContaining(["loopback", "prompt matrix", "prompts from file or textbox", "x/y/z plot"]));
    expect(lists.txt2img).not.toContain("loopback");
  });
});

describe("Prompt matrix", () => {
  it("makes every combination of the | parts in A1111's bit order", () => {
    expect(promptMatrixPrompts("a cat|red, | wearing a hat", false, ", ")).toEqual(["a cat", "a cat, red", "a cat,  wearing a hat".replace(",  ", ", "), "a cat, red, wearing a hat"]);
    expect(promptMatrixPrompts("cat|red|hat", true, " ")).toEqual(["cat", "red cat", "hat cat", "red hat cat"]);
    expect(promptMatrixPrompts("just one", false, ", ")).toEqual(["just one"]);
  });

  it("labels columns with the first half of the parts and rows with the rest, inactive where left out", () => {
    const { columns, rows } = promptMatrixLabels("a|b|c|d");
    expect(columns).toHaveLength(4);
    expect(rows).toHaveLength(2);
    expect(columns[2]).toEqual([{ text: "b", active: false }, { text: "c", active: true }]);
    expect(rows[1]).toEqual([{ text: "d", active: true }]);
  });

  it("runs one image per combination with the same seed and a 2×2 grid first", async () => {
    const result = await runTxt2img(txt({ prompt: "a castle|red|tall", scriptName: "Prompt matrix", scriptArgs: [false, false, "positive", "comma", 0] }), new JobProgress("pm"));
    const [grid, ...images] = result.images;
    expect(images.map((i) => fields(i.infotext).Prompt)).toEqual(["a castle", "a castle, red", "a castle, tall", "a castle, red, tall"]);
    expect(images.map((i) => fields(i.infotext).Seed)).toEqual(["7", "7", "7", "7"]);
    expect((await sharp(grid.png).metadata()).width).toBeGreaterThan(2 * 64);
    expect(result.info).toMatchObject({ index_of_first_image: 1 });
    expect(result.info.infotexts).toHaveLength(5);
  });
});

describe("Prompts from file or textbox", () => {
  it("splits lines as Python's shlex does", () => {
    expect(shlexSplit(`--prompt "a cat" sitting --steps 5 'single quoted' back\\ slash`)).toEqual(["--prompt", "a cat", "sitting", "--steps", "5", "single quoted", "back slash"]);
    expect(() => shlexSplit(`--prompt "open`)).toThrow(/No closing quotation/);
  });

  it("reads A1111's options, and takes a line that does not parse as the prompt", () => {
    expect(parsePromptLine(`--prompt "a cat" sitting --negative_prompt blurry --steps 5 --cfg_scale 4.5 --sampler_name euler --tiling true`)).toEqual({
      prompt: "a cat sitting", negative_prompt: "blurry", steps: 5, cfg_scale: 4.5, sampler_name: "Euler", tiling: true,
    });
    expect(promptLines("plain prompt\n\n  --steps x  \n--nope 1\n--seed 12")).toEqual([{ prompt: "plain prompt" }, { prompt: "--steps x" }, { prompt: "--nope 1" }, { seed: 12 }]);
  });

  it("runs one job per line; a line's prompt goes before the tab's", async () => {
    const result = await runTxt2img(txt({ prompt: "oil painting", scriptName: "Prompts from file or textbox", scriptArgs: [true, false, "start", "a fox\n--prompt a boat --steps 3"] }), new JobProgress("pff"));
    expect(result.images.map((i) => [fields(i.infotext).Prompt, fields(i.infotext).Steps, fields(i.infotext).Seed])).toEqual([["a fox oil painting", "2", "7"], ["a boat oil painting", "3", "8"]]);
  });
});

describe("Loopback", () => {
  it("moves the denoising strength along A1111's curves", () => {
    expect(loopbackStrength(0, 4, 0.8, 0.2, "Linear")).toBeCloseTo(0.8, 12);
    expect(loopbackStrength(2, 4, 0.8, 0.2, "Linear")).toBeCloseTo(0.8 - 0.6 * (2 / 3), 12);
    expect(loopbackStrength(1, 3, 0.8, 0.2, "Aggressive")).toBeCloseTo(0.8 - 0.6 * Math.sin(Math.PI / 4), 12);
    expect(loopbackStrength(1, 3, 0.8, 0.2, "Lazy")).toBeCloseTo(0.8 - 0.6 * (1 - Math.cos(Math.PI / 4)), 12);
    expect(loopbackStrength(0, 1, 0.8, 0.2, "Linear")).toBe(0.8);
  });

  it("feeds each result into the next loop with seed + 1 and shows a one-row grid first", async () => {
    const init = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#4080c0" } }).png().toBuffer();
    const params = img2imgParamsSchema.parse({ initImages: [init], prompt: "a lake", width: 64, height: 64, seed: 3, steps: 4, samplerName: "Euler", denoisingStrength: 0.6, saveImages: false, scriptName: "Loopback", scriptArgs: [3, 0.3, "Linear", "None"] });
    const result = await runImg2img(params, new JobProgress("loop"));
    const [grid, ...loops] = result.images;
    expect(loops).toHaveLength(3);
    expect(loops.map((i) => fields(i.infotext).Seed)).toEqual(["3", "4", "5"]);
    expect(loops.map((i) => Number(fields(i.infotext)["Denoising strength"]))).toEqual([0.6, 0.44999999999999996, 0.3].map((d) => expect.closeTo(d, 6)));
    expect(fields(loops[0].infotext)).toMatchObject({ "Final denoising strength": "0.3", "Denoising curve": "Linear" });
    expect([grid.width, grid.height]).toEqual([3 * 64, 64]);
    expect(result.info).toMatchObject({ seed: 3, index_of_first_image: 1 });
  });
});

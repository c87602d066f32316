// The X/Y/Z plot as a selectable script in a real txt2img job: a 3×2 Steps × Sampler plot on the
// fixture model gives a labelled grid of the right size, cells equal to the same jobs run alone,
// the axis fields in the infotext, and the grid saved as xyz_grid-NNNN-<seed>.png.
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, expect, it } from "vitest";
import { useTempJobFolders } from "../temp-job-folders";
import { readPngText } from "@/lib/images/png-text";
import { parseGenerationParameters } from "@/lib/infotext/parser";
import { generationParamsSchema, type GenerationInput } from "@/lib/pipeline/params";
import { runTxt2img } from "@/lib/pipeline/run-job";
import { JobProgress } from "@/lib/queue/job-progress";
import { annotationFontSize } from "@/lib/images/grid-annotation";

const root = useTempJobFolders("xyz", { EXTENSIONS_DIR: "extensions" });

// An extension that registers an axis of its own at load time (register(api)), as ADetailer does.
const AXIS_EXTENSION = `
export function register(api) {
  api.registerXyzAxis({
    label: "[Test] CFG", type: "float", tabs: ["txt2img"], cost: 0,
    apply: (p, v) => ({ ...p, cfgScale: Number(v) }),
    legend: (v) => "[Test] CFG: " + v,
  });
}
`;

beforeAll(() => {
  const dir = path.join(root(), "extensions", "test-axis");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "extension.json"), JSON.stringify({ name: "test-axis", version: "1.0.0", entry: "index.mjs" }));
  fs.writeFileSync(path.join(dir, "index.mjs"), AXIS_EXTENSION);
});

const base = (input: GenerationInput) => generationParamsSchema.parse({ prompt: "a castle", width: 64, height: 64, seed: 5, steps: 3, ...input });

it("builds a labelled 3×2 Steps × Sampler grid whose cells are the jobs run alone", async () => {
  const progress = new JobProgress("xyz");
  const result = await runTxt2img(
    base({
      saveImages: true,
      scriptName: "X/Y/Z plot",
      scriptArgs: { x_type: "Steps", x_values: "2-4", y_type: "Sampler", y_values: "Euler, DDIM", include_lone_images: true },
    }),
    progress,
  );
  // One progress over all six cells' batches, not six progress bars that start again at 0.
  expect([progress.jobCount, progress.jobNo, progress.job]).toEqual([6, 6, "Batch 6 out of 6"]);
  const [grid, ...cells] = result.images;
  expect(cells).toHaveLength(6);
  // Row labels take 3/4 of a cell on the left; the header band is measured text plus 2 line spacings.
  expect(grid.width).toBe(3 * 64 + 48);
  const { lineSpacing } = annotationFontSize(64, 64);
  expect(grid.height).toBeGreaterThan(2 * 64 + 2 * lineSpacing);
  expect(grid.height).toBeLessThan(2 * 64 + 64);
  expect((await sharp(grid.png).metadata()).width).toBe(grid.width);

  const fields = parseGenerationParameters(grid.infotext);
  expect(fields).toMatchObject({ Script: "X/Y/Z plot", "X Type": "Steps", "X Values": "2-4", "Y Type": "Sampler", "Y Values": "Euler, DDIM", Seed: "5" });
  expect(grid.savedPath).toMatch(/^txt2img-grids\/\d{4}-\d{2}-\d{2}\/xyz_grid-\d{4}-5\.png$/);
  const file = fs.readFileSync(path.join(process.env.OUTPUTS_DIR!, grid.savedPath!));
  expect(readPngText(file).parameters).toBe(grid.infotext);

  // The info is the first cell's, with one entry per returned image (grid first).
  expect(result.info).toMatchObject({ steps: 2, sampler_name: "Euler", seed: 5, index_of_first_image: 1, sd_model_name: expect.any(String), clip_skip: 1 });
  expect(result.info.all_seeds).toEqual(new Array(7).fill(5));
  expect(result.info.infotexts).toHaveLength(7);
  for (const key of ["prompt", "all_prompts", "negative_prompt", "all_negative_prompts", "subseed", "all_subseeds", "width", "height", "cfg_scale", "batch_size", "restore_faces", "job_timestamp", "version", "extra_generation_params", "is_using_inpainting_conditioning"]) {
    expect(result.info, key).toHaveProperty(key);
  }
  expect(result.info).not.toHaveProperty("hello_unet_calls");

  // Cell (x = 4 steps, y = DDIM) is index 2 + 1·3 = 5, and equals that job run on its own.
  const alone = await runTxt2img(base({ steps: 4, samplerName: "DDIM", saveImages: false }), new JobProgress("alone"));
  expect(parseGenerationParameters(cells[5].infotext)).toMatchObject({ Steps: "4", Sampler: "DDIM" });
  const a = await sharp(cells[5].png).raw().toBuffer();
  const b = await sharp(alone.images[0].png).raw().toBuffer();
  expect(a.equals(b)).toBe(true);
});

it("offers axes that extensions register", async () => {
  const result = await runTxt2img(
    base({ saveImages: false, scriptName: "X/Y/Z plot", scriptArgs: { x_type: "[Test] CFG", x_values: "3, 9", include_lone_images: true } }),
    new JobProgress("ext-axis"),
  );
  expect(result.images.slice(1).map((i) => parseGenerationParameters(i.infotext)["CFG scale"])).toEqual(["3", "9"]);
  expect(parseGenerationParameters(result.images[0].infotext)).toMatchObject({ "X Type": "[Test] CFG", "X Values": "3, 9" });
});

it("rejects an unknown script and bad axis values before running any cell", async () => {
  await expect(runTxt2img(base({ scriptName: "No such script" }), new JobProgress("x"))).rejects.toThrow("Script 'No such script' not found");
  await expect(
    runTxt2img(base({ scriptName: "X/Y/Z plot", scriptArgs: { x_type: "Sampler", x_values: "Euler, Nope" } }), new JobProgress("y")),
  ).rejects.toThrow(/Unknown sampler: Nope/);
  await expect(
    runTxt2img(base({ scriptName: "X/Y/Z plot", scriptArgs: { x_type: "Image CFG Scale", x_values: "1, 2" } }), new JobProgress("z")),
  ).rejects.toThrow('X/Y/Z plot: axis "Image CFG Scale" is not available in txt2img');
});

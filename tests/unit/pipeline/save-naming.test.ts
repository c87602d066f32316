// Where a job's files go with A1111's saving settings: defaults, patterns, sub-folders, outdir_*,
// grids with and without extended names, and numbering.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveImageFile } from "@/lib/images/save";
import type { Processing } from "@/lib/pipeline/processing";
import { outputsRelative } from "@/lib/images/output-naming";
import { filenameContext, imageNaming } from "@/lib/pipeline/save-naming";
import { JobProgress } from "@/lib/queue/job-progress";
import { defaultOptions, type Options } from "@/lib/settings/options";

const date = new Date(2024, 6, 27, 10);

/** The parts of a job that naming reads. */
function job(options: Partial<Options> = {}, kind: "txt2img" | "img2img" = "txt2img"): Processing {
  return {
    kind,
    params: { prompt: "a red fox, snow", negativePrompt: "", batchSize: 2, nIter: 1, steps: 20, cfgScale: 7, floatNumbers: false, samplerName: "Euler a", scheduler: "Automatic" },
    options: { ...defaultOptions(), ...options },
    allPrompts: ["a red fox, snow", "a red fox, snow"],
    allNegativePrompts: ["", ""],
    allSeeds: [100, 101],
    checkpoint: { name: "tiny-sd", hash: "0123456789" },
    progress: new JobProgress("naming"),
    denoisingStrength: null,
  } as unknown as Processing;
}

let outputs: string;
beforeAll(() => {
  outputs = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-naming-"));
});
afterAll(() => fs.rmSync(outputs, { recursive: true, force: true }));

async function savedAs(p: Processing, index: number, grid?: "grid" | "xyz_grid") {
  const ctx = { ...filenameContext(p, index, { width: 64, height: 64 }), now: date };
  const naming = imageNaming(p, ctx, grid ? { grid: { basename: grid } } : {});
  return (await saveImageFile(outputs, Buffer.from("x"), naming)).relativePath;
}

describe("imageNaming", () => {
  it("with default settings gives A1111's default names", async () => {
    const p = job();
    expect(await savedAs(p, 0)).toBe("txt2img-images/2024-07-27/00000-100.png");
    expect(await savedAs(p, 1)).toBe("txt2img-images/2024-07-27/00001-101.png");
    expect(await savedAs(p, 0, "grid")).toBe("txt2img-grids/2024-07-27/grid-0000.png");
    expect(await savedAs(p, 0, "xyz_grid")).toBe("txt2img-grids/2024-07-27/xyz_grid-0000-100.png");
  });

  it("applies the filename and directory patterns, and [seed]-[prompt_spaces] without sub-folders", async () => {
    expect(await savedAs(job({ samples_filename_pattern: "[seed]-[steps]-[sampler]", directories_filename_pattern: "[model_name]/[date]" }), 1)).toBe("txt2img-images/tiny-sd/2024-07-27/00000-101-20-Euler a.png");
    // (A fresh folder each: A1111 numbers from every name in the folder, sub-folders such as 2024-07-27 included.)
    expect(await savedAs(job({ save_to_dirs: false, outdir_txt2img_samples: "flat" }), 0)).toBe("flat/00000-100-a red fox, snow.png");
    expect(await savedAs(job({ directories_filename_pattern: "", outdir_txt2img_samples: "words" }), 0)).toBe("words/a red fox snow/00000-100.png");
  });

  it("honours outdir_* inside the outputs folder, the all-tabs folder first", async () => {
    expect(await savedAs(job({ outdir_img2img_samples: "outputs/mine/i2i" }, "img2img"), 0)).toBe("mine/i2i/2024-07-27/00000-100.png");
    expect(await savedAs(job({ outdir_samples: "everything", outdir_img2img_samples: "ignored" }, "img2img"), 0)).toBe("everything/2024-07-27/00000-100.png");
    expect(await savedAs(job({ outdir_grids: "all-grids", grid_save_to_dirs: false }), 0, "grid")).toBe("all-grids/grid-0000.png");
  });

  it("names grids with the pattern when extended names are on, and drops numbers when asked", async () => {
    expect(await savedAs(job({ grid_extended_filename: true, samples_filename_pattern: "[seed]-[cfg]" }), 0, "grid")).toBe("txt2img-grids/2024-07-27/grid-0001-100-7.png");
    const p = job({ save_images_add_number: false, samples_filename_pattern: "fox-[seed]", outdir_txt2img_samples: "nonum" });
    expect(await savedAs(p, 0)).toBe("nonum/2024-07-27/fox-100.png");
    // The same name again is never overwritten: a number suffix is added.
    expect(await savedAs(p, 0)).toBe("nonum/2024-07-27/fox-100-1.png");
  });

  it("uses the format's extension", () => {
    const p = job({ samples_format: "webp", grid_format: "jpg" });
    const ctx = filenameContext(p, 0, { width: 64, height: 64 });
    expect(imageNaming(p, ctx).extension).toBe("webp");
    expect(imageNaming(p, ctx, { grid: { basename: "grid" } }).extension).toBe("jpg");
  });

  it("maps A1111's outputs/ prefix onto the outputs folder", () => {
    expect(outputsRelative("outputs/txt2img-images")).toBe("txt2img-images");
    expect(outputsRelative("./outputs/x")).toBe("x");
    expect(outputsRelative("log/images")).toBe("log/images");
    expect(outputsRelative("outputs-2/x")).toBe("outputs-2/x");
  });
});

// The external-data layouts real exports ship, each loaded by the ordinary loader (StableDiffusionModel.load):
// the fixture UNet's weights in one file (weights.pb), in Optimum's `model.onnx_data`, split over three files,
// and one file per tensor (onnx's save_as_external_data(all_tensors_to_one_file=False)). Every layout must
// predict exactly what the original does, and a derived graph of a split layout (chunked attention) must
// refer to the source's weight files instead of copying them (docs/onnx-format.md#full-size-model).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useTempJobFolders } from "../temp-job-folders";
import { onyxPaths } from "@/lib/config";
import { CHUNKED_ATTENTION_VARIANT, withChunkedAttention } from "@/lib/models/attention-graph";
import { derivedModelFile } from "@/lib/models/derived-model";
import { WHOLE_ATTENTION } from "@/lib/models/graph-options";
import { StableDiffusionModel } from "@/lib/models/stable-diffusion";
import { externalLocation, readModel } from "@/lib/onnx/read";
import { writeModel, type WriteOptions } from "@/lib/onnx/write";

const root = useTempJobFolders("external-data");
const source = path.join(onyxPaths().models, "Stable-diffusion", "onyx-tiny");

const LAYOUTS: Record<string, WriteOptions["externalData"]> = {
  "weights.pb": "weights.pb",
  "model.onnx_data": "model.onnx_data",
  "three files": (name) => `weights-${[...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 3, 0)}.bin`,
  "one file per tensor": (name) => name.replace(/[^\w.]/g, "_"),
};

/** A copy of the tiny folder whose UNet keeps its weights in `layout`. */
function folderWith(layout: WriteOptions["externalData"], name: string): string {
  const dir = path.join(root(), name.replace(/\W/g, "-"));
  fs.cpSync(source, dir, { recursive: true });
  fs.rmSync(path.join(dir, "unet"), { recursive: true });
  fs.mkdirSync(path.join(dir, "unet"));
  fs.copyFileSync(path.join(source, "unet/config.json"), path.join(dir, "unet/config.json"));
  writeModel(path.join(dir, "unet/model.onnx"), readModel(path.join(source, "unet/model.onnx"), { loadExternalData: true }), { externalData: layout });
  return dir;
}

async function predict(dir: string): Promise<Float32Array> {
  const model = await StableDiffusionModel.load("layout", dir);
  try {
    const sample = { data: Float32Array.from({ length: 2 * 4 * 16 * 16 }, (_, i) => Math.sin(i * 0.37)), shape: [2, 4, 16, 16] };
    const context = { data: Float32Array.from({ length: 2 * 77 * 64 }, (_, i) => Math.cos(i * 0.05)), shape: [2, 77, 64] };
    return await model.unet.predict(sample, [500, 500], context, { tiling: false, attention: WHOLE_ATTENTION });
  } finally {
    await model.release();
  }
}

describe("external data layouts", () => {
  it("weights.pb, model.onnx_data, three files and one file per tensor load and predict exactly what the original does", async () => {
    const expected = await predict(source);
    for (const [name, layout] of Object.entries(LAYOUTS)) {
      const dir = folderWith(layout, name);
      const locations = new Set(readModel(path.join(dir, "unet/model.onnx")).graph.initializer.map((t) => externalLocation(t)?.location).filter(Boolean));
      const expectedFiles = name === "three files" ? 3 : name === "one file per tensor" ? locations.size : 1;
      expect(locations.size, name).toBe(expectedFiles);
      if (name === "one file per tensor") expect(locations.size).toBeGreaterThan(50);
      expect(await predict(dir), name).toEqual(expected);
    }
  });

  it("a derived graph of a split layout links the source's weight files instead of copying them", () => {
    const dir = folderWith(LAYOUTS["three files"], "derived source");
    const file = path.join(dir, "unet/model.onnx");
    const derived = derivedModelFile(file, CHUNKED_ATTENTION_VARIANT, withChunkedAttention);
    expect(derived).not.toBe(file);
    const weights = readModel(derived).graph.initializer.map((t) => externalLocation(t)).filter((e) => e !== null);
    const linked = new Set(weights.map((e) => path.join(path.dirname(derived), e.location)));
    const sourceFiles = fs.readdirSync(path.join(dir, "unet")).filter((f) => f.startsWith("weights-")).map((f) => fs.statSync(path.join(dir, "unet", f)));
    // Three source files plus the copy's own small file for the initialisers the rewrite added.
    const links = [...linked].map((f) => fs.statSync(f)).filter((st) => sourceFiles.some((s) => s.ino === st.ino));
    expect(links).toHaveLength(3);
    expect(links.every((st) => st.nlink >= 2)).toBe(true);
  });
});

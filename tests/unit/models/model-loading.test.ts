// Loading real model folders (the fixtures through the product's code path): sessions open, and a
// folder whose graph does not match the export contract is rejected with a message naming the
// offending input, without taking the inference worker down.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { onyxPaths } from "@/lib/config";
import { StableDiffusionModel } from "@/lib/models/stable-diffusion";
import { readModel } from "@/lib/onnx/read";
import { writeModel } from "@/lib/onnx/write";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-load-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const fixture = (name: string) => path.join(onyxPaths().models, "Stable-diffusion", name);

/** A copy of onyx-tiny whose UNet input `sample` is called `latents` instead. */
function renamedInputCopy(): string {
  const dir = path.join(tmp, "renamed");
  fs.cpSync(fixture("onyx-tiny"), dir, { recursive: true });
  const file = path.join(dir, "unet/model.onnx");
  const model = readModel(file);
  model.graph.input.find((i) => i.name === "sample")!.name = "latents";
  for (const node of model.graph.node) node.input = node.input.map((i) => (i === "sample" ? "latents" : i));
  writeModel(file, model); // weights stay in the copied unet/weights.pb
  return dir;
}

test("the fp32 and fp16 fixtures load with their declared element types", async () => {
  for (const name of ["onyx-tiny", "onyx-tiny-fp16", "onyx-tiny-inpainting"]) {
    const model = await StableDiffusionModel.load(name, fixture(name));
    expect(model.isInpainting).toBe(name === "onyx-tiny-inpainting");
    expect(model.folder.vaeScalingFactor).toBe(0.18215);
    await model.release();
  }
});

test("a wrong input name is rejected with a message naming the file and the input", async () => {
  const dir = renamedInputCopy();
  await expect(StableDiffusionModel.load("renamed", dir)).rejects.toThrow(/unet[/\\]model\.onnx: expected an input named "sample"; the graph has inputs .*latents/);
  // The worker survives: a good folder still loads afterwards.
  const ok = await StableDiffusionModel.load("onyx-tiny", fixture("onyx-tiny"));
  await ok.release();
});

test("a folder without its UNet file is rejected naming the file", async () => {
  const dir = path.join(tmp, "no-unet");
  fs.cpSync(fixture("onyx-tiny"), dir, { recursive: true });
  fs.rmSync(path.join(dir, "unet/model.onnx"));
  await expect(StableDiffusionModel.load("no-unet", dir)).rejects.toThrow(/unet\/model\.onnx/);
});

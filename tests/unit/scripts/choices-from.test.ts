// A choice parameter's runtime list (SDK 1.4, docs/extensions.md#parameters): the page's descriptors list the
// declared choices, then the installed detectors / checkpoints / samplers, inside repeated units too; the API
// binder accepts any string for such a choice (files come and go), and refuses unknown ones for the others.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildYoloFixture } from "@/lib/detection/yolo-fixture";
import { writeModel } from "@/lib/onnx/write";
import { bindScriptArgs } from "@/lib/scripts/bind-args";
import { defineScript } from "@/lib/scripts/script";
import { tabScripts } from "@/lib/scripts/script-descriptors";
import { useTempExtensions } from "../temp-extensions";

const EXTENSION = `
import { defineScript } from "@onyx/sdk";
export const scripts = [
  defineScript({
    title: "Picker", tabs: ["txt2img"], kind: "alwaysOn",
    params: [
      { name: "sampler", type: "choice", choices: ["Use same sampler"], default: "Use same sampler", choicesFrom: "samplers" },
      { name: "tabs", type: "repeat", defaultCount: 1, params: [{ name: "model", type: "choice", choices: ["None"], default: "None", choicesFrom: "detectors" }] },
    ],
    hooks: {},
  }),
];
`;

describe("choicesFrom", () => {
  const root = useTempExtensions("choices-from", (tmp) => {
    fs.mkdirSync(path.join(tmp, "exts/picker"), { recursive: true });
    fs.writeFileSync(path.join(tmp, "exts/picker/extension.json"), JSON.stringify({ name: "picker", entry: "index.mjs", sdk: "1.4" }));
    fs.writeFileSync(path.join(tmp, "exts/picker/index.mjs"), EXTENSION);
    fs.mkdirSync(path.join(tmp, "models/adetailer"), { recursive: true });
    writeModel(path.join(tmp, "models/adetailer/colours.onnx"), buildYoloFixture({ segmentation: false }));
  });

  it("the descriptors list the declared choices, then the source's names as they are now", async () => {
    const [picker] = (await tabScripts("txt2img")).alwaysOn.filter((s) => s.title === "Picker");
    const [sampler, tabs] = picker.params;
    expect(sampler.type === "choice" && sampler.choices[0]).toBe("Use same sampler");
    expect(sampler.type === "choice" && sampler.choices).toEqual(expect.arrayContaining(["Use same sampler", "Euler", "DDIM"]));
    expect(tabs.type === "repeat" && tabs.params[0].type === "choice" && tabs.params[0].choices).toEqual(["None", "colours.onnx"]);
    // A file added later shows the next time the page is built.
    writeModel(path.join(root(), "models/adetailer/more.onnx"), buildYoloFixture({ segmentation: true }));
    const [again] = (await tabScripts("txt2img")).alwaysOn.filter((s) => s.title === "Picker");
    const inner = again.params[1];
    expect(inner.type === "repeat" && inner.params[0].type === "choice" && inner.params[0].choices).toEqual(["None", "colours.onnx", "more.onnx"]);
  });

  it("the binder takes any string for a choice with a source, and still refuses unknown ones without", () => {
    const script = defineScript({
      title: "Bind",
      tabs: ["txt2img"],
      kind: "alwaysOn",
      params: [
        { name: "model", type: "choice", choices: ["None"], default: "None", choicesFrom: "detectors" },
        { name: "fixed", type: "choice", choices: ["a", "b"], default: "a" },
      ],
      hooks: {},
    });
    expect(bindScriptArgs(script, { model: "face_yolov8n.pt" })).toEqual({ model: "face_yolov8n.pt", fixed: "a" });
    expect(() => bindScriptArgs(script, { fixed: "c" })).toThrow(/"fixed".*must be one of "a", "b"/);
  });
});

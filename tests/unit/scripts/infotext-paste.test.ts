// Pasting an infotext restores scripts' controls (docs/extensions.md#pasting-an-infotext): each installed script's
// `pasteInfotext` names the arguments the fields give back, checked like API arguments; a script whose paste does
// not pass the check, or that finds nothing of itself, is left out; the form takes the restored names over its values.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { pasteScriptArgs } from "@/app/actions/paste";
import { defaultScriptsForm, withPastedArgs, withScriptValues } from "@/app/ui/scripts/scripts-form";
import { reloadExtensions } from "@/lib/scripts/extension-registry";
import { tabScripts } from "@/lib/scripts/script-descriptors";
import { useTempJobFolders } from "../temp-job-folders";

/** A script restoring `strength` from its infotext key, and refusing nothing: out-of-range values are the check's to catch. */
const PASTING = `
export const scripts = [{
  title: "Echo strength",
  tabs: ["txt2img"],
  kind: "alwaysOn",
  params: [{ name: "enabled", type: "bool", default: false }, { name: "strength", type: "number", default: 0.5, min: 0, max: 1 }, { name: "note", type: "string", default: "kept" }],
  pasteInfotext: (fields) => ("Echo strength" in fields ? { enabled: true, strength: Number(fields["Echo strength"]) } : undefined),
  hooks: {},
}];
`;

const root = useTempJobFolders("infotext-paste", { EXTENSIONS_DIR: "extensions" });

beforeAll(async () => {
  fs.cpSync(path.resolve("extensions", "tiled-diffusion"), path.join(root(), "extensions", "tiled-diffusion"), { recursive: true });
  const ext = path.join(root(), "extensions", "echo");
  fs.mkdirSync(ext, { recursive: true });
  fs.writeFileSync(path.join(ext, "extension.json"), JSON.stringify({ name: "echo", version: "1.0.0", entry: "index.mjs", sdk: "1.4" }));
  fs.writeFileSync(path.join(ext, "index.mjs"), PASTING);
  expect((await reloadExtensions()).map((e) => e.status)).toEqual(["loaded", "loaded"]);
});

describe("pasting an infotext into the scripts", () => {
  it("each script restores what its fields give back, checked; the form keeps every other value", async () => {
    const fields = { Steps: "20", "Echo strength": "0.25", "Tiled Diffusion": "{'Method': 'Mixture of Diffusers', 'Tile tile width': 64, 'Tile tile height': 64, 'Tile Overlap': 8, 'Tile batch size': 2}" };
    const pasted = await pasteScriptArgs("txt2img", fields);
    expect(pasted).toEqual({
      "echo strength": { enabled: true, strength: 0.25 },
      "tiled diffusion": { enabled: true, method: "Mixture of Diffusers", tile_width: 64, tile_height: 64, overlap: 8, batch_size: 2, enable_bbox_control: false },
    });
    const scripts = await tabScripts("txt2img");
    const before = withScriptValues(defaultScriptsForm(scripts), "tiled diffusion", { ...defaultScriptsForm(scripts).values["tiled diffusion"], upscaler: "Lanczos" });
    const form = withPastedArgs(before, scripts, pasted);
    expect(form.values["echo strength"]).toEqual({ enabled: true, strength: 0.25, note: "kept" });
    expect(form.values["tiled diffusion"]).toMatchObject({ enabled: true, method: "Mixture of Diffusers", tile_width: 64, overlap: 8, upscaler: "Lanczos", noise_inverse: false });
  });

  it("a value the check refuses restores nothing of that script; other tabs' and silent scripts are absent", async () => {
    expect(await pasteScriptArgs("txt2img", { "Echo strength": "7" })).toEqual({});
    expect(await pasteScriptArgs("img2img", { "Echo strength": "0.25" })).toEqual({});
    expect(await pasteScriptArgs("txt2img", { Steps: "20" })).toEqual({});
  });
});

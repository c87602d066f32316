// /sdapi/v1/scripts and /script-info with an extension's always-on script (the SDK probe): listed by its
// lower-cased title after the built-in scripts, as A1111 1.10 lists every script; every argument described
// in positional order with its type, default, range and choices.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiScriptInfo, apiScriptList } from "@/lib/api/scripts";
import { BUILT_IN_SCRIPTS } from "@/lib/scripts/built-in";
import { reloadExtensions } from "@/lib/scripts/extension-registry";
import type { ScriptTab } from "@/lib/scripts/script";

let tmp: string;
const saved = { ...process.env };

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-script-info-"));
  fs.cpSync(path.resolve("tests/e2e/extensions/sdk-probe"), path.join(tmp, "sdk-probe"), { recursive: true });
  process.env.EXTENSIONS_DIR = tmp;
  process.env.DATA_DIR = path.join(tmp, "data");
  await reloadExtensions();
});

afterAll(() => {
  process.env = saved;
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("scripts in the API listings", () => {
  it("lists always-on scripts beside selectable ones, lower-cased", async () => {
    const builtIn = (tab: ScriptTab) => BUILT_IN_SCRIPTS.filter((s) => s.tabs.includes(tab)).map((s) => s.title.toLowerCase());
    expect(builtIn("txt2img")).toContain("x/y/z plot");
    expect(await apiScriptList()).toEqual({ txt2img: [...builtIn("txt2img"), "sdk probe"], img2img: [...builtIn("img2img"), "sdk probe"] });
  });

  it("describes every argument of an always-on script in positional order", async () => {
    const probe = (await apiScriptInfo()).find((s) => s.name === "sdk probe" && s.is_img2img)!;
    expect(probe.is_alwayson).toBe(true);
    const none = { minimum: null, maximum: null, step: null, choices: null };
    expect(probe.args.slice(0, 6)).toEqual([
      { label: "enabled", type: "bool", value: false, ...none },
      { label: "Extra prompt", type: "string", value: "a lighthouse", ...none },
      { label: "Save an extra copy", type: "bool", value: false, ...none },
      { label: "Mode", type: "choice", value: "plain", ...none, choices: ["plain", "detailed"] },
      { label: "Detail", type: "int", value: 3, minimum: 1, maximum: 9, step: null, choices: null },
      { label: "Reference image", type: "image", value: null, ...none },
    ]);
    const [regions, unit1, unit2, ...rest] = probe.args.slice(6);
    expect(rest).toEqual([]);
    expect(regions).toMatchObject({ label: "Regions", type: "regions", value: [] });
    expect(regions.args!.map((a) => [a.label, a.type, a.minimum, a.maximum])).toEqual([
      ["x", "number", 0, 1],
      ["y", "number", 0, 1],
      ["w", "number", 0, 1],
      ["h", "number", 0, 1],
      ["Prompt", "string", null, null],
      ["Type", "choice", null, null],
      ["Feather", "number", 0, 1],
    ]);
    // A repeated group: one argument per default unit, each an object of the unit's fields.
    expect([unit1.label, unit2.label]).toEqual(["Units 1", "Units 2"]);
    expect(unit1).toMatchObject({ type: "repeat", value: { model: "None", strength: 0.4 } });
    expect(unit1.args!.find((a) => a.label === "Strength")).toMatchObject({ minimum: 0, maximum: 1, step: 0.01 });
  });
});

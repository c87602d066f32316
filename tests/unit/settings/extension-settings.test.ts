// Settings an extension declares in register(api) (docs/extensions.md#settings): they join the one catalogue,
// are cast and refused by the one caster like built-in settings (a wrong type is a 422 from /sdapi/v1/options),
// persist in config.json, reach a job's settings through override_settings, and show in the Settings tab
// under the extension's section. A bad declaration fails the extension, never the server.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { useTempJobFolders } from "../temp-job-folders";
import { GET, POST } from "@/app/sdapi/v1/options/route";
import { groupBySection, settingFields } from "@/app/ui/settings/setting-fields";
import { validateSettings } from "@/lib/api/setting-values";
import { optionsWithOverrides } from "@/lib/pipeline/processing";
import { loadExtensions } from "@/lib/scripts/extension-loader";
import { tabScripts } from "@/lib/scripts/script-descriptors";
import { reloadExtensions } from "@/lib/scripts/extension-registry";
import { defaultOptions, isOptionKey, type OptionKey } from "@/lib/settings/options";
import { loadOptions, updateOptions } from "@/lib/settings/store";

const root = useTempJobFolders("ext-settings", { EXTENSIONS_DIR: "extensions" });

const GOOD = `
export function register(api) {
  api.registerSetting({ key: "ex_count", default: 4, label: "Count", min: 1, max: 15, step: 1 });
  api.registerSetting({ key: "ex_power", default: 0, label: "Power", type: "float", min: -10, max: 10 });
  api.registerSetting({ key: "ex_save", default: false, label: "Save" });
  api.registerSetting({ key: "ex_sort", default: "None", label: "Sort", choices: ["None", "Area"] });
  api.registerScript({
    title: "Units", tabs: ["txt2img"], kind: "alwaysOn", hooks: {},
    params: [{ name: "units", type: "repeat", params: [{ name: "m", type: "string", default: "" }], defaultCount: 3, maxCount: 15, maxCountSetting: "ex_count" }],
  });
}
`;

function writeExtension(dir: string, id: string, source: string) {
  fs.mkdirSync(path.join(dir, id), { recursive: true });
  fs.writeFileSync(path.join(dir, id, "extension.json"), JSON.stringify({ name: `${id} settings`, entry: "index.mjs", sdk: "1.5" }));
  fs.writeFileSync(path.join(dir, id, "index.mjs"), source);
}

const post = (body: unknown) => POST(new Request("http://localhost/sdapi/v1/options", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }), undefined);
const key = (k: string) => k as OptionKey;

beforeAll(async () => {
  writeExtension(path.join(root(), "extensions"), "good", GOOD);
  expect((await reloadExtensions()).map((e) => [e.id, e.status, e.error])).toEqual([["good", "loaded", undefined]]);
});

describe("an extension's settings in the catalogue", () => {
  it("are known keys with their declared defaults, typed from the default (or `type`)", () => {
    expect(isOptionKey("ex_count")).toBe(true);
    expect(defaultOptions()).toMatchObject({ ex_count: 4, ex_power: 0, ex_save: false, ex_sort: "None" });
    expect(validateSettings({ ex_count: "7", ex_power: "0.25", ex_save: "true", ex_sort: "Area" }, ["body"], "refuse")).toEqual({ ex_count: 7, ex_power: 0.25, ex_save: true, ex_sort: "Area" });
    // An int setting refuses a fraction as pydantic does; the float one takes it.
    expect(() => validateSettings({ ex_count: 2.5 }, ["body"], "refuse")).toThrow();
  });

  it("POST /options: a wrong type, a value out of range or outside the choices is a 422 naming the key; nothing is stored", async () => {
    const bad = await post({ ex_count: "many", ex_power: 11, ex_sort: "Random", samples_save: false });
    expect(bad.status).toBe(422);
    const { detail } = (await bad.json()) as { detail: Array<{ loc: string[]; type: string }> };
    expect(detail.map((d) => [d.loc.join("."), d.type])).toEqual([
      ["body.ex_count", "type_error.integer"],
      ["body.ex_power", "value_error.number.not_le"],
      ["body.ex_sort", "value_error.const"],
    ]);
    expect(loadOptions()).toMatchObject({ ex_count: 4, samples_save: true });
  });

  it("POST /options stores a value, GET shows it, config.json keeps it", async () => {
    expect((await post({ ex_count: 2, ex_save: true })).status).toBe(200);
    expect(await (await GET(new Request("http://localhost/sdapi/v1/options"), undefined)).json()).toMatchObject({ ex_count: 2, ex_save: true, ex_sort: "None" });
    const stored = JSON.parse(fs.readFileSync(path.join(root(), "data", "config.json"), "utf8"));
    expect(stored).toMatchObject({ ex_count: 2, ex_save: true });
  });

  it("a repeated group's maxCountSetting caps the units the page offers at the stored value", async () => {
    const units = async () => (await tabScripts("txt2img")).alwaysOn.find((d) => d.title === "Units")!.params[0];
    expect(await units()).toMatchObject({ maxCount: 2, defaultCount: 2 });
    updateOptions({ ex_count: 5 });
    expect(await units()).toMatchObject({ maxCount: 5, defaultCount: 3 });
    updateOptions({ ex_count: 2 });
  });

  it("override_settings casts them into the job's settings, over the stored value", () => {
    const overrides = validateSettings({ ex_count: "9", ex_sort: "Area" }, ["body", "override_settings"], "drop");
    expect(optionsWithOverrides(loadOptions(), overrides)).toMatchObject({ ex_count: 9, ex_sort: "Area", ex_save: true });
    expect(() => validateSettings({ ex_count: 99 }, ["body", "override_settings"], "drop")).toThrow();
  });

  it("the Settings tab draws them under the extension's section, after the built-in ones", () => {
    const groups = groupBySection(settingFields());
    const last = groups.at(-1)!;
    expect([last.id, last.label, last.category]).toEqual(["good", "good settings", "Uncategorized"]);
    expect(last.fields.map((f) => [f.key, f.kind])).toEqual([
      ["ex_count", "number"],
      ["ex_power", "number"],
      ["ex_save", "boolean"],
      ["ex_sort", "choice"],
    ]);
  });

  it("a stored value survives while its extension is not loaded, and comes back when it is", async () => {
    const dir = path.join(root(), "extensions");
    await loadExtensions(dir, ["good"]);
    expect(isOptionKey("ex_count")).toBe(false);
    updateOptions({ samples_save: false });
    expect(JSON.parse(fs.readFileSync(path.join(root(), "data", "config.json"), "utf8"))).toMatchObject({ ex_count: 2, samples_save: false });
    await loadExtensions(dir, []);
    expect(loadOptions()).toMatchObject({ ex_count: 2, samples_save: false });
    updateOptions({ samples_save: true });
  });
});

describe("a declaration the catalogue refuses fails its extension", () => {
  it.each([
    ["a built-in key", `{ key: "samples_save", default: true, label: "x" }`, /one of Onyx's own settings/],
    ["a default outside its range", `{ key: "ex_x", default: 20, label: "x", max: 15 }`, /default is refused: ensure this value is less than or equal to 15/],
    ["a default outside its choices", `{ key: "ex_x", default: "b", label: "x", choices: ["a"] }`, /default is refused/],
    ["a key that is not snake case", `{ key: "Ex X", default: 1, label: "x" }`, /must be lower-case/],
  ])("%s", async (_name, setting, error) => {
    const dir = path.join(root(), `bad-${Math.random().toString(36).slice(2)}`);
    writeExtension(dir, "bad", `export function register(api) { api.registerSetting(${setting}); }`);
    const [bad] = await loadExtensions(dir, []);
    expect(bad.status).toBe("failed");
    expect(bad.error).toMatch(error);
    expect(isOptionKey(key("ex_x"))).toBe(false);
  });

  it("two extensions declaring one key: the second fails", async () => {
    const dir = path.join(root(), "twice");
    writeExtension(dir, "a", GOOD);
    writeExtension(dir, "b", GOOD);
    expect((await loadExtensions(dir, [])).map((e) => [e.id, e.status, e.error])).toEqual([
      ["a", "loaded", undefined],
      ["b", "failed", 'setting "ex_count" is registered twice'],
    ]);
    await reloadExtensions();
  });
});

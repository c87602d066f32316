// The process-wide extension registry over a temp extensions folder: loaded lazily and once (also
// across separately imported copies of the module, as Next.js bundles have), reloadable, listing
// failures without throwing, and handing jobs only the scripts of enabled, loaded extensions.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { setExtensionEnabled } from "@/lib/scripts/extension-loader";
import { activeScripts, installedExtensions, reloadExtensions } from "@/lib/scripts/extension-registry";

const LOADS = "__onyxRegistryTestLoads";
const loads = () => Number((globalThis as Record<string, unknown>)[LOADS] ?? 0);

let tmp: string;
const write = (rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
  fs.writeFileSync(path.join(tmp, rel), text);
};

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-registry-"));
  fs.cpSync(path.resolve("extensions/example-hello"), path.join(tmp, "exts/example-hello"), { recursive: true });
  write("exts/a-broken/extension.json", JSON.stringify({ name: "Broken one", version: "0.1", entry: "index.mjs" }));
  write("exts/a-broken/index.mjs", 'throw new Error("broken on purpose");\n');
  write("exts/b-counter/extension.json", JSON.stringify({ name: "b-counter", version: "2.0.0", entry: "index.mjs", description: "counts its loads" }));
  // register() runs once per load (the module itself is evaluated once per process), so it counts loads.
  write(
    "exts/b-counter/index.mjs",
    `export function register(api) {
      globalThis.${LOADS} = (globalThis.${LOADS} ?? 0) + 1;
      api.registerScript({ title: "Counter", tabs: ["img2img"], kind: "selectable", params: [], hooks: { run: async () => ({ images: [], info: {} }) } });
      api.registerXyzAxis({ label: "[Counter] Level", type: "int", tabs: ["img2img"], cost: 0, apply: (p) => p, legend: (v) => String(v) });
    }\n`,
  );
  write("not-a-folder", "a file where the extensions folder should be");
  process.env.EXTENSIONS_DIR = path.join(tmp, "exts");
  process.env.DATA_DIR = path.join(tmp, "data");
});

afterAll(() => {
  delete process.env.EXTENSIONS_DIR;
  delete process.env.DATA_DIR;
  fs.rmSync(tmp, { recursive: true, force: true });
});

let errors: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  // A fresh process: no registry yet (the key is the registry's documented global symbol).
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("onyx.extensionRegistry")];
  errors = vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => {
  errors.mockRestore();
  setExtensionEnabled("example-hello", true);
  process.env.EXTENSIONS_DIR = path.join(tmp, "exts");
});

describe("extension registry", () => {
  it("loads on first use, once, shared by every copy of the module; reloadExtensions loads again", async () => {
    const before = loads();
    await installedExtensions();
    await activeScripts("txt2img");
    expect(loads()).toBe(before + 1);
    vi.resetModules();
    const otherCopy = await import("@/lib/scripts/extension-registry");
    expect((await otherCopy.installedExtensions()).map((e) => e.id)).toEqual(["a-broken", "b-counter", "example-hello"]);
    expect(loads()).toBe(before + 1);
    await reloadExtensions();
    expect(loads()).toBe(before + 2);
  });

  it("describes every extension as plain data, failures with their error, one log line each", async () => {
    const list = await installedExtensions();
    expect(list).toEqual([
      { id: "a-broken", name: "Broken one", version: "0.1", description: "", status: "failed", error: "broken on purpose", scripts: [], xyzAxes: [], routes: [] },
      {
        id: "b-counter",
        name: "b-counter",
        version: "2.0.0",
        description: "counts its loads",
        status: "loaded",
        scripts: [{ id: "counter", title: "Counter", tabs: ["img2img"], kind: "selectable" }],
        xyzAxes: ["[Counter] Level"],
        routes: [],
      },
      {
        id: "example-hello",
        name: "example-hello",
        version: "1.0.0",
        description: "A tiny always-on script: adds a Hello infotext field and counts UNet calls.",
        status: "loaded",
        scripts: [{ id: "hello", title: "Hello", tabs: ["txt2img", "img2img"], kind: "alwaysOn" }],
        xyzAxes: [],
        routes: [],
      },
    ]);
    // Survives structured cloning, as a server action's answer must.
    expect(structuredClone(list)).toEqual(list);
    expect(errors.mock.calls).toEqual([["[extensions] a-broken failed to load: broken on purpose"]]);
  });

  it("gives a job the scripts of its tab from loaded extensions, in load order", async () => {
    expect((await activeScripts("txt2img")).map((s) => s.id)).toEqual(["hello"]);
    expect((await activeScripts("img2img")).map((s) => s.id)).toEqual(["counter", "hello"]);
  });

  it("drops a disabled extension's scripts after a reload, not before", async () => {
    expect((await activeScripts("txt2img")).map((s) => s.id)).toEqual(["hello"]);
    setExtensionEnabled("example-hello", false);
    expect((await activeScripts("txt2img")).map((s) => s.id)).toEqual(["hello"]);
    const list = await reloadExtensions();
    expect(list.find((e) => e.id === "example-hello")).toMatchObject({ status: "disabled", version: "1.0.0", scripts: [] });
    expect(await activeScripts("txt2img")).toEqual([]);
    expect((await activeScripts("img2img")).map((s) => s.id)).toEqual(["counter"]);
  });

  it("an unreadable extensions folder leaves the registry empty instead of throwing", async () => {
    process.env.EXTENSIONS_DIR = path.join(tmp, "not-a-folder");
    expect(await installedExtensions()).toEqual([]);
    expect(await activeScripts("txt2img")).toEqual([]);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]![0])).toMatch(/^\[extensions\] could not read .*not-a-folder: ENOTDIR/);
  });
});

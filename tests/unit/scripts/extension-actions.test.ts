// The Extensions tab's "Apply and reload extensions" action: it writes only real changes to
// disabled_extensions, reloads the registry, and refuses ids that are not installed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { applyExtensionChoices, listExtensions } from "@/app/actions/extensions";
import { activeScripts } from "@/lib/scripts/extension-registry";
import { loadOptions } from "@/lib/settings/store";

let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-ext-actions-"));
  fs.cpSync(path.resolve("extensions/example-hello"), path.join(tmp, "exts/example-hello"), { recursive: true });
  fs.mkdirSync(path.join(tmp, "exts/a-broken"));
  fs.writeFileSync(path.join(tmp, "exts/a-broken/extension.json"), JSON.stringify({ name: "a-broken", entry: "index.mjs" }));
  fs.writeFileSync(path.join(tmp, "exts/a-broken/index.mjs"), 'throw new Error("no weights");\n');
  process.env.EXTENSIONS_DIR = path.join(tmp, "exts");
  process.env.DATA_DIR = path.join(tmp, "data");
  vi.spyOn(console, "error").mockImplementation(() => {});
});

afterAll(() => {
  delete process.env.EXTENSIONS_DIR;
  delete process.env.DATA_DIR;
  fs.rmSync(tmp, { recursive: true, force: true });
});

const statuses = (list: Array<{ id: string; status: string }>) => Object.fromEntries(list.map((e) => [e.id, e.status]));

describe("extension actions", () => {
  it("lists the installed extensions with their status", async () => {
    expect(statuses(await listExtensions())).toEqual({ "a-broken": "failed", "example-hello": "loaded" });
  });

  it("disables, persists and reloads; re-enabling restores the scripts", async () => {
    const off = await applyExtensionChoices({ "example-hello": false, "a-broken": true });
    expect(off).toMatchObject({ ok: true, changed: ["example-hello"] });
    expect(off.ok && statuses(off.extensions)).toEqual({ "a-broken": "failed", "example-hello": "disabled" });
    expect(loadOptions().disabled_extensions).toEqual(["example-hello"]);
    expect(await activeScripts("txt2img")).toEqual([]);

    // Applying the same choices changes nothing but still reloads.
    expect(await applyExtensionChoices({ "example-hello": false })).toMatchObject({ ok: true, changed: [] });

    const on = await applyExtensionChoices({ "example-hello": true });
    expect(on).toMatchObject({ ok: true, changed: ["example-hello"] });
    expect(loadOptions().disabled_extensions).toEqual([]);
    expect((await activeScripts("txt2img")).map((s) => s.id)).toEqual(["hello"]);
  });

  it("refuses unknown ids and non-boolean choices without writing anything", async () => {
    expect(await applyExtensionChoices({ "example-hello": false, "not-installed": false })).toEqual({ ok: false, error: "no such extension: not-installed" });
    expect((await applyExtensionChoices({ "example-hello": "no" } as unknown as Record<string, boolean>)).ok).toBe(false);
    expect(loadOptions().disabled_extensions).toEqual([]);
  });
});

// The loader against the shipped example and deliberately broken extensions in a temp folder.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InfotextValue } from "@/lib/infotext/values";
import type { UnetFn } from "@/lib/pipeline/unet-call";
import { JobProgress } from "@/lib/queue/job-progress";
import { discoverExtensions, extensionsDir, loadExtensions, setExtensionEnabled } from "@/lib/scripts/extension-loader";
import { bindScriptArgs } from "@/lib/scripts/bind-args";
import { jobHooks, withScripts, type HookableJob } from "@/lib/scripts/job-hooks";
import type { ScriptServices } from "@/lib/scripts/script-services";
import { defaultOptions } from "@/lib/settings/options";
import { loadOptions } from "@/lib/settings/store";

let tmp: string;
const write = (rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
  fs.writeFileSync(path.join(tmp, rel), text);
};

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-ext-"));
  fs.cpSync(path.join(extensionsDir(), "example-hello"), path.join(tmp, "example-hello"), { recursive: true });
  write("a-broken/extension.json", JSON.stringify({ name: "a-broken", version: "1", entry: "index.mjs" }));
  write("a-broken/index.mjs", 'throw new Error("cannot find model weights");\n');
  write("b-bad-manifest/extension.json", JSON.stringify({ name: "b", entry: "../escape.mjs" }));
  write("c-register/extension.json", JSON.stringify({ name: "c-register", version: "2.0.0", entry: "index.mjs", description: "axes" }));
  write(
    "c-register/index.mjs",
    `export function register(api) {
      api.registerXyzAxis({ label: "[C] Strength", type: "float", tabs: ["txt2img"], cost: 0, apply: (p) => p, legend: (v) => "C " + v });
      api.registerScript({ title: "C", tabs: ["img2img"], kind: "alwaysOn", params: [], hooks: {} });
    }\n`,
  );
  write("d-nothing/extension.json", JSON.stringify({ name: "d", entry: "index.mjs" }));
  write("d-nothing/index.mjs", "export const answer = 42;\n");
  write("not-an-extension/readme.txt", "no manifest");
  process.env.DATA_DIR = path.join(tmp, "data");
});

afterAll(() => {
  delete process.env.DATA_DIR;
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("extension loader", () => {
  it("discovers folders with a manifest, sorted", () => {
    expect(discoverExtensions(tmp)).toEqual(["a-broken", "b-bad-manifest", "c-register", "d-nothing", "example-hello"]);
  });

  it("loads the good ones and records each failure without stopping", async () => {
    const exts = await loadExtensions(tmp, []);
    const byId = Object.fromEntries(exts.map((e) => [e.id, e]));
    expect(byId["a-broken"]).toMatchObject({ status: "failed", error: "cannot find model weights", scripts: [] });
    expect(byId["b-bad-manifest"].status).toBe("failed");
    expect(byId["b-bad-manifest"].error).toMatch(/^extension\.json: entry: must be a file/);
    expect(byId["c-register"]).toMatchObject({ status: "loaded", manifest: { version: "2.0.0", description: "axes" } });
    expect(byId["c-register"].xyzAxes.map((a) => a.label)).toEqual(["[C] Strength"]);
    expect(byId["c-register"].scripts.map((s) => s.id)).toEqual(["c"]);
    expect(byId["d-nothing"]).toMatchObject({ status: "failed", error: 'd-nothing: the entry exports neither "scripts" nor "register"' });
    expect(byId["example-hello"]).toMatchObject({ status: "loaded", manifest: { name: "example-hello", entry: "index.ts" } });
  });

  it("the example (a .ts entry) adds its infotext field and counts UNet calls inside a job", async () => {
    const [hello] = (await loadExtensions(tmp, [])).find((e) => e.id === "example-hello")!.scripts;
    expect(hello).toMatchObject({ id: "hello", kind: "alwaysOn" });
    const bareUnet: UnetFn = async () => new Float32Array(0);
    const job: HookableJob = { kind: "txt2img", extraGenerationParams: new Map<string, InfotextValue>() };
    const services = { progress: new JobProgress("t"), settings: defaultOptions() } as unknown as ScriptServices;
    const result = { images: [], info: {} as Record<string, unknown> };
    await withScripts(job, [{ script: hello, args: bindScriptArgs(hello, { enabled: true, greeting: "hi there" }) }], services, async (hooks) => {
      await hooks.process();
      const unet = hooks.wrapUnet(bareUnet);
      for (let i = 0; i < 5; i++) await unet({} as Parameters<UnetFn>[0]);
      await hooks.postprocess(result);
    });
    expect(job.extraGenerationParams.get("Hello")).toBe("hi there");
    expect(result.info.hello_unet_calls).toBe(5);
    expect(jobHooks(job).wrapUnet(bareUnet)).toBe(bareUnet);
  });

  it("disabled extensions are listed but not loaded; the choice persists in disabled_extensions", async () => {
    expect(setExtensionEnabled("example-hello", false)).toEqual(["example-hello"]);
    expect(loadOptions().disabled_extensions).toEqual(["example-hello"]);
    const exts = await loadExtensions(tmp);
    expect(exts.find((e) => e.id === "example-hello")).toMatchObject({ status: "disabled", scripts: [] });
    setExtensionEnabled("example-hello", true);
    expect(loadOptions().disabled_extensions).toEqual([]);
  });
});

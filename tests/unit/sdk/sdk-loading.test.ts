// Extensions import the SDK by value without a second copy of anything: a `.ts` entry (through tsx) and an
// `.mjs` entry (native import) both get the very functions and classes the host process runs, project modules
// cannot be imported by value at all, and the manifest's SDK version is checked.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sdk from "@/lib/sdk";
import { loadExtensions } from "@/lib/scripts/extension-loader";
import { sdkIncompatibility } from "@/lib/sdk/version";

let tmp: string;
const write = (rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
  fs.writeFileSync(path.join(tmp, rel), text);
};
const manifest = (name: string, entry: string, extra: Record<string, unknown> = {}) => JSON.stringify({ name, version: "1.0.0", entry, ...extra });
const ESM = JSON.stringify({ type: "module" });

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-sdk-"));
  fs.cpSync(path.resolve("tests/e2e/extensions/sdk-probe"), path.join(tmp, "sdk-probe"), { recursive: true });
  // Hands what it imported to the test through a register(api) side channel: the registered script's hooks.
  write("a-mjs/extension.json", manifest("a-mjs", "index.mjs"));
  write(
    "a-mjs/index.mjs",
    `import * as imported from "@onyx/sdk";
     import { JobInterrupted, isJobInterrupted, defineScript } from "@onyx/sdk";
     globalThis.__sdkSeenByMjs = { imported, interrupted: isJobInterrupted(new JobInterrupted("x")) };
     export const scripts = [defineScript({ title: "Mjs", tabs: ["txt2img"], kind: "alwaysOn", params: [], hooks: {} })];\n`,
  );
  write("b-ts/extension.json", manifest("b-ts", "index.ts"));
  write("b-ts/package.json", ESM);
  write(
    "b-ts/index.ts",
    `import * as imported from "@onyx/sdk";
     import type { Options } from "@/lib/settings/options";
     const keys: Array<keyof Options> = ["eta_noise_seed_delta"];
     (globalThis as Record<string, unknown>).__sdkSeenByTs = { imported, keys };
     export const scripts = [imported.defineScript({ title: "Ts", tabs: ["txt2img"], kind: "alwaysOn", params: [], hooks: {} })];\n`,
  );
  write("c-reaches-state/extension.json", manifest("c-reaches-state", "index.ts"));
  write("c-reaches-state/package.json", ESM);
  write("c-reaches-state/index.ts", `import { loadOptions } from "@/lib/settings/store";\nexport const scripts = [loadOptions];\n`);
  write("d-commonjs/extension.json", manifest("d-commonjs", "index.ts"));
  write("d-commonjs/package.json", JSON.stringify({ type: "commonjs" }));
  write("d-commonjs/index.ts", `export const scripts = [];\n`);
  write("e-too-new/extension.json", manifest("e-too-new", "index.mjs", { sdk: "1.9" }));
  write("e-too-new/index.mjs", `export const scripts = [];\n`);
  write("f-other-major/extension.json", manifest("f-other-major", "index.mjs", { sdk: "2.0" }));
  write("f-other-major/index.mjs", `export const scripts = [];\n`);
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

const seen = (key: string) => (globalThis as Record<string, unknown>)[key] as { imported: Record<string, unknown>; interrupted?: boolean; keys?: string[] };

describe("the extension SDK", () => {
  it("gives .ts and .mjs entries the host's own SDK instance, member for member", async () => {
    const loaded = await loadExtensions(tmp, []);
    const byId = Object.fromEntries(loaded.map((e) => [e.id, e]));
    expect(byId["a-mjs"].status).toBe("loaded");
    expect(byId["b-ts"].status).toBe("loaded");
    const values = Object.keys(sdk).sort();
    for (const key of ["__sdkSeenByMjs", "__sdkSeenByTs"]) {
      const { imported } = seen(key);
      expect(Object.keys(imported).sort()).toEqual(values);
      // Identity, not equality: the same function and class objects as this process's SDK module.
      for (const name of values) expect(imported[name], name).toBe((sdk as Record<string, unknown>)[name]);
    }
    expect(seen("__sdkSeenByMjs").interrupted).toBe(true);
    // `import type` of a project module is erased: the entry still loads.
    expect(seen("__sdkSeenByTs").keys).toEqual(["eta_noise_seed_delta"]);
  });

  it("the probe extension loads with its script and routes", async () => {
    const probe = (await loadExtensions(tmp, [])).find((e) => e.id === "sdk-probe")!;
    expect(probe).toMatchObject({ status: "loaded", routePrefix: "sdk-probe" });
    expect(probe.scripts.map((s) => s.title)).toEqual(["SDK probe"]);
    expect(probe.routes.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /v1/info", "POST /v1/echo", "GET /v1/detectors", "GET /v1/fail"]);
  });

  it("refuses a value import of a project module, and explains", async () => {
    const failed = (await loadExtensions(tmp, [])).find((e) => e.id === "c-reaches-state")!;
    expect(failed.status).toBe("failed");
    expect(failed.error).toContain('"@/lib/settings/store" cannot be imported by an extension: import values from "@onyx/sdk"');
  });

  it("refuses a .ts entry that would load as CommonJS", async () => {
    const failed = (await loadExtensions(tmp, [])).find((e) => e.id === "d-commonjs")!;
    expect(failed).toMatchObject({ status: "failed" });
    expect(failed.error).toMatch(/would load as CommonJS: name it \.mts \/ \.mjs, or put a package\.json with "type": "module"/);
  });

  it("checks the SDK version an extension needs", async () => {
    const byId = Object.fromEntries((await loadExtensions(tmp, [])).map((e) => [e.id, e]));
    expect(byId["e-too-new"]).toMatchObject({ status: "failed", error: `extension.json: needs SDK 1.9, this Onyx has SDK ${sdk.SDK_VERSION}` });
    expect(byId["f-other-major"].error).toBe(`extension.json: needs SDK 2.0, this Onyx has SDK ${sdk.SDK_VERSION}`);
    expect(sdkIncompatibility("1", "1.0.0")).toBeNull();
    expect(sdkIncompatibility("1.0", "1.3.2")).toBeNull();
    expect(sdkIncompatibility("1.4", "1.3.2")).toBe("needs SDK 1.4, this Onyx has SDK 1.3.2");
    expect(sdkIncompatibility("0.9", "1.0.0")).toBe("needs SDK 0.9, this Onyx has SDK 1.0.0");
    expect(sdkIncompatibility("^1", "1.0.0")).toBe('"sdk": "^1" is not a version like "1.0"');
  });
});

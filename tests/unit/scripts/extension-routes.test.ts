// Extensions' HTTP routes (docs/extensions.md#http-routes): registered in register(api), mounted at the
// extension's prefix, unknown paths 404, other methods 405, handler values as JSON, failures as A1111's 500
// body, a client's bad body as the API's 4xx; the loader refuses bad paths, reserved or taken prefixes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MAX_BODY_BYTES } from "@/lib/api/request-body";
import { loadExtensions } from "@/lib/scripts/extension-loader";
import { reloadExtensions } from "@/lib/scripts/extension-registry";
import { serveExtensionRoute } from "@/lib/scripts/extension-routes";
import { SDK_VERSION } from "@/lib/sdk/version";

let tmp: string;
const saved = { ...process.env };
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-routes-"));
  fs.cpSync(path.resolve("tests/e2e/extensions/sdk-probe"), path.join(tmp, "exts/sdk-probe"), { recursive: true });
  process.env.EXTENSIONS_DIR = path.join(tmp, "exts");
  process.env.DATA_DIR = path.join(tmp, "data");
  await reloadExtensions();
});

afterAll(() => {
  process.env = saved;
  fs.rmSync(tmp, { recursive: true, force: true });
});

const get = (url: string, init?: RequestInit) => new Request(`http://127.0.0.1${url}`, init);

describe("extension routes", () => {
  it("serves the probe's routes under its prefix with the server's own SDK and settings", async () => {
    const info = await serveExtensionRoute(get("/sdk-probe/v1/info"), "sdk-probe", ["v1", "info"]);
    expect(info.status).toBe(200);
    expect(await info.json()).toEqual({ sdk: SDK_VERSION, prefix: "/sdk-probe", ensd: 0, sameSdk: true, dilated: 9 });
    const echo = await serveExtensionRoute(get("/sdk-probe/v1/echo", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ a: [1, 2] }) }), "sdk-probe", ["v1", "echo"]);
    expect(await echo.json()).toEqual({ got: { a: [1, 2] } });
  });

  it("answers 404 for unknown prefixes and paths, 405 for another method, 500 without a stack for a failing handler", async () => {
    expect((await serveExtensionRoute(get("/nobody/v1/info"), "nobody", ["v1", "info"])).status).toBe(404);
    const missing = await serveExtensionRoute(get("/sdk-probe/v1/nothing"), "sdk-probe", ["v1", "nothing"]);
    expect([missing.status, await missing.json()]).toEqual([404, { detail: "Not Found" }]);
    const wrongMethod = await serveExtensionRoute(get("/sdk-probe/v1/info", { method: "DELETE" }), "sdk-probe", ["v1", "info"]);
    expect([wrongMethod.status, wrongMethod.headers.get("allow")]).toEqual([405, "GET"]);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const failing = await serveExtensionRoute(get("/sdk-probe/v1/fail"), "sdk-probe", ["v1", "fail"]);
    expect([failing.status, await failing.json()]).toEqual([500, { error: "Error", detail: "", body: "", errors: "probe failed on purpose" }]);
    errors.mockRestore();
  });

  it("reads a handler's body like the API's JSON routes: 415, 422 and 413 for a client's bad body, never 500", async () => {
    const echo = (init: RequestInit) => serveExtensionRoute(get("/sdk-probe/v1/echo", { method: "POST", ...init }), "sdk-probe", ["v1", "echo"]);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const plain = await echo({ headers: { "Content-Type": "text/plain;charset=UTF-8" }, body: '{"a":1}' });
    expect([plain.status, (await plain.json()).detail]).toEqual([415, "Unsupported media type 'text/plain': send the body as application/json"]);
    const form = await echo({ headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "a=1" });
    expect(form.status).toBe(415);
    const broken = await echo({ headers: { "Content-Type": "application/json" }, body: '{"a":' });
    expect(broken.status).toBe(422);
    expect((await broken.json()).detail[0].type).toBe("value_error.jsondecode");
    const deep = await echo({ headers: { "Content-Type": "application/json" }, body: "[".repeat(5000) + "]".repeat(5000) });
    expect([deep.status, (await deep.json()).detail[0].type]).toEqual([422, "value_error.nesting"]);
    const empty = await echo({ headers: { "Content-Type": "application/json" } });
    expect([empty.status, (await empty.json()).detail[0].type]).toEqual([422, "value_error.missing"]);
    const huge = await echo({ headers: { "Content-Type": "application/json", "Content-Length": String(MAX_BODY_BYTES + 1) }, body: "{}" });
    expect(huge.status).toBe(413);
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
    // application/*+json and no content type at all (curl, scripts) are JSON bodies.
    expect(await (await echo({ headers: { "Content-Type": "application/vnd.api+json" }, body: '{"a":1}' })).json()).toEqual({ got: { a: 1 } });
    expect(await (await echo({ body: new TextEncoder().encode("[1]") })).json()).toEqual({ got: [1] });
  });

  it("refuses bad route paths, reserved prefixes and a prefix another extension took", async () => {
    const dir = path.join(tmp, "bad");
    const handler = "handler: () => 1";
    const write2 = (id: string, manifest: Record<string, unknown>, body: string) => {
      fs.mkdirSync(path.join(dir, id), { recursive: true });
      fs.writeFileSync(path.join(dir, id, "extension.json"), JSON.stringify({ name: id, entry: "index.mjs", ...manifest }));
      fs.writeFileSync(path.join(dir, id, "index.mjs"), `export function register(api) { ${body} }\n`);
    };
    write2("a-path", {}, `api.registerRoute({ method: "GET", path: "v1/no-slash", ${handler} });`);
    write2("b-reserved", { routePrefix: "sdapi" }, `api.registerRoute({ method: "GET", path: "/v1/x", ${handler} });`);
    write2("c-first", { routePrefix: "shared" }, `api.registerRoute({ method: "GET", path: "/v1/x", ${handler} });`);
    write2("d-second", { routePrefix: "shared" }, `api.registerRoute({ method: "GET", path: "/v1/x", ${handler} });`);
    write2("e-twice", {}, `api.registerRoute({ method: "GET", path: "/v1/x", ${handler} }); api.registerRoute({ method: "GET", path: "/v1/x", ${handler} });`);
    write2("f-folder name", {}, `api.registerRoute({ method: "GET", path: "/v1/x", ${handler} });`);
    const byId = Object.fromEntries((await loadExtensions(dir, [])).map((e) => [e.id, e]));
    expect(byId["a-path"].error).toBe('route path "v1/no-slash" must look like "/v1/name"');
    expect(byId["b-reserved"].error).toBe("extension.json: routePrefix: is a path of the server itself");
    expect(byId["c-first"]).toMatchObject({ status: "loaded", routePrefix: "shared" });
    expect(byId["d-second"].error).toBe('route prefix "/shared" is taken by another extension');
    expect(byId["e-twice"].error).toBe("route GET /v1/x is registered twice");
    expect(byId["f-folder name"].error).toBe('routes cannot be mounted at "/f-folder name": set "routePrefix" in extension.json');
  });
});

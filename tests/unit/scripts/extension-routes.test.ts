// Extensions' HTTP routes (docs/extensions.md#http-routes): registered in register(api), mounted at the
// extension's prefix, unknown paths 404, other methods 405, handler values as JSON, failures as A1111's 500
// body; the loader refuses bad paths, reserved or taken prefixes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadExtensions } from "@/lib/scripts/extension-loader";
import { reloadExtensions } from "@/lib/scripts/extension-registry";
import { serveExtensionRoute } from "@/lib/scripts/extension-routes";

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
    expect(await info.json()).toEqual({ sdk: "1.1.0", prefix: "/sdk-probe", ensd: 0, sameSdk: true, dilated: 9 });
    const echo = await serveExtensionRoute(get("/sdk-probe/v1/echo", { method: "POST", body: JSON.stringify({ a: [1, 2] }) }), "sdk-probe", ["v1", "echo"]);
    expect(await echo.json()).toEqual({ got: { a: [1, 2] } });
  });

  it("gives handlers the installed detectors, read for each request", async () => {
    const ask = async () => (await (await serveExtensionRoute(get("/sdk-probe/v1/detectors"), "sdk-probe", ["v1", "detectors"])).json()).detectors;
    expect(await ask()).toEqual(["mediapipe_face_full", "mediapipe_face_short", "person_centernet"]);
    // A YOLO export dropped into <models>/adetailer/ is offered from the next request on.
    const models = path.join(tmp, "models");
    fs.mkdirSync(path.join(models, "adetailer"), { recursive: true });
    fs.symlinkSync(path.resolve("models/converted"), path.join(models, "converted"));
    fs.writeFileSync(path.join(models, "adetailer", "face_yolov8n.onnx"), "");
    process.env.MODELS_DIR = models;
    expect(await ask()).toEqual(["mediapipe_face_full", "mediapipe_face_short", "person_centernet", "face_yolov8n.onnx"]);
    delete process.env.MODELS_DIR;
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

// The request gate against real servers (docs/security.md): Host, Origin and media-type checks on the
// shared server; then, on servers of their own, the auth matrix — every route family (pages, server
// actions, /files, /api, /internal, /sdapi, /docs, extensions' routes) × no / wrong / right credentials × --auth,
// --api-auth, both, the file forms and the environment forms — the brute-force lockout, --listen's
// warning and --allowed-hosts, and a start refused for an unusable credentials file.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { API_ROUTES } from "@/lib/api/routes";
import { startExtraServer, type ExtraServer } from "../setup/extra-server";
import { getJson, postJson } from "./sdapi";

const baseUrl = inject("baseUrl");
const runDir = inject("runDir");
const basic = (user: string, password: string) => ({ Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` });
const json = { "Content-Type": "application/json" };

/** Server-action ids the way a browser finds them: in the page's script chunks, next to the action's name. */
async function serverActionIds(url: string, headers: Record<string, string> = {}): Promise<Record<string, string>> {
  const page = await fetch(`${url}/`, { headers });
  expect(page.status).toBe(200);
  const html = await page.text();
  const ids: Record<string, string> = {};
  for (const [, src] of html.matchAll(/<script[^>]+src="([^"]+)"/g)) {
    const chunk = await (await fetch(new URL(src, url), { headers })).text();
    for (const [, id, name] of chunk.matchAll(/createServerReference\)\("([0-9a-f]+)",[^;]*?"(\w+)"\)/g)) ids[name] = id;
  }
  expect(ids.applySettings, "applySettings in the page's chunks").toMatch(/^[0-9a-f]{40,}$/);
  return ids;
}

/** POSTs a server action as React's client does: the arguments as a JSON array, text/plain. */
const callAction = (url: string, id: string, args: unknown[], headers: Record<string, string> = {}) =>
  fetch(`${url}/`, { method: "POST", headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", ...headers }, body: JSON.stringify(args) });

/** A GET with a Host header of our choosing (fetch does not let a caller set Host). */
const getWithHost = (url: string, route: string, host: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const target = new URL(url);
    http
      .get({ host: target.hostname, port: target.port, path: route, headers: { Host: host } }, (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });

const clipSkip = async (url: string, headers: Record<string, string> = {}) =>
  (await getJson<{ CLIP_stop_at_last_layers: number }>(`${url}/sdapi/v1/options`, headers)).CLIP_stop_at_last_layers;

describe("cross-site requests and DNS rebinding (shared server, no credentials)", () => {
  it("refuses a Host that is not a loopback name with 403, on pages and the API alike", async () => {
    const port = new URL(baseUrl).port;
    for (const route of ["/", "/sdapi/v1/samplers", "/api/history", "/sdk-probe/v1/info"]) {
      const res = await getWithHost(baseUrl, route, `attacker.example:${port}`);
      expect(res.status, route).toBe(403);
      expect(res.body).toContain("--allowed-hosts attacker.example");
    }
    expect((await getWithHost(baseUrl, "/", `localhost:${port}`)).status).toBe(200);
    expect((await getWithHost(baseUrl, "/sdapi/v1/samplers", `[::1]:${port}`)).status).toBe(200);
  });

  it("refuses state-changing requests from a foreign Origin with 403 and changes nothing", async () => {
    const before = await clipSkip(baseUrl);
    const foreign = { Origin: "https://evil.example" };
    const options = await postJson("/sdapi/v1/options", { CLIP_stop_at_last_layers: 5 }, foreign);
    expect(options.status).toBe(403);
    expect((await options.json()).detail).toContain("Cross-origin request from 'https://evil.example' refused");
    const ids = await serverActionIds(baseUrl);
    expect((await callAction(baseUrl, ids.applySettings, [{ CLIP_stop_at_last_layers: 5 }], foreign)).status).toBe(403);
    expect((await postJson("/internal/progress", { id_task: "x" }, foreign)).status).toBe(403);
    const extension = await postJson("/sdk-probe/v1/echo", {}, foreign);
    expect([extension.status, await extension.text()]).toEqual([403, "Cross-origin request from 'https://evil.example' refused; allow it with --cors-allow-origins"]);
    expect(await clipSkip(baseUrl)).toBe(before);
    // The page's own origin works; a GET from anywhere is only a read that CORS keeps from the other page.
    const own = await callAction(baseUrl, ids.applySettings, [{}], { Origin: baseUrl });
    expect(own.status).toBe(200);
    expect((await fetch(`${baseUrl}/sdapi/v1/samplers`, { headers: foreign })).status).toBe(200);
    const ownExtension = await postJson("/sdk-probe/v1/echo", { a: 1 }, { Origin: baseUrl });
    expect([ownExtension.status, await ownExtension.json()]).toEqual([200, { got: { a: 1 } }]);
  });

  it("answers text/plain and form bodies to the JSON API with 415 and changes nothing", async () => {
    const before = await clipSkip(baseUrl);
    const cases: Array<[string, string, string]> = [
      ["/sdapi/v1/options", "text/plain", JSON.stringify({ CLIP_stop_at_last_layers: 5 })],
      ["/sdapi/v1/options", "application/x-www-form-urlencoded", "CLIP_stop_at_last_layers=5"],
      ["/sdapi/v1/txt2img", "text/plain;charset=UTF-8", JSON.stringify({ prompt: "cross-site", steps: 1, width: 64, height: 64, save_images: true })],
      ["/sdapi/v1/txt2img", "multipart/form-data; boundary=x", "--x\r\n\r\n{}\r\n--x--"],
    ];
    for (const [route, type, body] of cases) {
      const res = await fetch(`${baseUrl}${route}`, { method: "POST", headers: { "Content-Type": type }, body });
      expect(res.status, `${route} ${type}`).toBe(415);
      expect((await res.json()).detail).toMatch(/^Unsupported media type '.+': send the body as application\/json$/);
    }
    expect(await clipSkip(baseUrl)).toBe(before);
    // An extension's route reads its body through the same rule (lib/scripts/extension-routes.ts).
    const extension = await fetch(`${baseUrl}/sdk-probe/v1/echo`, { method: "POST", headers: { "Content-Type": "text/plain" }, body: "{}" });
    expect([extension.status, (await extension.json()).detail]).toEqual([415, "Unsupported media type 'text/plain': send the body as application/json"]);
    // Body-less POSTs (A1111 clients' interrupt and skip) need no content type.
    expect((await fetch(`${baseUrl}/sdapi/v1/interrupt`, { method: "POST" })).status).toBe(200);
  });
});

interface AuthConfig {
  name: string;
  args?: string[];
  env?: Record<string, string>;
  /** The pairs the server must accept; every one of them works on every route. */
  accepted: Array<[string, string]>;
}

describe("one auth rule over every route", () => {
  const secrets = path.join(runDir, "secrets");
  const file = (name: string, text: string) => {
    fs.mkdirSync(secrets, { recursive: true });
    fs.writeFileSync(path.join(secrets, name), text);
    return path.join(secrets, name);
  };
  const configs: AuthConfig[] = [
    { name: "--auth", args: ["--auth", "ui:ui-pass"], accepted: [["ui", "ui-pass"]] },
    { name: "--api-auth", args: ["--api-auth", "api:api-pass"], accepted: [["api", "api-pass"]] },
    { name: "--auth and --api-auth", args: ["--auth", "ui:ui-pass", "--api-auth", "api:api-pass,bot:bot:pass"], accepted: [["ui", "ui-pass"], ["api", "api-pass"], ["bot", "bot:pass"]] },
    {
      name: "--auth-file and --api-auth-file",
      args: ["--auth-file", file("auth.txt", "alice:alice-pass\n"), "--api-auth-file", file("api-auth.txt", "carol:carol-pass, dave:dave-pass\n")],
      accepted: [["alice", "alice-pass"], ["carol", "carol-pass"], ["dave", "dave-pass"]],
    },
    { name: "ONYX_AUTH and ONYX_API_AUTH_FILE", env: { ONYX_AUTH: "erin:erin-pass", ONYX_API_AUTH_FILE: file("env-api.txt", "frank:frank-pass") }, accepted: [["erin", "erin-pass"], ["frank", "frank-pass"]] },
  ];

  /** Every route family; `body` for POSTs is small so that a right password runs only tiny jobs. */
  const routes: Array<{ method: "GET" | "POST"; path: string; body?: string }> = [
    { method: "GET", path: "/" },
    { method: "GET", path: "/files/txt2img-images/2026-01-01/00000-1.png" },
    { method: "GET", path: "/api/history" },
    { method: "GET", path: "/api/history/1" },
    { method: "POST", path: "/internal/progress", body: '{"id_task":"none"}' },
    { method: "GET", path: "/docs" },
    { method: "GET", path: "/openapi.json" },
    { method: "GET", path: "/_next/static/chunks/does-not-exist.js" },
    { method: "GET", path: "/sdk-probe/v1/info" },
    { method: "POST", path: "/sdk-probe/v1/echo", body: '{"a":1}' },
    ...API_ROUTES.map((r) => ({ method: r.method, path: r.path, body: r.method === "POST" ? (r.path.endsWith("/txt2img") ? '{"steps":1,"width":64,"height":64}' : "{}") : undefined })),
  ];

  for (const config of configs) {
    describe(config.name, () => {
      let server: ExtraServer;
      const dir = path.join(runDir, `auth-${configs.indexOf(config)}`);

      beforeAll(async () => {
        const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#123456" } }).png().toBuffer();
        const image = path.join(dir, "outputs/txt2img-images/2026-01-01/00000-1.png");
        fs.mkdirSync(path.dirname(image), { recursive: true });
        fs.writeFileSync(image, png);
        server = await startExtraServer({ offset: 2, dir, args: config.args, env: config.env });
      });
      afterAll(() => server?.stop());

      it("answers every route 401 without or with wrong credentials, and serves it with each accepted pair", async () => {
        const [firstUser, firstPassword] = config.accepted[0];
        for (const route of routes) {
          const send = (headers: Record<string, string>) =>
            fetch(`${server.url}${route.path}`, { method: route.method, headers: { ...(route.body ? json : {}), ...headers }, body: route.body });
          const none = await send({});
          expect(none.status, `${route.method} ${route.path} without credentials`).toBe(401);
          expect(none.headers.get("www-authenticate"), route.path).toMatch(/^Basic/);
          const wrong = await send(basic(firstUser, `${firstPassword}-wrong`));
          expect(wrong.status, `${route.method} ${route.path} with a wrong password`).toBe(401);
          for (const [user, password] of config.accepted) {
            const right = await send(basic(user, password));
            expect(right.status, `${route.method} ${route.path} as ${user}`).not.toBe(401);
            expect(right.status, `${route.method} ${route.path} as ${user}`).toBeLessThan(500);
          }
        }
        const image = await fetch(`${server.url}/files/txt2img-images/2026-01-01/00000-1.png`, { headers: basic(firstUser, firstPassword) });
        expect([image.status, image.headers.get("content-type")]).toEqual([200, "image/png"]);
        const api = await fetch(`${server.url}/sdapi/v1/options`);
        expect(await api.json()).toMatchObject({ detail: "Not authenticated" });
        // Extensions' routes answer (their handler ran) only with credentials.
        for (const [user, password] of config.accepted) {
          const info = await fetch(`${server.url}/sdk-probe/v1/info`, { headers: basic(user, password) });
          expect([info.status, (await info.json()).sameSdk], user).toEqual([200, true]);
        }
      });

      it("protects server actions: none run without the right credentials", async () => {
        const [user, password] = config.accepted.at(-1)!;
        const ids = await serverActionIds(server.url, basic(user, password));
        const change = [{ CLIP_stop_at_last_layers: 4 }];
        expect((await callAction(server.url, ids.applySettings, change)).status).toBe(401);
        expect((await callAction(server.url, ids.applySettings, change, basic(user, "wrong"))).status).toBe(401);
        expect((await callAction(server.url, ids.submitTxt2img, [{ prompt: "no", steps: 1, width: 64, height: 64 }])).status).toBe(401);
        expect(await clipSkip(server.url, basic(user, password))).toBe(1);
        for (const [name, pass] of config.accepted) {
          const done = await callAction(server.url, ids.applySettings, [{ CLIP_stop_at_last_layers: 2 }], basic(name, pass));
          expect(done.status, name).toBe(200);
          expect(await clipSkip(server.url, basic(name, pass))).toBe(2);
          await callAction(server.url, ids.applySettings, [{ CLIP_stop_at_last_layers: 1 }], basic(name, pass));
        }
      });
    });
  }
});

describe("brute force", () => {
  let server: ExtraServer;
  beforeAll(async () => {
    server = await startExtraServer({ offset: 3, args: ["--api-auth", "u:right"], env: { ONYX_AUTH_LOCKOUT_SECONDS: "2" } });
  });
  afterAll(() => server?.stop());

  it("locks a client out with 429 after 10 wrong passwords — the right one too — and lets it in after the pause", async () => {
    const get = (password: string) => fetch(`${server.url}/sdapi/v1/options`, { headers: basic("u", password) });
    for (let i = 1; i < 10; i++) expect((await get(`guess-${i}`)).status, `guess ${i}`).toBe(401);
    const locked = await get("guess-10");
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toBe("2");
    expect((await locked.json()).detail).toMatch(/^Too many wrong passwords; try again in 2 s$/);
    expect((await get("right")).status).toBe(429);
    await new Promise((r) => setTimeout(r, 2300));
    expect((await get("right")).status).toBe(200);
    expect(server.output()).toMatch(/auth: 10 wrong passwords from 127\.0\.0\.1; locked out for 2 s/);
    expect(server.output()).not.toContain("guess-");
  });
});

describe("--listen and --allowed-hosts", () => {
  let server: ExtraServer;
  beforeAll(async () => {
    server = await startExtraServer({ offset: 4, args: ["--listen", "--allowed-hosts", "onyx.test"] });
  });
  afterAll(() => server?.stop());

  it("warns at start and in the UI footer that anyone on the network can use it", async () => {
    expect(server.output()).toMatch(/WARNING: Onyx is listening on every network interface without credentials: anyone who can reach this machine/);
    const html = await (await fetch(`${server.url}/`)).text();
    expect(html).toMatch(/<footer role="alert"[^>]*>Onyx is listening on every network interface without credentials/);
    expect(await (await fetch(`${baseUrl}/`)).text()).not.toContain("listening on every network interface");
  });

  it("serves the listed host and IP literals, and refuses other names", async () => {
    const port = new URL(server.url).port;
    expect((await getWithHost(server.url, "/sdapi/v1/samplers", `onyx.test:${port}`)).status).toBe(200);
    expect((await getWithHost(server.url, "/sdapi/v1/samplers", `192.0.2.7:${port}`)).status).toBe(200);
    expect((await getWithHost(server.url, "/sdapi/v1/samplers", `evil.example:${port}`)).status).toBe(403);
  });
});

describe("unusable credentials", () => {
  it("refuses to start on an empty credentials file, with a message and no stack trace", async () => {
    const empty = path.join(runDir, "empty-auth.txt");
    fs.writeFileSync(empty, "\n");
    const server = await startExtraServer({ offset: 5, args: ["--auth-file", empty] });
    await new Promise((r) => setTimeout(r, 100));
    try {
      expect(server.exitCode()).toBe(2);
      expect(server.output()).toContain(`Onyx cannot start: ONYX_AUTH_FILE (--auth-file) ${empty}: no "user:password" pair`);
      expect(server.output()).not.toMatch(/^\s+at /m);
    } finally {
      await server.stop();
    }
  });
});

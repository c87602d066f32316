import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AuthThrottle, clientKey, DEFAULT_THROTTLE } from "@/lib/security/auth-throttle";
import { CredentialError } from "@/lib/security/basic-auth";
import { hasCredentialSource, loadCredentials } from "@/lib/security/credentials";
import { exposureWarning } from "@/lib/security/exposure";
import { hostName, isAllowedHost, parseAllowedHosts } from "@/lib/security/hosts";
import { createRequestGate, gatePolicyFromEnv, type GateRequest } from "@/lib/security/request-gate";

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-gate-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("credential sources", () => {
  it("accepts the union of --auth, --api-auth and both file forms", () => {
    const authFile = path.join(dir, "auth.txt");
    const apiFile = path.join(dir, "api-auth.txt");
    fs.writeFileSync(authFile, "file-user:file-pass\n");
    fs.writeFileSync(apiFile, "api-file:one,api-file2:two\n");
    const env = { ONYX_AUTH: "ui:p1", ONYX_API_AUTH: "api:p2", ONYX_AUTH_FILE: authFile, ONYX_API_AUTH_FILE: apiFile };
    expect(loadCredentials(env).map((c) => c.user)).toEqual(["ui", "api", "file-user", "api-file", "api-file2"]);
    expect(hasCredentialSource(env)).toBe(true);
    expect(loadCredentials({})).toEqual([]);
    expect(hasCredentialSource({ ONYX_AUTH: "" })).toBe(false);
  });

  it("fails closed: an unreadable or empty file is an error, never an open server", () => {
    expect(() => loadCredentials({ ONYX_AUTH_FILE: path.join(dir, "missing.txt") })).toThrow(/ONYX_AUTH_FILE \(--auth-file\) .*missing\.txt: cannot read the file \(ENOENT\)/);
    const empty = path.join(dir, "empty.txt");
    fs.writeFileSync(empty, "\n\n");
    expect(() => loadCredentials({ ONYX_API_AUTH_FILE: empty })).toThrow(CredentialError);
    expect(() => loadCredentials({ ONYX_API_AUTH_FILE: empty })).toThrow(/no "user:password" pair/);
    expect(() => loadCredentials({ ONYX_AUTH: "," })).toThrow(/ONYX_AUTH \(--auth\): no "user:password" pair/);
  });
});

describe("Host check (DNS rebinding)", () => {
  const loopback = { listen: false, allowed: [] };

  it("parses Host headers with ports and IPv6 brackets", () => {
    expect(hostName("LocalHost:7860")).toBe("localhost");
    expect(hostName("[::1]:7860")).toBe("::1");
    expect(hostName("example.com.")).toBe("example.com");
    expect(hostName("bad host")).toBeNull();
    expect(hostName("[nothex]:1")).toBeNull();
  });

  it("bound to loopback, serves only loopback names and addresses plus --allowed-hosts", () => {
    for (const host of ["127.0.0.1:7860", "localhost:7860", "app.localhost", "[::1]:7860", "127.1.2.3", undefined]) {
      expect(isAllowedHost(loopback, host), String(host)).toBe(true);
    }
    for (const host of ["evil.example:7860", "192.168.1.5:7860", "localhost.evil.example", "", "a b"]) {
      expect(isAllowedHost(loopback, host), host).toBe(false);
    }
    const listed = { listen: false, allowed: parseAllowedHosts("onyx.lan, .home.arpa") };
    expect(isAllowedHost(listed, "onyx.lan:7860")).toBe(true);
    expect(isAllowedHost(listed, "pc.home.arpa")).toBe(true);
    expect(isAllowedHost(listed, "home.arpa")).toBe(true);
    expect(isAllowedHost(listed, "evilhome.arpa")).toBe(false);
  });

  it("with --listen serves any name, or with --allowed-hosts those plus IP literals", () => {
    expect(isAllowedHost({ listen: true, allowed: [] }, "anything.example")).toBe(true);
    const listed = { listen: true, allowed: ["onyx.lan"] };
    expect(isAllowedHost(listed, "192.168.1.5:7860")).toBe(true);
    expect(isAllowedHost(listed, "[fe80::1]:7860")).toBe(true);
    expect(isAllowedHost(listed, "onyx.lan")).toBe(true);
    expect(isAllowedHost(listed, "evil.example")).toBe(false);
  });
});

describe("auth throttle", () => {
  it("locks a client out after the limit, doubles the pause, and a success clears the count", () => {
    const throttle = new AuthThrottle({ ...DEFAULT_THROTTLE, maxFailures: 3, lockoutMs: 1000 });
    expect([throttle.failure("a", 0), throttle.failure("a", 1)]).toEqual([0, 0]);
    expect(throttle.failure("a", 2)).toBe(1000);
    expect(throttle.lockedFor("a", 500)).toBe(502);
    expect(throttle.lockedFor("b", 500)).toBe(0);
    expect(throttle.lockedFor("a", 1002)).toBe(0);
    for (let t = 1100; t < 1103; t++) throttle.failure("a", t);
    expect(throttle.lockedFor("a", 1102)).toBe(2000);
    throttle.success("a");
    expect(throttle.lockedFor("a", 1200)).toBe(0);
    expect(throttle.failure("a", 1200)).toBe(0);
  });

  it("forgets failures older than the window, and keeps the table bounded", () => {
    const throttle = new AuthThrottle({ ...DEFAULT_THROTTLE, maxFailures: 2, windowMs: 100, maxClients: 3 });
    throttle.failure("a", 0);
    expect(throttle.failure("a", 200)).toBe(0);
    for (const key of ["b", "c", "d", "e"]) throttle.failure(key, 300);
    expect(throttle.size).toBe(3);
  });

  it("keys IPv4-mapped addresses as IPv4 and IPv6 by /64", () => {
    expect(clientKey("::ffff:10.0.0.7")).toBe("10.0.0.7");
    expect(clientKey("2001:db8:1:2:aaaa::1")).toBe("2001:0db8:0001:0002::/64");
    expect(clientKey("2001:db8:1:2:bbbb:cccc:dddd:eeee")).toBe("2001:0db8:0001:0002::/64");
    expect(clientKey("::1")).toBe("0000:0000:0000:0000::/64");
  });
});

describe("request gate", () => {
  const request = (over: Partial<GateRequest> & { headers?: Record<string, string> } = {}): GateRequest => ({
    method: "GET",
    url: "/",
    address: "127.0.0.1",
    ...over,
    headers: { host: "127.0.0.1:7860", ...over.headers },
  });
  const open = createRequestGate(gatePolicyFromEnv({}));
  const guarded = () => createRequestGate(gatePolicyFromEnv({ ONYX_AUTH: "u:p", ONYX_API_AUTH: "api:key" }));

  it("lets everything through when nothing is configured and the request is well-formed", () => {
    expect(open(request())).toBeNull();
    expect(open(request({ method: "POST", url: "/sdapi/v1/txt2img", headers: { "content-type": "application/json", "content-length": "2" } }))).toBeNull();
  });

  it("answers broken percent-encoding with 400, in the route's shape", () => {
    const files = open(request({ url: "/files/%ff.png" }));
    expect(files).toMatchObject({ status: 400, body: "Malformed URL: invalid percent-encoding in the path" });
    const api = open(request({ url: "/api/history/%ff" }));
    expect(api?.status).toBe(400);
    expect(JSON.parse(api!.body)).toMatchObject({ error: "HTTPException", detail: "Malformed URL: invalid percent-encoding in the path" });
  });

  it("refuses a rebinding Host with 403, whatever the method", () => {
    const refused = open(request({ headers: { host: "attacker.example:7860" } }));
    expect(refused).toMatchObject({ status: 403 });
    expect(refused!.body).toContain("--allowed-hosts attacker.example");
  });

  it("refuses state-changing requests from a foreign Origin; own and allowed origins and GETs pass", () => {
    const post = (origin: string, gate = open) => gate(request({ method: "POST", url: "/sdapi/v1/options", headers: { origin, "content-type": "application/json", "content-length": "2" } }));
    expect(post("https://evil.example")).toMatchObject({ status: 403 });
    expect(post("null")).toMatchObject({ status: 403 });
    expect(post("http://127.0.0.1:7860")).toBeNull();
    expect(post("http://localhost:7860")).toMatchObject({ status: 403 }); // a different origin than the Host it was sent to
    expect(open(request({ method: "GET", url: "/sdapi/v1/options", headers: { origin: "https://evil.example" } }))).toBeNull();
    const allowing = createRequestGate(gatePolicyFromEnv({ ONYX_CORS_ALLOW_ORIGINS: "https://app.example", ONYX_CORS_ALLOW_ORIGINS_REGEX: String.raw`https://.*\.trusted\.example` }));
    expect(post("https://app.example", allowing)).toBeNull();
    expect(post("https://x.trusted.example", allowing)).toBeNull();
    expect(post("https://x.trusted.example.evil", allowing)).toMatchObject({ status: 403 });
    expect(post("https://evil.example", allowing)).toMatchObject({ status: 403 });
  });

  it("answers a non-JSON body to a JSON route with 415; empty bodies, pages and server actions are not JSON routes", () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const refused = open(request({ method: "POST", url: "/sdapi/v1/txt2img", headers: { "content-type": type, "content-length": "10" } }));
      expect(refused, type).toMatchObject({ status: 415 });
      expect(open(request({ method: "POST", url: "/internal/progress", headers: { "content-type": type, "transfer-encoding": "chunked" } }))).toMatchObject({ status: 415 });
    }
    expect(open(request({ method: "POST", url: "/sdapi/v1/txt2img", headers: { "content-type": "application/json; charset=utf-8", "content-length": "10" } }))).toBeNull();
    expect(open(request({ method: "POST", url: "/sdapi/v1/interrupt", headers: { "content-type": "text/plain", "content-length": "0" } }))).toBeNull();
    expect(open(request({ method: "POST", url: "/sdapi/v1/interrupt" }))).toBeNull();
    expect(open(request({ method: "POST", url: "/", headers: { "next-action": "abc", "content-type": "text/plain;charset=UTF-8", "content-length": "4" } }))).toBeNull();
    expect(open(request({ method: "POST", url: "/%73dapi/v1/txt2img", headers: { "content-type": "text/plain", "content-length": "4" } }))).toMatchObject({ status: 415 });
  });

  it("with credentials, every route needs one of the accepted pairs (UI and API both), OPTIONS aside", () => {
    const gate = guarded();
    for (const url of ["/", "/files/a.png", "/api/history", "/internal/progress", "/docs", "/openapi.json", "/_next/static/chunks/x.js", "/sdapi/v1/samplers"]) {
      expect(gate(request({ url }))?.status, url).toBe(401);
      expect(gate(request({ url, headers: { authorization: basic("u", "p") } })), url).toBeNull();
      expect(gate(request({ url, headers: { authorization: basic("api", "key") } })), url).toBeNull();
      expect(gate(request({ url, headers: { authorization: basic("u", "key") } }))?.status, url).toBe(401);
    }
    expect(gate(request({ method: "OPTIONS", url: "/sdapi/v1/txt2img" }))).toBeNull();
    const api = gate(request({ url: "/sdapi/v1/options" }))!;
    expect(api.headers["WWW-Authenticate"]).toBe("Basic");
    expect(JSON.parse(api.body).detail).toBe("Not authenticated");
    expect(gate(request({ url: "/" }))!.headers["WWW-Authenticate"]).toMatch(/^Basic realm="Onyx"/);
  });

  it("locks out a client after 10 wrong passwords (429 with Retry-After, even for the right one), other clients unaffected", () => {
    const gate = guarded();
    const wrong = (address: string, now: number) => gate(request({ address, headers: { authorization: basic("u", "guess") } }), now);
    for (let i = 0; i < 9; i++) expect(wrong("10.0.0.1", i)?.status).toBe(401);
    const locked = wrong("10.0.0.1", 9)!;
    expect(locked.status).toBe(429);
    expect(locked.headers["Retry-After"]).toBe("30");
    const right = (address: string, now: number) => gate(request({ address, headers: { authorization: basic("u", "p") } }), now);
    expect(right("10.0.0.1", 1000)?.status).toBe(429);
    expect(right("10.0.0.2", 1000)).toBeNull();
    expect(right("10.0.0.1", 9 + 30_000)).toBeNull();
    // The success cleared the count: the next wrong password is a plain 401 again.
    expect(wrong("10.0.0.1", 30_010)?.status).toBe(401);
  });

  it("takes the lockout from ONYX_AUTH_LOCKOUT_SECONDS", () => {
    expect(gatePolicyFromEnv({ ONYX_AUTH_LOCKOUT_SECONDS: "2" }).throttle.lockoutMs).toBe(2000);
  });
});

describe("--listen warning", () => {
  it("warns only when listening on every interface without any credential source", () => {
    expect(exposureWarning({ ONYX_LISTEN: "1" })).toMatch(/anyone who can reach this machine/);
    expect(exposureWarning({ ONYX_LISTEN: "1", ONYX_AUTH_FILE: "auth.txt" })).toBeNull();
    expect(exposureWarning({})).toBeNull();
  });
});

// CORS as A1111's --cors-allow-origins / --cors-allow-origins-regex configure Starlette's middleware,
// through the real route wrapper. Refusing foreign pages' requests is the request gate's
// (tests/unit/security/request-gate.test.ts).
import { afterEach, describe, expect, it } from "vitest";
import { apiPreflight, apiRoute } from "@/lib/api/api-route";

const handler = apiRoute(() => ({ ok: true }));
const saved = { o: process.env.ONYX_CORS_ALLOW_ORIGINS, r: process.env.ONYX_CORS_ALLOW_ORIGINS_REGEX };
afterEach(() => {
  for (const [name, value] of [["ONYX_CORS_ALLOW_ORIGINS", saved.o], ["ONYX_CORS_ALLOW_ORIGINS_REGEX", saved.r]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});
const req = (method: string, headers: Record<string, string> = {}) => new Request("http://127.0.0.1:7860/sdapi/v1/options", { method, headers: { host: "127.0.0.1:7860", ...headers } });

describe("without CORS flags", () => {
  it("sends no CORS headers and answers preflights with FastAPI's 405", async () => {
    const res = await handler(req("GET", { origin: "https://other.example" }), undefined);
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    const pre = apiPreflight(req("OPTIONS", { origin: "https://other.example", "access-control-request-method": "POST" }));
    expect(pre.status).toBe(405);
  });
});

describe("with --cors-allow-origins and --cors-allow-origins-regex", () => {
  it("echoes an allowed origin with credentials, and answers its preflight as Starlette does", async () => {
    process.env.ONYX_CORS_ALLOW_ORIGINS = "https://a.example,http://localhost:3000";
    const res = await handler(req("POST", { origin: "http://localhost:3000" }), undefined);
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    expect(res.headers.get("access-control-allow-credentials")).toBe("true");
    expect(res.headers.get("vary")).toBe("Origin");
    const pre = apiPreflight(req("OPTIONS", { origin: "https://a.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type,authorization" }));
    expect(pre.status).toBe(200);
    expect(Object.fromEntries(pre.headers)).toMatchObject({
      "access-control-allow-origin": "https://a.example",
      "access-control-allow-methods": "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT",
      "access-control-allow-headers": "content-type,authorization",
      "access-control-max-age": "600",
    });
    expect(apiPreflight(req("OPTIONS", { origin: "https://b.example", "access-control-request-method": "POST" })).status).toBe(400);
  });

  it("matches the regex against the whole origin", async () => {
    process.env.ONYX_CORS_ALLOW_ORIGINS_REGEX = String.raw`https://.*\.trusted\.example`;
    expect((await handler(req("GET", { origin: "https://app.trusted.example" }), undefined)).headers.get("access-control-allow-origin")).toBe("https://app.trusted.example");
    expect((await handler(req("GET", { origin: "https://app.trusted.example.evil.com" }), undefined)).headers.get("access-control-allow-origin")).toBeNull();
  });
});

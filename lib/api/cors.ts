// Cross-origin access to /sdapi as A1111 configures it (docs/cors.md): only with
// `--cors-allow-origins a,b` and/or `--cors-allow-origins-regex RE` (ONYX_CORS_ALLOW_ORIGINS,
// ONYX_CORS_ALLOW_ORIGINS_REGEX), answered like Starlette's CORSMiddleware (credentials allowed, every
// method and requested header). Without them no CORS header is sent. The same allow-list decides
// which foreign pages may send state-changing requests at all: the request gate refuses the others
// before anything runs (lib/security/request-gate.ts, docs/security.md#cross-site-requests-and-dns-rebinding).

export interface CorsPolicy {
  origins: readonly string[];
  regex: RegExp | null;
}

const ALL_METHODS = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT";

export function corsPolicy(env: NodeJS.Dict<string> = process.env): CorsPolicy {
  const origins = (env.ONYX_CORS_ALLOW_ORIGINS ?? "").split(",").map((o) => o.trim()).filter(Boolean);
  let regex: RegExp | null = null;
  if (env.ONYX_CORS_ALLOW_ORIGINS_REGEX) {
    try {
      // Starlette matches the whole origin (re.fullmatch).
      regex = new RegExp(`^(?:${env.ONYX_CORS_ALLOW_ORIGINS_REGEX})$`);
    } catch {
      regex = null;
    }
  }
  return { origins, regex };
}

export function isAllowedOrigin(policy: CorsPolicy, origin: string): boolean {
  return policy.origins.includes("*") || policy.origins.includes(origin) || (policy.regex?.test(origin) ?? false);
}

/** Headers for the response to an actual request from an allowed origin (none otherwise). */
export function corsHeaders(request: Request, policy = corsPolicy()): Record<string, string> {
  const origin = request.headers.get("origin");
  if (!origin || !isAllowedOrigin(policy, origin)) return {};
  return { "Access-Control-Allow-Origin": origin, "Access-Control-Allow-Credentials": "true", Vary: "Origin" };
}

/** OPTIONS on an /sdapi route: a CORS preflight answer, or FastAPI's 405 when CORS is not configured. */
export function preflightResponse(request: Request, policy = corsPolicy()): Response {
  const origin = request.headers.get("origin");
  const configured = policy.origins.length > 0 || policy.regex !== null;
  if (!configured || !origin || !request.headers.get("access-control-request-method")) {
    return Response.json({ detail: "Method Not Allowed" }, { status: 405, headers: { Allow: "GET, POST" } });
  }
  if (!isAllowedOrigin(policy, origin)) return new Response("Disallowed CORS origin", { status: 400, headers: { Vary: "Origin" } });
  const headers: Record<string, string> = {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Methods": ALL_METHODS,
    "Access-Control-Allow-Credentials": "true",
    "Access-Control-Max-Age": "600",
    Vary: "Origin",
  };
  const requested = request.headers.get("access-control-request-headers");
  if (requested) headers["Access-Control-Allow-Headers"] = requested;
  return new Response("OK", { status: 200, headers });
}

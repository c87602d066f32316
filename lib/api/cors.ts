// Cross-origin access to /sdapi as A1111 configures it (docs/cors.md): only with
// `--cors-allow-origins a,b` and/or `--cors-allow-origins-regex RE` (ONYX_CORS_ALLOW_ORIGINS,
// ONYX_CORS_ALLOW_ORIGINS_REGEX), answered like Starlette's CORSMiddleware (credentials allowed, every
// method and requested header). Without them no CORS header is sent, and — stricter than A1111 —
// a request that would change something (any method but GET/HEAD) from a foreign page is refused
// before it runs, since a browser sends such "simple" requests without asking first.
import { ApiError } from "@/lib/api/errors";

export interface CorsPolicy {
  origins: readonly string[];
  regex: RegExp | null;
}

const ALL_METHODS = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT";

export function corsPolicy(env: NodeJS.ProcessEnv = process.env): CorsPolicy {
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

/** The request's own origin: a page served by this server is not foreign. */
function isSameOrigin(request: Request, origin: string): boolean {
  try {
    return new URL(origin).host === (request.headers.get("host") ?? new URL(request.url).host);
  } catch {
    return false;
  }
}

/** Headers for the response to an actual request from an allowed origin (none otherwise). */
export function corsHeaders(request: Request, policy = corsPolicy()): Record<string, string> {
  const origin = request.headers.get("origin");
  if (!origin || !isAllowedOrigin(policy, origin)) return {};
  return { "Access-Control-Allow-Origin": origin, "Access-Control-Allow-Credentials": "true", Vary: "Origin" };
}

/** Refuses a state-changing request from a page of a foreign, not allowed origin. */
export function checkRequestOrigin(request: Request, policy = corsPolicy()): void {
  const origin = request.headers.get("origin");
  if (!origin || request.method === "GET" || request.method === "HEAD") return;
  if (isSameOrigin(request, origin) || isAllowedOrigin(policy, origin)) return;
  throw new ApiError(403, `requests from origin ${origin} are not allowed; start with --cors-allow-origins to allow it`);
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

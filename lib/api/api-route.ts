// The wrapper every /sdapi/v1 route handler goes through: foreign-origin refusal and CORS headers
// (lib/api/cors.ts), `--api-auth` (ONYX_API_AUTH) Basic auth, A1111's `X-Process-Time` header, JSON
// encoding of the handler's value, and A1111's error shapes.
// /sdapi is outside proxy.ts's matcher (the proxy buffers bodies only up to 10 MB), so this guard
// is where API auth lives.
import { ApiError, errorResponse } from "@/lib/api/errors";
import { checkBasicAuth, parseCredentialList } from "@/lib/api/basic-auth";
import { checkRequestOrigin, corsHeaders, preflightResponse } from "@/lib/api/cors";

type Handler<C> = (request: Request, context: C) => Promise<unknown> | unknown;

const CHALLENGE = { "WWW-Authenticate": "Basic" };

/** Throws the 401 FastAPI's HTTPBasic dependency answers with when the request lacks valid credentials. */
export function requireApiAuth(request: Request, spec = process.env.ONYX_API_AUTH): void {
  const outcome = checkBasicAuth(request.headers.get("authorization"), parseCredentialList(spec));
  if (outcome === "missing") throw new ApiError(401, "Not authenticated", CHALLENGE);
  if (outcome === "wrong") throw new ApiError(401, "Incorrect username or password", CHALLENGE);
}

export function apiRoute<C = unknown>(handler: Handler<C>): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    const started = performance.now();
    let response: Response;
    try {
      checkRequestOrigin(request);
      requireApiAuth(request);
      const value = await handler(request, context);
      response = value instanceof Response ? value : Response.json(value ?? null);
    } catch (e) {
      response = errorResponse(e);
    }
    response.headers.set("X-Process-Time", ((performance.now() - started) / 1000).toFixed(4));
    for (const [name, value] of Object.entries(corsHeaders(request))) response.headers.set(name, value);
    return response;
  };
}

/** Every /sdapi route's OPTIONS handler: CORS preflights (no auth: browsers send none with them). */
export const apiPreflight = (request: Request): Response => preflightResponse(request);

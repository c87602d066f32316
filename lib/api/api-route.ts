// The wrapper every /sdapi/v1 route handler goes through: A1111's `X-Process-Time` header, JSON
// encoding of the handler's value, A1111's error shapes, and CORS headers for allowed origins
// (lib/api/cors.ts). Credentials, Origin, Host and media type are checked before a request gets
// here, by the request gate (lib/security/request-gate.ts). The extensions are loaded first, so the
// settings they declare are known to `/options` and `override_settings` (docs/extensions.md#settings).
import { errorResponse } from "@/lib/api/errors";
import { corsHeaders, preflightResponse } from "@/lib/api/cors";
import { extensionsReady } from "@/lib/scripts/extension-registry";

type Handler<C> = (request: Request, context: C) => Promise<unknown> | unknown;

export function apiRoute<C = unknown>(handler: Handler<C>): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    const started = performance.now();
    let response: Response;
    try {
      await extensionsReady();
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

/** Every /sdapi route's OPTIONS handler: CORS preflights (the gate lets them through without credentials). */
export const apiPreflight = (request: Request): Response => preflightResponse(request);

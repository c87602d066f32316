// Serving extensions' HTTP routes (docs/extensions.md#http-routes): `/<prefix>/<path>` goes to the route the
// extension mounted at `/<prefix>` registered for that method and path. Unknown paths answer FastAPI's 404,
// a known path with another method its 405; a handler's value is sent as JSON, a thrown error as A1111's
// error body with status 500 (class and message, never a stack trace). The handler's request reads its body
// like the server's own JSON routes (docs/security.md#extension-routes), so a client's bad body is a 4xx.
import { ApiError, errorResponse } from "@/lib/api/errors";
import { decodeJsonBody, readBodyBytes } from "@/lib/api/request-body";
import { onyxPaths } from "@/lib/config";
import { listDetectors } from "@/lib/detection/registry";
import { extensionRoutes } from "@/lib/scripts/extension-registry";
import { isJsonMediaType, unsupportedMediaTypeDetail } from "@/lib/security/media-type";
import { loadOptions } from "@/lib/settings/store";

/**
 * `arrayBuffer()`, `text()` and `json()` with the API's body limits: 413 past MAX_BODY_BYTES; for `json()` 415
 * for a non-JSON media type (a cross-site form or text/plain post), 422 for an empty, too deeply nested or
 * undecodable body.
 */
class BoundedBodyRequest extends Request {
  override async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await readBodyBytes(this);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  override async text(): Promise<string> {
    return (await readBodyBytes(this)).toString("utf8");
  }

  override async json(): Promise<unknown> {
    const contentType = this.headers.get("content-type");
    if (contentType !== null && !isJsonMediaType(contentType)) throw new ApiError(415, unsupportedMediaTypeDetail(contentType));
    return decodeJsonBody(await this.text());
  }
}

const notFound = () => Response.json({ detail: "Not Found" }, { status: 404 });

export async function serveExtensionRoute(request: Request, prefix: string, segments: readonly string[]): Promise<Response> {
  const routes = await extensionRoutes(prefix);
  if (!routes) return notFound();
  const path = `/${segments.join("/")}`;
  const forPath = routes.filter((r) => r.path === path);
  if (forPath.length === 0) return notFound();
  const route = forPath.find((r) => r.method === request.method);
  if (!route) return Response.json({ detail: "Method Not Allowed" }, { status: 405, headers: { Allow: forPath.map((r) => r.method).join(", ") } });
  try {
    const { models, outputs } = onyxPaths();
    const value = await route.handler({ request: new BoundedBodyRequest(request), path, settings: loadOptions(), paths: { models, outputs }, detectors: () => listDetectors(models) });
    return value instanceof Response ? value : Response.json(value ?? null);
  } catch (error) {
    return errorResponse(error);
  }
}

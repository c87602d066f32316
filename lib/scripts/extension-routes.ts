// Serving extensions' HTTP routes (docs/extensions.md#http-routes): `/<prefix>/<path>` goes to the route the
// extension mounted at `/<prefix>` registered for that method and path. Unknown paths answer FastAPI's 404,
// a known path with another method its 405; a handler's value is sent as JSON, a thrown error as A1111's
// error body with status 500 (class and message, never a stack trace).
import { errorResponse } from "@/lib/api/errors";
import { onyxPaths } from "@/lib/config";
import { listDetectors } from "@/lib/detection/registry";
import { extensionRoutes } from "@/lib/scripts/extension-registry";
import { loadOptions } from "@/lib/settings/store";

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
    const value = await route.handler({ request, path, settings: loadOptions(), paths: { models, outputs }, detectors: () => listDetectors(models) });
    return value instanceof Response ? value : Response.json(value ?? null);
  } catch (error) {
    return errorResponse(error);
  }
}

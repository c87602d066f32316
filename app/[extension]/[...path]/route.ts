// Extensions' own HTTP routes, mounted at /<routePrefix>/… (lib/scripts/extension-routes.ts). Every path the
// server itself serves is a static segment and wins over this one; the request gate (scripts/serve.mjs,
// docs/security.md#extension-routes) checks these requests like every other page and route.
import { serveExtensionRoute } from "@/lib/scripts/extension-routes";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

interface Context {
  params: Promise<{ extension: string; path: string[] }>;
}

async function handle(request: Request, context: Context): Promise<Response> {
  const { extension, path } = await context.params;
  return serveExtensionRoute(request, extension, path);
}

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;

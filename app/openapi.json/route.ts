// GET /openapi.json — the /sdapi/v1 description, generated from the request schemas.
import { openApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export function GET() {
  return Response.json(openApiDocument());
}

// Any /sdapi path no route serves: FastAPI's JSON 404 `{"detail": "Not Found"}` (never an HTML page),
// answered before authentication as FastAPI does for unknown paths.
import { apiPreflight } from "@/lib/api/api-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const notFound = () => Response.json({ detail: "Not Found" }, { status: 404 });

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = apiPreflight;

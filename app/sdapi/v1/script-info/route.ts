// GET /sdapi/v1/script-info — no scripts are registered yet.
import { apiRoute } from "@/lib/api/api-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(() => []);

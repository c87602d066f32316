// GET /sdapi/v1/face-restorers — no face restoration models yet.
import { apiPreflight, apiRoute } from "@/lib/api/api-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(() => []);
export const OPTIONS = apiPreflight;

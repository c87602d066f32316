// GET /sdapi/v1/prompt-styles — styles are not implemented yet: empty.
import { apiPreflight, apiRoute } from "@/lib/api/api-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(() => []);
export const OPTIONS = apiPreflight;

// GET /sdapi/v1/embeddings — no textual inversion embeddings are loaded yet.
import { apiPreflight, apiRoute } from "@/lib/api/api-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(() => ({ loaded: {}, skipped: {} }));
export const OPTIONS = apiPreflight;

// POST /sdapi/v1/refresh-embeddings — the folders are read on every request; nothing to rescan (answers null).
import { apiPreflight, apiRoute } from "@/lib/api/api-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = apiRoute(() => null);
export const OPTIONS = apiPreflight;

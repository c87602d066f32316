// GET /sdapi/v1/embeddings — the textual-inversion embeddings the current checkpoint can use, and the skipped ones.
import { apiPreflight, apiRoute } from "@/lib/api/api-route";
import { apiEmbeddings } from "@/lib/api/embeddings";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(() => apiEmbeddings());
export const OPTIONS = apiPreflight;

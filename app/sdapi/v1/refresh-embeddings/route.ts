// POST /sdapi/v1/refresh-embeddings — the embeddings folder is read on every request and job; this rescans now (answers null).
import { apiPreflight, apiRoute } from "@/lib/api/api-route";
import { apiEmbeddings } from "@/lib/api/embeddings";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = apiRoute(async () => {
  await apiEmbeddings();
  return null;
});
export const OPTIONS = apiPreflight;

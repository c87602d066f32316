// GET /sdapi/v1/memory
import { apiPreflight, apiRoute } from "@/lib/api/api-route";
import { memoryReport } from "@/lib/api/memory";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(() => memoryReport());
export const OPTIONS = apiPreflight;

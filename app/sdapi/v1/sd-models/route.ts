// GET /sdapi/v1/sd-models
import { apiRoute } from "@/lib/api/api-route";
import { apiSdModels } from "@/lib/api/sd-models";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(() => apiSdModels());

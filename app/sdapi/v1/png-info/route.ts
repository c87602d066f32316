// POST /sdapi/v1/png-info {image: base64} → {info, items, parameters}.
import { apiPreflight, apiRoute } from "@/lib/api/api-route";
import { pngInfo, pngInfoRequestSchema } from "@/lib/api/png-info";
import { readRequestModel } from "@/lib/api/request-body";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = apiRoute(async (request) => pngInfo((await readRequestModel(request, pngInfoRequestSchema)).data.image));
export const OPTIONS = apiPreflight;

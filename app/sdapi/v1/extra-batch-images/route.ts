// POST /sdapi/v1/extra-batch-images — the Extras upscale of several images: {html_info, images}.
import { apiPreflight, apiRoute } from "@/lib/api/api-route";
import { handleExtrasBatchImages } from "@/lib/api/extras";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = apiRoute((request) => handleExtrasBatchImages(request));
export const OPTIONS = apiPreflight;

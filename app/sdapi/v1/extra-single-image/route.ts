// POST /sdapi/v1/extra-single-image — the Extras upscale of one image: {html_info, image}.
import { apiPreflight, apiRoute } from "@/lib/api/api-route";
import { handleExtrasSingleImage } from "@/lib/api/extras";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = apiRoute((request) => handleExtrasSingleImage(request));
export const OPTIONS = apiPreflight;

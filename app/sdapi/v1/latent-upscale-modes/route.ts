// GET /sdapi/v1/latent-upscale-modes
import { apiPreflight, apiRoute } from "@/lib/api/api-route";
import { apiLatentUpscaleModes } from "@/lib/api/upscalers";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(() => apiLatentUpscaleModes());
export const OPTIONS = apiPreflight;

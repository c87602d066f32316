// GET /sdapi/v1/latent-upscale-modes
import { apiRoute } from "@/lib/api/api-route";
import { LATENT_UPSCALE_MODES } from "@/lib/api/upscalers";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(() => LATENT_UPSCALE_MODES.map((name) => ({ name })));

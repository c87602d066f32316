// GET /sdapi/v1/sd-vae — Onyx uses each checkpoint's own vae_decoder; there are no separate VAE files.
import { apiPreflight, apiRoute } from "@/lib/api/api-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(() => []);
export const OPTIONS = apiPreflight;

// POST /sdapi/v1/refresh-vae — models/VAE is read on every request; nothing to rescan (answers null).
import { apiPreflight, apiRoute } from "@/lib/api/api-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = apiRoute(() => null);
export const OPTIONS = apiPreflight;

// GET /sdapi/v1/sd-vae — the VAE folders in models/VAE as A1111 lists VAE files: `[{model_name, filename}]`.
import { apiPreflight, apiRoute } from "@/lib/api/api-route";
import { listVaes } from "@/lib/models/vaes";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(() => listVaes().map((v) => ({ model_name: v.name, filename: v.dir })));
export const OPTIONS = apiPreflight;

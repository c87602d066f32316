// POST /sdapi/v1/txt2img — A1111's txt2img: runs on the shared queue and answers with the images.
import { apiPreflight, apiRoute } from "@/lib/api/api-route";
import { handleTxt2img } from "@/lib/api/txt2img";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = apiRoute((request) => handleTxt2img(request));
export const OPTIONS = apiPreflight;

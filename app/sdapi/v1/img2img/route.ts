// POST /sdapi/v1/img2img — A1111's img2img and inpaint: runs on the shared queue and answers with the images.
import { apiPreflight, apiRoute } from "@/lib/api/api-route";
import { handleImg2img } from "@/lib/api/img2img";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = apiRoute((request) => handleImg2img(request));
export const OPTIONS = apiPreflight;

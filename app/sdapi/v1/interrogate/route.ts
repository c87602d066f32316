// POST /sdapi/v1/interrogate — A1111 captions an image with CLIP or DeepDanbooru. Onyx has no
// interrogator yet: the request is checked like A1111's ({image, model}) and answered with a 501.
import { z } from "zod";
import { apiPreflight, apiRoute } from "@/lib/api/api-route";
import { ApiError } from "@/lib/api/errors";
import { str } from "@/lib/api/pydantic-fields";
import { readRequestModel } from "@/lib/api/request-body";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const interrogateRequestSchema = z.object({ image: str().default(""), model: str().default("clip") });

export const POST = apiRoute(async (request) => {
  const { data } = await readRequestModel(request, interrogateRequestSchema);
  if (!data.image) throw new ApiError(404, "Image not found");
  throw new ApiError(501, `interrogate: no interrogator is installed (model '${data.model}'); Onyx cannot caption images yet`);
});
export const OPTIONS = apiPreflight;

// GET/POST /sdapi/v1/options — all settings; POST casts every value first (a 422 names a bad value or an
// unknown key), then saves (answers null).
import { z } from "zod";
import { apiPreflight, apiRoute } from "@/lib/api/api-route";
import { apiOptions } from "@/lib/api/options";
import { readRequestModel } from "@/lib/api/request-body";
import { validateSettings } from "@/lib/api/setting-values";
import { updateOptions } from "@/lib/settings/store";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(() => apiOptions());

export const POST = apiRoute(async (request) => {
  const { data } = await readRequestModel(request, z.record(z.string(), z.unknown()));
  updateOptions(validateSettings(data, ["body"], "refuse"));
  return null;
});
export const OPTIONS = apiPreflight;

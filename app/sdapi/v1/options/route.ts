// GET/POST /sdapi/v1/options — all settings; POST validates every value first, then saves (answers null).
import { z } from "zod";
import { apiRoute } from "@/lib/api/api-route";
import { readRequestModel } from "@/lib/api/request-body";
import { validateSettings } from "@/lib/api/setting-values";
import { loadOptions, updateOptions } from "@/lib/settings/store";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(() => loadOptions());

export const POST = apiRoute(async (request) => {
  const { data } = await readRequestModel(request, z.record(z.string(), z.unknown()));
  updateOptions(validateSettings(data, ["body"], "refuse"));
  return null;
});

// GET /sdapi/v1/cmd-flags
import { apiPreflight, apiRoute } from "@/lib/api/api-route";
import { cmdFlags } from "@/lib/api/cmd-flags";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(() => cmdFlags());
export const OPTIONS = apiPreflight;

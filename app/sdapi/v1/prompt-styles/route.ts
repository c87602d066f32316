// GET /sdapi/v1/prompt-styles — the styles of styles.csv as A1111 lists them: `[{name, prompt, negative_prompt}]`.
import { apiPreflight, apiRoute } from "@/lib/api/api-route";
import { loadStyles } from "@/lib/styles/styles-file";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(() => loadStyles().map((s) => ({ name: s.name, prompt: s.prompt, negative_prompt: s.negativePrompt })));
export const OPTIONS = apiPreflight;

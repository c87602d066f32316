// GET /sdapi/v1/hypernetworks — not supported for ONNX models: always empty.
import { apiPreflight, apiRoute } from "@/lib/api/api-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(() => []);
export const OPTIONS = apiPreflight;

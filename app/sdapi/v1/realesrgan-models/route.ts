// GET /sdapi/v1/realesrgan-models — no Real-ESRGAN models (ESRGAN-style ONNX models are listed under /upscalers).
import { apiPreflight, apiRoute } from "@/lib/api/api-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(() => []);
export const OPTIONS = apiPreflight;

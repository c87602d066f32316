// The body of a txt2img/img2img answer (docs/a1111/api.md#endpoints-and-errors): bare base64 PNGs (each carrying its
// `parameters` text chunk), the request echoed with its defaults, and `info` as a JSON *string*.
import type { GenerationResult } from "@/lib/queue/progress-report";

export interface GenerationResponse<P> {
  images: string[];
  parameters: P;
  info: string;
}

export function generationResponse<P>(parameters: P, result: GenerationResult, sendImages: boolean): GenerationResponse<P> {
  return {
    images: sendImages ? result.images.map((image) => image.png.toString("base64")) : [],
    parameters,
    info: JSON.stringify(result.info),
  };
}

// The structured fields of a history row besides its path, kind and infotext: what recordImage stores
// and what fieldsFromInfotext reads back from an infotext.
export interface ImageFields {
  prompt?: string;
  negativePrompt?: string;
  seed?: number;
  subseed?: number;
  subseedStrength?: number;
  sampler?: string;
  scheduleType?: string;
  steps?: number;
  cfgScale?: number;
  /** Default: the PNG's own size. */
  width?: number;
  height?: number;
  modelName?: string;
  modelHash?: string;
  extensionFields?: Record<string, unknown>;
  jobId?: string;
}

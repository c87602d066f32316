// The Onyx extension SDK, version SDK_VERSION (docs/extensions.md). Extensions import it by value as
// "@onyx/sdk": the loader maps that name to this module as the server runs it (lib/scripts/sdk-resolver.ts),
// so nothing here is ever loaded twice. The rule it keeps: every value exported here is a pure helper —
// image and mask operations, tensor math, ONNX graph reading and rewriting, prompt and infotext syntax,
// Python value formatting — and state (queue, settings, registry, loaded models, history) is reached only
// through `ctx.services` in hooks and `api` in `register(api)`. The import-graph check
// (.dependency-cruiser.cjs) fails if anything exported here reaches a stateful module.

export { SDK_VERSION } from "@/lib/sdk/version";

// Declaring scripts ---------------------------------------------------------------------------
export { DEFAULT_REGION_BOX, defineScript, givenApiArgs } from "@/lib/scripts/script";
export type {
  AnyScript,
  BoolParam,
  ChoiceParam,
  ChoiceSource,
  ImageParam,
  Img2imgStart,
  InitialNoiseInfo,
  JobContext,
  MaskBlendArgs,
  MaskOverlayInput,
  MemoryPlan,
  NumberParam,
  ParamSpec,
  ParamValues,
  PostprocessImageInput,
  RegionBox,
  RegionsParam,
  RepeatParam,
  SamplerChoice,
  ScalarDefault,
  ScalarParam,
  Script,
  ScriptDefinition,
  ScriptHooks,
  ScriptKind,
  ScriptTab,
  StringParam,
  VaeFn,
  VisibleWhen,
} from "@/lib/scripts/script";
export type { Img2imgJobInputs, ScriptJob } from "@/lib/scripts/script-job";
export type { CallShape } from "@/lib/models/memory-profile";
export type {
  ChildJobOptions,
  DerivedGraphOptions,
  DetectionService,
  EncodeOptions,
  InpaintPixels,
  InpaintRequest,
  InpaintResult,
  ModelService,
  OnnxModel,
  OnnxService,
  ProgressService,
  PromptService,
  ResultImageOptions,
  RunChild,
  SavedImage,
  SaveImageOptions,
  ScriptPaths,
  ScriptServices,
  SubSteps,
  UpscalerService,
} from "@/lib/scripts/script-services";
export type { DetectorInfo } from "@/lib/detection/registry";
export type { Box, DetectOptions, Detection } from "@/lib/detection/types";
export type { ExtensionApi, ExtensionRoute, RouteHandler, RouteMethod, RouteRequest } from "@/lib/scripts/extension-api";
export type { ExtensionSetting } from "@/lib/settings/extension-setting";
export type { AxisEnvironment, AxisTarget, AxisType, AxisValue, XyzAxis } from "@/lib/scripts/xyz-plot/axes";
export type { GenerationParams } from "@/lib/pipeline/params";
export type { GenerationResult, ResultImage } from "@/lib/queue/progress-report";
export type { Options } from "@/lib/settings/options";

// Images and masks (8-bit, interleaved) --------------------------------------------------------
export type { CropBox, GrayImage, PixelImage, ResampleKernel } from "@/lib/images/pixel-image";
export type { ImageInput } from "@/lib/images/decode-image";
export type { RgbImage } from "@/lib/images/tensor-image";
export type { PixelResizeMode, ScaleImage } from "@/lib/images/resize-mode";
export { blankLike, cropPixels, pastePixels, resizePixels } from "@/lib/images/pixel-image";
export { resizeImage } from "@/lib/images/resize-mode";
export { blurMask, gaussianKernel } from "@/lib/images/mask-blur";
export { dilateMask, erodeMask } from "@/lib/images/morphology";
export { cropToProcessing, expandCropRegion, maskCropRegion, onlyMaskedRegion, overlayOriginal, pasteBack } from "@/lib/images/inpaint-region";
export { fillMasked } from "@/lib/images/masked-fill";
export { rgbToTensor, tensorToRgb } from "@/lib/images/tensor-image";
export { checkImage, decodeImage, decodeMask } from "@/lib/images/decode-image";
export { encodePng } from "@/lib/images/png-encode";
export { readPngText, writePngText } from "@/lib/images/png-text";

// Tensors, latents, conditioning, sampling math ------------------------------------------------
export type { Tensor } from "@/lib/tensor";
export type { UnetBatch, UnetEntry, UnetFn } from "@/lib/pipeline/unet-call";
export type { ComposablePart, ScheduledConditioning, TextConditioning } from "@/lib/pipeline/conditioning-schedule";
export type { DiscreteSchedule } from "@/lib/sampling/discrete-schedule";
export type { SchedulerConfig } from "@/lib/models/model-folder";
export { numel, tensor } from "@/lib/tensor";
export { cropLatent, padLatentToMultiple } from "@/lib/models/latent-padding";
export { concatChannels } from "@/lib/pipeline/unet-call";
export { LATENT_UPSCALE_MODES, upscaleLatent } from "@/lib/upscalers/latent-upscale";
export { condAtStep } from "@/lib/pipeline/conditioning-schedule";
export { padWithEmptyChunks, stackConditioning } from "@/lib/pipeline/context-stack";
export { cheapApproximation } from "@/lib/pipeline/latent-approximation";
export { cIn, denoisedFromEps, denoisedFromV, epsFromV } from "@/lib/sampling/parameterization";
export { discreteScheduleFromConfig } from "@/lib/sampling/discrete-schedule";
export { createGenerator, firstNoise } from "@/lib/rng/image-rng";
export type { ImageRngOptions, NormalGenerator, RngSource } from "@/lib/rng/image-rng";

// ONNX graphs ----------------------------------------------------------------------------------
export type { Attribute, GraphProto, ModelProto, NodeProto, TensorProto, ValueInfoProto } from "@/lib/onnx/proto";
export type { TensorSignature } from "@/lib/onnx/read";
export type { Feed, OutputTensor, ValueInfo } from "@/lib/models/onnx-session";
export type { ResidentTensor } from "@/lib/models/resident-tensor";
export { isResident } from "@/lib/models/resident-tensor";
export type { GraphRequirements } from "@/lib/models/graph-contract";
export { AttributeType, DataType, decodeModelProto, encodeModelProto } from "@/lib/onnx/proto";
export { modelInputs, modelOutputs, readModel, signature } from "@/lib/onnx/read";
export { GraphBuilder, valueInfo } from "@/lib/onnx/graph-builder";
export { fromFloat16, toFloat16 } from "@/lib/onnx/float16";
export { withCircularPadding } from "@/lib/models/tiling-graph";

// Prompts and infotexts ------------------------------------------------------------------------
export { getLearnedConditioningPromptSchedules, parseCompositePrompt, parsePromptAttention, scheduleEntryAtStep } from "@/lib/prompts";
export type { InfotextValue } from "@/lib/infotext/values";
export { formatInfotextItem, quoteInfotextValue, unquoteInfotextValue } from "@/lib/infotext/values";
export { appendInfotextFields } from "@/lib/infotext/writer";
export { parseGenerationParameters } from "@/lib/infotext/parser";

// Python values --------------------------------------------------------------------------------
export type { PyFloat, PythonScalar } from "@/lib/python/str";
export type { PythonValue } from "@/lib/python/repr";
export { pyFloat, pythonStr } from "@/lib/python/str";
export { pythonRepr, pythonStrRepr } from "@/lib/python/repr";
export { parsePythonLiteral, type PythonLiteral } from "@/lib/python/literal";
export { formatPythonFloat, pythonFloat } from "@/lib/python/float";
export { pythonInt } from "@/lib/python/int";
export { pythonBool } from "@/lib/python/truthy";

// Interruption ---------------------------------------------------------------------------------
export { isJobInterrupted, JobInterrupted } from "@/lib/job-interrupted";

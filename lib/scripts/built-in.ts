// The scripts that ship with Onyx itself, in A1111's order (its scripts/ folder sorted by file name, then
// its built-in extensions: Soft Inpainting); extensions add theirs through the extension registry.
import { loopbackScript } from "@/lib/scripts/loopback";
import { outpaintingMk2Script } from "@/lib/scripts/outpainting/mk2";
import { poorMansOutpaintingScript } from "@/lib/scripts/outpainting/poor-mans";
import { promptMatrixScript } from "@/lib/scripts/prompt-matrix";
import { promptsFromFileScript } from "@/lib/scripts/prompts-from-file";
import { softInpaintingScript } from "@/lib/scripts/soft-inpainting/script";
import type { AnyScript } from "@/lib/scripts/script";
import { sdUpscaleScript } from "@/lib/scripts/sd-upscale";
import { xyzPlotScript } from "@/lib/scripts/xyz-plot/script";

export const BUILT_IN_SCRIPTS: readonly AnyScript[] = [loopbackScript, outpaintingMk2Script, poorMansOutpaintingScript, promptMatrixScript, promptsFromFileScript, sdUpscaleScript, xyzPlotScript, softInpaintingScript];

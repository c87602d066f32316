// `ctx.services.detection` (docs/extensions.md#detection): the detectors of lib/detection by name, so that an
// ADetailer-style extension finds faces and persons without importing the library.
import { detect, listDetectors } from "@/lib/detection/registry";
import type { DetectionService } from "@/lib/scripts/script-services";

export function detectionService(): DetectionService {
  return {
    list: () => listDetectors(),
    detect: (name, image, options) => detect(name, image, options),
  };
}

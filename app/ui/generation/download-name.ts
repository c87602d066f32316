// The file name a downloaded result gets: the saved file's own name when it was saved, otherwise
// a numbered name (data-URL images have none).
import type { ResultImage } from "@/lib/queue/progress-report";

export function downloadName(image: Pick<ResultImage, "savedPath">, index: number): string {
  const saved = image.savedPath?.split(/[\\/]/).pop();
  return saved || `onyx-${String(index + 1).padStart(5, "0")}.png`;
}

// img2img's "Resize by" size: A1111 takes int(side × scale) and rounds it down to a multiple of 8, for
// the uploaded image on the tab and for each input of a Batch (docs/ui.md#img2img-batch).

export function scaledSize(image: { width: number; height: number }, scale: number): { width: number; height: number } {
  const side = (n: number) => {
    const scaled = Math.floor(n * scale);
    return scaled - (scaled % 8);
  };
  return { width: side(image.width), height: side(image.height) };
}

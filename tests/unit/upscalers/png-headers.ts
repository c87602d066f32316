// Hand-made PNG byte streams for bad-input tests: a valid header claiming any size over a tiny
// (truncated) image stream, so a decoder that trusted it would allocate width·height pixels.
import { deflateSync } from "node:zlib";
import { encodePngChunk, PNG_SIGNATURE } from "@/lib/images/png-chunks";

/** A greyscale 8-bit PNG whose IHDR says width×height. */
export function pngClaimingSize(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([PNG_SIGNATURE, encodePngChunk("IHDR", ihdr), encodePngChunk("IDAT", deflateSync(Buffer.alloc(1024))), encodePngChunk("IEND", Buffer.alloc(0))]);
}

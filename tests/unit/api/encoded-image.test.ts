// Base64 images sent to the API: the alphabet with line breaks and at most two "=" of padding, as
// before; a large payload is checked a slice at a time, yielding to other work between slices, so one
// 10 MB upload does not hold up other requests (docs/security.md#size-and-nesting-limits).
import { describe, expect, it } from "vitest";
import { decodeEncodedImage, isBase64 } from "@/lib/api/encoded-image";

describe("base64 payloads", () => {
  it("accepts the alphabet, line breaks and up to two padding characters, nothing else", () => {
    for (const ok of ["QUJD", "QUI=", "QQ==", "QUJD\r\nQUJD", ""]) expect(isBase64(ok), ok).toBe(true);
    for (const bad of ["QQ===", "QU=D", "QU JD", "QU_D", "QU-D", "QUJD!", "é"]) expect(isBase64(bad), bad).toBe(false);
  });

  it("refuses a bad character far past the first megabyte, letting other work run meanwhile", async () => {
    const payload = `${"QUJD".repeat(1_500_000)}!QUJD`;
    let ranMeanwhile = false;
    setImmediate(() => (ranMeanwhile = true));
    await expect(decodeEncodedImage(payload)).rejects.toMatchObject({ status: 400, detail: "Invalid encoded image: not base64" });
    expect(ranMeanwhile).toBe(true);
    // Valid base64 of several megabytes passes the check and is refused only for not being an image.
    await expect(decodeEncodedImage("QUJD".repeat(1_500_000))).rejects.toMatchObject({ detail: "Invalid encoded image: the data is not an image" });
  });
});

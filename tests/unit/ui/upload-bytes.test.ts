import { describe, expect, it } from "vitest";
import { dataUrlBytes, MAX_UPLOAD_BYTES, UploadError } from "@/app/actions/upload-bytes";

describe("uploaded data URLs", () => {
  it("decodes the base64 payload of a data URL or bare base64 to the exact bytes", () => {
    // "iVBORw0KGgo=" is base64 of the 8-byte PNG signature 89 50 4E 47 0D 0A 1A 0A.
    const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    expect([...dataUrlBytes("data:image/png;base64,iVBORw0KGgo=", "img")]).toEqual(signature);
    expect([...dataUrlBytes("iVBORw0KGgo=", "img")]).toEqual(signature);
  });

  it("refuses text that is not base64, naming the upload", () => {
    expect(() => dataUrlBytes("data:image/png;base64,not base64!", "the mask")).toThrow(new UploadError("the mask is not a base64 image"));
    expect(() => dataUrlBytes("", "the init image")).toThrow(UploadError);
  });

  it("refuses a payload over the limit before decoding it", () => {
    // 4 base64 characters carry 3 bytes: this payload would decode to MAX + 3 bytes.
    const payload = "A".repeat(((MAX_UPLOAD_BYTES + 3) / 3) * 4);
    expect(() => dataUrlBytes(`data:image/png;base64,${payload}`, "big.png")).toThrow("big.png is larger than 48 MB");
    expect(dataUrlBytes("A".repeat((MAX_UPLOAD_BYTES / 3) * 4), "ok.png").length).toBe(MAX_UPLOAD_BYTES);
  });
});

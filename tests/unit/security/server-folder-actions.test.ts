// Both actions that take server folders (Extras "Batch from Directory", img2img Batch) refuse them on a
// network-exposed server without credentials, before reading anything (docs/security.md#server-folders).
import { afterEach, describe, expect, it, vi } from "vitest";
import { submitExtrasFromDirectory, type ExtrasDirectoryRequest } from "@/app/actions/extras";
import { submitImg2imgBatch, type Img2imgBatchRequest } from "@/app/actions/img2img";

afterEach(() => vi.unstubAllEnvs());

describe("server folder actions", () => {
  it("refuse with --listen and no credentials, and read the folder otherwise", async () => {
    const missing = "no-such-folder-for-this-test";
    const img2img = { inputDir: missing, outputDir: "", maskDir: "", pngInfoFields: [] } as unknown as Img2imgBatchRequest;
    const extras = { inputDir: missing, outputDir: "" } as unknown as ExtrasDirectoryRequest;
    vi.stubEnv("ONYX_LISTEN", "1");
    for (const name of ["ONYX_AUTH", "ONYX_API_AUTH", "ONYX_AUTH_FILE", "ONYX_API_AUTH_FILE"]) vi.stubEnv(name, "");
    for (const result of [await submitImg2imgBatch(img2img), await submitExtrasFromDirectory(extras)]) {
      expect(result).toEqual({ error: expect.stringMatching(/^server folders can only be used when Onyx listens on 127\.0\.0\.1/) });
    }
    vi.stubEnv("ONYX_LISTEN", "");
    for (const result of [await submitImg2imgBatch(img2img), await submitExtrasFromDirectory(extras)]) {
      expect(result).toEqual({ error: `Input directory: ${missing} is not a folder on the server` });
    }
  });
});

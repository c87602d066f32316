// Server folder paths (Extras "Batch from Directory") are refused only on a network-exposed server without credentials.
import { describe, expect, it } from "vitest";
import { serverFoldersRefusal } from "@/lib/security/server-folders";

describe("serverFoldersRefusal", () => {
  it("allows them on 127.0.0.1 and with credentials, refuses them with --listen alone", () => {
    expect(serverFoldersRefusal({})).toBeNull();
    expect(serverFoldersRefusal({ ONYX_LISTEN: "1", ONYX_AUTH: "me:secret" })).toBeNull();
    expect(serverFoldersRefusal({ ONYX_LISTEN: "1" })).toMatch(/^server folders can only be used when Onyx listens on 127\.0\.0\.1 or requires credentials/);
  });
});

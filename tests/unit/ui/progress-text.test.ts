import { describe, expect, it } from "vitest";
import { downloadName } from "@/app/ui/generation/download-name";
import { formatEta } from "@/app/ui/generation/format-eta";

describe("formatEta", () => {
  it("shows seconds under a minute, m:ss and h:mm:ss above", () => {
    expect(formatEta(12.4)).toBe("12s");
    expect(formatEta(65)).toBe("1:05");
    expect(formatEta(3 * 3600 + 7 * 60 + 9)).toBe("3:07:09");
  });

  it("never shows a negative time", () => {
    expect(formatEta(-4)).toBe("0s");
  });
});

describe("downloadName", () => {
  it("uses the saved file's name", () => {
    expect(downloadName({ savedPath: "txt2img-images/2024-01-02/00012-42.png" }, 0)).toBe("00012-42.png");
  });

  it("numbers unsaved images from 1", () => {
    expect(downloadName({ savedPath: null }, 2)).toBe("onyx-00003.png");
  });
});

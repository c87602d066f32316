import { describe, expect, it } from "vitest";
import { tabFromHash, TABS } from "@/app/ui/tabs";

describe("tabs", () => {
  it("lists A1111's tabs in order", () => {
    expect(TABS.map((t) => t.label)).toEqual(["txt2img", "img2img", "Extras", "PNG Info", "History", "Settings", "Extensions"]);
  });

  it("reads the tab from the URL hash, with or without '#'", () => {
    expect(tabFromHash("#img2img")).toBe("img2img");
    expect(tabFromHash("settings")).toBe("settings");
  });

  it("rejects unknown hashes and labels that are not ids", () => {
    expect(tabFromHash("")).toBeNull();
    expect(tabFromHash("#PNG Info")).toBeNull();
    expect(tabFromHash("#nope")).toBeNull();
  });
});

// The Zip button's archive: each image under its name with its infotext beside it, names kept unique.
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { zipImages } from "@/app/ui/generation/zip-images";

const bytes = (...values: number[]) => new Uint8Array(values);

describe("zipImages", () => {
  it("stores every image with a .txt of its infotext", () => {
    const files = unzipSync(zipImages([
      { name: "00001-42.png", bytes: bytes(1, 2, 3), infotext: "a cat\nSteps: 20, Seed: 42" },
      { name: "00002-43.png", bytes: bytes(4, 5), infotext: "a cat\nSteps: 20, Seed: 43" },
    ]));
    expect(Object.keys(files).sort()).toEqual(["00001-42.png", "00001-42.txt", "00002-43.png", "00002-43.txt"]);
    expect([...files["00001-42.png"]]).toEqual([1, 2, 3]);
    expect([...files["00002-43.png"]]).toEqual([4, 5]);
    expect(strFromU8(files["00002-43.txt"])).toBe("a cat\nSteps: 20, Seed: 43");
  });

  it("numbers repeated names and leaves out empty infotexts", () => {
    const files = unzipSync(zipImages([
      { name: "onyx.png", bytes: bytes(1), infotext: "" },
      { name: "onyx.png", bytes: bytes(2), infotext: "x" },
    ]));
    expect(Object.keys(files).sort()).toEqual(["onyx-2.png", "onyx-2.txt", "onyx.png"]);
    expect([...files["onyx-2.png"]]).toEqual([2]);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kindFromRelativePath, localDateFolder, nextSequenceNumber, outputFolder } from "@/lib/images/output-naming";
import { isTempFileName, saveImageFile } from "@/lib/images/save";

describe("nextSequenceNumber (A1111 get_next_sequence_number)", () => {
  it("is 1 + the largest integer before the first dash, 0 for an empty folder", () => {
    expect(nextSequenceNumber([])).toBe(0);
    expect(nextSequenceNumber(["00012-1234567890.png", "00003-5.png", "00004.png"])).toBe(13);
    expect(nextSequenceNumber(["notes.txt", "abc-12.png", ".onyx-1-ff.tmp"])).toBe(0);
    expect(nextSequenceNumber(["00099-1-before-highres-fix.png", "00007-2.png"])).toBe(100);
  });

  it("counts only names with the basename prefix for grids", () => {
    expect(nextSequenceNumber(["grid-0003.png", "grid-0010.png", "00050-1.png", "xyz_grid-0070-1.png"], "grid")).toBe(11);
    expect(nextSequenceNumber(["grid-0003.png", "xyz_grid-0002-123.png"], "xyz_grid")).toBe(3);
  });
});

describe("outputFolder / kindFromRelativePath", () => {
  const date = new Date(2024, 6, 27, 23, 59); // local time, whatever the time zone
  it("uses <kind>-images/<local date>, extras without a date, grids in <tab>-grids/<date>", () => {
    expect(localDateFolder(new Date(2024, 0, 5, 0, 0))).toBe("2024-01-05");
    expect(outputFolder({ kind: "txt2img", date })).toBe("txt2img-images/2024-07-27");
    expect(outputFolder({ kind: "img2img", date })).toBe("img2img-images/2024-07-27");
    expect(outputFolder({ kind: "extras", date })).toBe("extras-images");
    expect(outputFolder({ kind: "grid", date })).toBe("txt2img-grids/2024-07-27");
    expect(outputFolder({ kind: "grid", gridTab: "img2img", date })).toBe("img2img-grids/2024-07-27");
  });

  it("maps folders back to kinds", () => {
    expect(kindFromRelativePath("txt2img-images/2024-07-27/00001-1.png")).toBe("txt2img");
    expect(kindFromRelativePath("img2img-grids/2024-07-27/grid-0001.png")).toBe("grid");
    expect(kindFromRelativePath("extras-images/00001.png")).toBe("extras");
    expect(kindFromRelativePath("log/images/00001.png")).toBeUndefined();
  });
});

describe("saveImageFile", () => {
  let outputs: string;
  beforeEach(() => {
    outputs = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-save-"));
  });
  afterEach(() => fs.rmSync(outputs, { recursive: true, force: true }));
  const date = new Date(2024, 6, 27, 10);
  const bytes = Buffer.from("png bytes");

  it("names samples NNNNN-<seed>.png, extras NNNNN.png, grids grid-NNNN.png and xyz_grid-NNNN-<seed>.png", async () => {
    const names = [
      await saveImageFile(outputs, bytes, { kind: "txt2img", seed: 1234567890, date }),
      await saveImageFile(outputs, bytes, { kind: "txt2img", seed: 1234567891, date }),
      await saveImageFile(outputs, bytes, { kind: "extras", date }),
      await saveImageFile(outputs, bytes, { kind: "grid", date }),
      await saveImageFile(outputs, bytes, { kind: "grid", gridBasename: "xyz_grid", seed: 42, date }),
      await saveImageFile(outputs, bytes, { kind: "grid", date }),
    ].map((s) => s.relativePath);
    expect(names).toEqual([
      "txt2img-images/2024-07-27/00000-1234567890.png",
      "txt2img-images/2024-07-27/00001-1234567891.png",
      "extras-images/00000.png",
      "txt2img-grids/2024-07-27/grid-0000.png",
      "txt2img-grids/2024-07-27/xyz_grid-0000-42.png",
      "txt2img-grids/2024-07-27/grid-0001.png",
    ]);
    expect(fs.readFileSync(path.join(outputs, names[0]))).toEqual(bytes);
  });

  it("continues after the largest number and bumps past a name that exists", async () => {
    const dir = path.join(outputs, "txt2img-images", "2024-07-27");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "00041-7.png"), "");
    fs.writeFileSync(path.join(dir, "00007-9.png"), "");
    expect((await saveImageFile(outputs, bytes, { kind: "txt2img", seed: 9, date })).relativePath).toBe("txt2img-images/2024-07-27/00042-9.png");
    // "00043-x" exists without a number that beats 43 being free? 00043-9.png itself is taken: bump to 44.
    fs.writeFileSync(path.join(dir, "00043-9.png.bak"), "");
    fs.renameSync(path.join(dir, "00043-9.png.bak"), path.join(dir, "00043-9.png"));
    fs.rmSync(path.join(dir, "00041-7.png"));
    fs.rmSync(path.join(dir, "00042-9.png"));
    fs.writeFileSync(path.join(dir, "00042-1.png"), ""); // largest stays 43 after this
    expect((await saveImageFile(outputs, bytes, { kind: "txt2img", seed: 9, date })).relativePath).toBe("txt2img-images/2024-07-27/00044-9.png");
  });

  it("leaves no temp file behind", async () => {
    await saveImageFile(outputs, bytes, { kind: "img2img", seed: 1, date });
    const dir = path.join(outputs, "img2img-images", "2024-07-27");
    expect(fs.readdirSync(dir)).toEqual(["00000-1.png"]);
    expect(isTempFileName(".onyx-123-abcdef.tmp")).toBe(true);
    expect(isTempFileName("00000-1.png")).toBe(false);
  });
});

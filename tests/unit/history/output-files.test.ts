import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveOutputFile } from "@/lib/history/output-files";

let root: string;
let outputs: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-files-"));
  outputs = path.join(root, "outputs");
  fs.mkdirSync(path.join(outputs, "txt2img-images", "2024-07-27"), { recursive: true });
  fs.writeFileSync(path.join(outputs, "txt2img-images", "2024-07-27", "00001-5.png"), "png!");
  fs.writeFileSync(path.join(outputs, "extras-images.jpg"), "jpeg");
  fs.writeFileSync(path.join(outputs, "notes.txt"), "secret");
  fs.writeFileSync(path.join(root, "outside.png"), "outside");
  fs.mkdirSync(path.join(outputs, "dir.png"));
  fs.symlinkSync(path.join(root, "outside.png"), path.join(outputs, "escape.png"));
  fs.symlinkSync(root, path.join(outputs, "up"));
  fs.symlinkSync(path.join(outputs, "txt2img-images", "2024-07-27", "00001-5.png"), path.join(outputs, "inside.png"));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("resolveOutputFile", () => {
  it("serves images inside the outputs folder with their content type", () => {
    expect(resolveOutputFile(outputs, ["txt2img-images", "2024-07-27", "00001-5.png"])).toEqual({
      file: path.join(fs.realpathSync(outputs), "txt2img-images", "2024-07-27", "00001-5.png"),
      contentType: "image/png",
      size: 4,
    });
    expect(resolveOutputFile(outputs, ["extras-images.jpg"])?.contentType).toBe("image/jpeg");
    expect(resolveOutputFile(outputs, ["inside.png"])?.size).toBe(4); // a symlink that stays inside
  });

  it("refuses traversal, absolute and odd segments", () => {
    for (const segments of [
      ["..", "outside.png"],
      ["txt2img-images", "..", "..", "outside.png"],
      ["/etc/passwd"],
      [path.join(root, "outside.png")],
      ["txt2img-images%2F..", "x.png"],
      ["txt2img-images/2024-07-27/00001-5.png"],
      ["C:", "x.png"],
      [".", "notes.txt"],
      ["", "x.png"],
      [],
    ]) {
      expect(resolveOutputFile(outputs, segments)).toBeNull();
    }
  });

  it("refuses symlinks out of the folder, non-images, directories and missing files", () => {
    expect(resolveOutputFile(outputs, ["escape.png"])).toBeNull();
    expect(resolveOutputFile(outputs, ["up", "outside.png"])).toBeNull();
    expect(resolveOutputFile(outputs, ["notes.txt"])).toBeNull();
    expect(resolveOutputFile(outputs, ["dir.png"])).toBeNull();
    expect(resolveOutputFile(outputs, ["txt2img-images", "2024-07-27", "00002-5.png"])).toBeNull();
    expect(resolveOutputFile(path.join(root, "no-outputs"), ["x.png"])).toBeNull();
  });
});

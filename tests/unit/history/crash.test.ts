import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reconcileOutputs } from "@/lib/history/reconcile";
import { createTempHistory, type TempHistory } from "./temp-history";

let h: TempHistory;
beforeAll(() => {
  h = createTempHistory();
});
afterAll(() => h.dispose());

/** Runs the recording child and SIGKILLs it once the file is written; resolves with that file's path. */
function recordAndKill(infotext: string): Promise<{ file: string; signal: NodeJS.Signals | null; stdout: string }> {
  const child = spawn(
    path.resolve("node_modules/.bin/tsx"),
    [path.resolve("tests/unit/history/fixtures/record-then-hang.ts"), infotext],
    { env: { ...process.env, OUTPUTS_DIR: h.outputs, DATABASE_URL: `file:${h.dbFile}` }, stdio: ["ignore", "pipe", "inherit"] },
  );
  let stdout = "";
  let file = "";
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const match = /FILE_WRITTEN (.+)\n/.exec(stdout);
      if (match && !file) {
        file = match[1];
        child.kill("SIGKILL");
      }
    });
    child.on("error", reject);
    child.on("exit", (_code, signal) => resolve({ file, signal, stdout }));
  });
}

describe("a crash between file and row", () => {
  it("leaves a complete file without a row, which the next start's reconcile imports", async () => {
    const infotext = "a ship in a bottle\nNegative prompt: text\nSteps: 12, Sampler: Euler a, CFG scale: 5, Seed: 2222, Size: 8x6";
    const { file, signal, stdout } = await recordAndKill(infotext);
    expect(signal).toBe("SIGKILL");
    expect(stdout).not.toContain("ROW_INSERTED");
    expect(path.relative(h.outputs, file)).toMatch(/^txt2img-images\/\d{4}-\d{2}-\d{2}\/00000-2222\.png$/);
    expect(fs.existsSync(file)).toBe(true);
    expect(await h.client.image.count()).toBe(0);

    // "Next start".
    const result = await reconcileOutputs({ outputs: h.outputs, client: h.client });
    expect(result).toMatchObject({ files: 1, imported: 1, tempFilesRemoved: 0, unreadable: [] });
    const rows = await h.client.image.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ prompt: "a ship in a bottle", negativePrompt: "text", seed: 2222n, steps: 12, sampler: "Euler a", cfgScale: 5, missing: false, infotext });
    // Consistency: every row has its file, every PNG has its row, no temp file is left.
    for (const row of rows) expect(fs.existsSync(path.join(h.outputs, row.path))).toBe(true);
    const dir = path.dirname(file);
    expect(fs.readdirSync(dir)).toEqual([path.basename(file)]);
  }, 60_000);
});

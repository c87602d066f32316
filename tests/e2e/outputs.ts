// The files the shared test server has written to its outputs folder: tests of requests that must write nothing
// (refused input, client faults, a save that fails) compare the list before and after.
import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";

const outputsDir = path.join(inject("runDir"), "outputs");

/** Every file below the outputs folder, relative to it, sorted; none before the first save made the folder. */
export function outputFiles(): string[] {
  if (!fs.existsSync(outputsDir)) return [];
  return (fs.readdirSync(outputsDir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(outputsDir, f)).isFile()).sort();
}

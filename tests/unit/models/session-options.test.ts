// onnxruntime's session options come from one place, sessionOptions(), and follow the Optimizations settings
// (docs/settings.md#onnx-runtime): 0 threads means one per CPU the process may use, the graph level is passed through.
import os from "node:os";
import { describe, expect, it } from "vitest";
import { useTempJobFolders } from "../temp-job-folders";
import { sessionOptions } from "@/lib/models/onnx-session";
import { updateOptions } from "@/lib/settings/store";

useTempJobFolders("session-options");

describe("sessionOptions", () => {
  it("defaults: a thread per CPU, every graph optimisation, arena on, memory pattern off", () => {
    expect(sessionOptions()).toEqual({
      executionProviders: ["cpu"], logSeverityLevel: 3, enableMemPattern: false, enableCpuMemArena: true, graphOptimizationLevel: "all",
      intraOpNumThreads: os.availableParallelism(),
    });
  });

  it("follows the stored settings", () => {
    updateOptions({ onnx_intra_op_threads: 2, onnx_graph_optimization: "basic" });
    expect(sessionOptions()).toMatchObject({ intraOpNumThreads: 2, graphOptimizationLevel: "basic" });
    updateOptions({ onnx_intra_op_threads: 0 });
    expect(sessionOptions().intraOpNumThreads).toBe(os.availableParallelism());
  });

  it("refuses a graph level onnxruntime does not have", () => {
    expect(() => updateOptions({ onnx_graph_optimization: "maximum" })).toThrow();
  });
});

// GET /sdapi/v1/memory: A1111 reports the process's resident memory against the machine's RAM, and
// for CUDA the error torch raises when there is none (Onyx runs on the CPU only). Onyx's models run in
// the inference process, so its memory (as of its last reply) counts too.
import os from "node:os";
import { inferenceProcess } from "@/lib/models/inference-process";

export function memoryReport() {
  const total = os.totalmem();
  const used = process.memoryUsage().rss + inferenceProcess().rss;
  return {
    ram: { free: total - used, used, total },
    cuda: { error: "Torch not compiled with CUDA enabled" },
  };
}

// Checks an opened graph against the names a component needs, so a wrong export fails with a
// message naming the file and the input, not with an onnxruntime error in the middle of a job.
import path from "node:path";
import type { OnnxSession, ValueInfo } from "@/lib/models/onnx-session";

export class GraphContractError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GraphContractError";
  }
}

function where(session: OnnxSession): string {
  return path.join(path.basename(path.dirname(session.file)), path.basename(session.file));
}

function names(values: ValueInfo[]): string {
  return values.map((v) => `"${v.name}"`).join(", ") || "none";
}

export function requireInput(session: OnnxSession, name: string, types: string[]): ValueInfo {
  const info = session.input(name);
  if (!info) throw new GraphContractError(`${where(session)}: expected an input named "${name}"; the graph has inputs ${names(session.inputs)}`);
  if (!info.type || !types.includes(info.type)) {
    throw new GraphContractError(`${where(session)}: input "${name}" is ${info.type}, expected ${types.join(" or ")}`);
  }
  return info;
}

export function requireOutput(session: OnnxSession, candidates: string[]): ValueInfo {
  const info = candidates.map((c) => session.output(c)).find(Boolean);
  if (!info) {
    const wanted = candidates.map((c) => `"${c}"`).join(" or ");
    throw new GraphContractError(`${where(session)}: expected an output named ${wanted}; the graph has outputs ${names(session.outputs)}`);
  }
  return info;
}

export const FLOAT_TYPES = ["float32", "float16"];
export const INT_TYPES = ["int32", "int64"];

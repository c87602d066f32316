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
  return path.join(path.basename(path.dirname(session.source)), path.basename(session.source));
}

/** The names the export declares; inputs and outputs a rewrite added (all named onyx_…) are Onyx's business. */
function names(values: ValueInfo[]): string {
  return values.filter((v) => !v.name.startsWith("onyx_")).map((v) => `"${v.name}"`).join(", ") || "none";
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

/** What a script requires of a graph it opens (docs/extensions.md#onnx). */
export interface GraphRequirements {
  inputs?: Record<string, { types?: readonly string[]; rank?: number }>;
  outputs?: readonly string[];
}

export function requireGraph(session: OnnxSession, required: GraphRequirements = {}): void {
  for (const [name, { types, rank }] of Object.entries(required.inputs ?? {})) {
    const info = requireInput(session, name, [...(types ?? [...FLOAT_TYPES, ...INT_TYPES])]);
    if (rank !== undefined && info.shape && info.shape.length !== rank) {
      throw new GraphContractError(`${where(session)}: input "${name}" has rank ${info.shape.length}, expected ${rank}`);
    }
  }
  for (const name of required.outputs ?? []) requireOutput(session, [name]);
}

/** Checks feeds against the graph's inputs before they are sent: every input given, ranks and fixed dims as declared. */
export function checkFeeds(session: OnnxSession, feeds: Record<string, { data?: ArrayLike<number>; shape: readonly number[] }>): void {
  for (const input of session.inputs) {
    const feed = feeds[input.name];
    if (!feed) throw new GraphContractError(`${where(session)}: no value for input "${input.name}"`);
    const declared = input.shape;
    const size = feed.shape.reduce((a, b) => a * b, 1);
    // A resident tensor (onnx-session.ts) has no data here: onnxruntime made it with its shape.
    if (feed.data && feed.data.length !== size) throw new GraphContractError(`${where(session)}: input "${input.name}" has ${feed.data.length} values for shape [${feed.shape.join(", ")}]`);
    if (!declared) continue;
    if (declared.length !== feed.shape.length) {
      throw new GraphContractError(`${where(session)}: input "${input.name}" takes rank ${declared.length} ([${declared.join(", ")}]), got [${feed.shape.join(", ")}]`);
    }
    declared.forEach((dim, i) => {
      if (typeof dim === "number" && dim > 0 && feed.shape[i] !== dim) {
        throw new GraphContractError(`${where(session)}: input "${input.name}" needs size ${dim} on axis ${i} ([${declared.join(", ")}]), got [${feed.shape.join(", ")}]`);
      }
    });
  }
}

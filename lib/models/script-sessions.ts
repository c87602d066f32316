// ONNX files scripts open themselves (detectors, segmentation models, rewritten model graphs): each file is
// opened once per process in the inference worker and kept, and every run is checked against the graph's
// declared inputs first, so a wrong feed fails with a message naming the input rather than inside onnxruntime.
import fs from "node:fs";
import path from "node:path";
import { ATTENTION_CHUNKING_INPUT, isAttentionProfileOutput } from "@/lib/models/attention-graph";
import { checkFeeds, requireGraph, type GraphRequirements } from "@/lib/models/graph-contract";
import { attentionFeeds, type AttentionChunking } from "@/lib/models/graph-options";
import { freeResident, OnnxSession, type Feed, type ResidentTensor } from "@/lib/models/onnx-session";
import { processSingleton } from "@/lib/process-singleton";

const opened = () => processSingleton("scriptSessions", () => new Map<string, Promise<OnnxSession>>());

/** `session` with its runs checked: every declared input given, with the declared rank and fixed sizes. */
export function checkedSession(session: OnnxSession): Pick<OnnxSession, "file" | "inputs" | "outputs" | "input" | "output" | "run" | "runKeeping"> & { free: typeof freeResident; unload: () => Promise<void> } {
  return {
    file: session.file,
    inputs: session.inputs,
    outputs: session.outputs,
    input: (name) => session.input(name),
    output: (name) => session.output(name),
    run: (feeds: Record<string, Feed | ResidentTensor>) => {
      checkFeeds(session, feeds);
      return session.run(feeds);
    },
    runKeeping: (feeds: Record<string, Feed | ResidentTensor>, keep: readonly string[]) => {
      checkFeeds(session, feeds);
      return session.runKeeping(feeds, keep);
    },
    free: freeResident,
    unload: () => session.release(),
  };
}

/**
 * `session` of a graph with chunked attention (attention-graph.ts) as a script sees it: every run gets the job's
 * `chunking` and returns no profile outputs, and neither the chunking input nor those outputs are listed.
 */
export function chunkedAttentionSession(session: OnnxSession, chunking: AttentionChunking): ReturnType<typeof checkedSession> {
  const checked = checkedSession(session);
  const inputs = session.inputs.filter((i) => i.name !== ATTENTION_CHUNKING_INPUT);
  const outputs = session.outputs.filter((o) => !isAttentionProfileOutput(o.name));
  return {
    ...checked,
    inputs,
    outputs,
    input: (name) => inputs.find((i) => i.name === name),
    output: (name) => outputs.find((o) => o.name === name),
    run: async (feeds) => withoutProfiles(await checked.run({ ...feeds, ...attentionFeeds(session, chunking) })),
    runKeeping: async (feeds, keep) => {
      const { outputs, kept } = await checked.runKeeping({ ...feeds, ...attentionFeeds(session, chunking) }, keep);
      return { outputs: withoutProfiles(outputs), kept };
    },
  };
}

const withoutProfiles = <T>(outputs: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(outputs).filter(([name]) => !isAttentionProfileOutput(name)));

/** Opens `file` (once per path, size and modification time) and checks it meets `required`. */
export async function openScriptSession(file: string, required?: GraphRequirements) {
  const resolved = path.resolve(file);
  if (!fs.existsSync(resolved)) throw new Error(`ONNX file not found: ${file}`);
  const st = fs.statSync(resolved);
  const key = `${resolved}:${st.size}:${st.mtimeMs}`;
  const sessions = opened();
  let session = sessions.get(key);
  if (!session) {
    const opening = OnnxSession.open(resolved);
    opening.catch(() => sessions.get(key) === opening && sessions.delete(key));
    sessions.set(key, (session = opening));
  }
  const ready = await session;
  requireGraph(ready, required);
  return checkedSession(ready);
}

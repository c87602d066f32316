// How an extension's `import { … } from "@onyx/sdk"` reaches the server's own SDK instance
// (docs/extensions.md#how-the-sdk-is-loaded). The SDK module this server runs is put on `globalThis`
// once, and a Node module-resolution hook maps the specifier "@onyx/sdk" to a tiny generated module that
// re-exports that object's members by name. So an extension — `.ts` through tsx or plain `.mjs` — gets the
// very functions and classes the server uses, and nothing of the project is loaded a second time. Project
// modules themselves (`@/…`) cannot be imported by value: the hook refuses them with a message saying what
// to use instead (types still work: `import type` is erased before anything is resolved).
import { register } from "node:module";
import * as sdk from "@/lib/sdk";
import { processSingleton } from "@/lib/process-singleton";

export const SDK_SPECIFIER = "@onyx/sdk";

/** The resolve hook, run by Node on its module-hooks thread; `data` arrives through `initialize`. */
const HOOK_SOURCE = `
let shimUrl;
let refusal;
export async function initialize(data) { shimUrl = data.shimUrl; refusal = data.refusal; }
export async function resolve(specifier, context, nextResolve) {
  if (specifier === ${JSON.stringify(SDK_SPECIFIER)}) return { url: shimUrl, shortCircuit: true };
  if (specifier.startsWith("@/")) throw new Error(refusal.replace("%s", specifier));
  return nextResolve(specifier, context);
}
`;

/** processSingleton stores it under Symbol.for("onyx.sdk"), which the generated module reads. */
const SDK_SINGLETON = "sdk";

/** The generated "@onyx/sdk" module: every SDK member, read from the instance the server installed. */
function shimSource(names: readonly string[]): string {
  const lines = names.map((name) => `export const ${name} = sdk[${JSON.stringify(name)}];`);
  return [`const sdk = globalThis[Symbol.for("onyx.${SDK_SINGLETON}")];`, 'if (!sdk) throw new Error("the Onyx SDK is not installed in this process");', ...lines].join("\n");
}

const dataUrl = (source: string) => `data:text/javascript;base64,${Buffer.from(source).toString("base64")}`;

/** Installs this server's SDK and the resolve hook, once per process; later calls return the same SDK. */
export function installSdk(): typeof sdk {
  return processSingleton(SDK_SINGLETON, () => {
    const names = Object.keys(sdk).filter((name) => name !== "default");
    register(dataUrl(HOOK_SOURCE), {
      data: {
        shimUrl: dataUrl(shimSource(names)),
        refusal: `"%s" cannot be imported by an extension: import values from "${SDK_SPECIFIER}" and reach state through ctx.services or register(api); project types stay available with \`import type\``,
      },
    });
    return { ...sdk };
  });
}

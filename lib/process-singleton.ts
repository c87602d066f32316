// State that must exist once per server process. Next.js compiles route handlers, server actions and pages
// into separate bundles, each with its own copy of every module (and dev reloads make new copies), so a
// module-level variable would exist once per copy. Such state lives on `globalThis` instead, under a
// registered symbol (`Symbol.for("onyx.<name>")`), which every copy resolves to the same key.

/** The process-wide value named `name`, created by `create` on first use. */
export function processSingleton<T>(name: string, create: () => T): T {
  const key = Symbol.for(`onyx.${name}`);
  const holder = globalThis as typeof globalThis & Record<symbol, unknown>;
  if (!(key in holder)) holder[key] = create();
  return holder[key] as T;
}

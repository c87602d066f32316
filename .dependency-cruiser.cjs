/**
 * Dependency-graph rules, checked by `npm run check:imports` (the first step of `npm test`): no module of
 * lib/, app/ or extensions/ may reach itself through its imports — value, type-only and dynamic imports
 * alike — and every import must resolve, so that a broken `@/` alias cannot hide a cycle.
 */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Modules import each other in a circle; move the shared part to its own module or pass it in.",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-unresolvable",
      severity: "error",
      comment: "An import that does not resolve (a cycle through it would go unseen).",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|lib/generated|\\.next)/" },
    tsConfig: { fileName: "tsconfig.json" },
    // Type-only imports count too: they are edges of the design, even though tsc erases them.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".mts", ".js", ".mjs", ".cjs", ".json"],
    },
  },
};

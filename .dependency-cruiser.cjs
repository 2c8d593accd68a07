// Import rules for src/ (`npm run lint` runs `depcruise src`). Paths are relative to the project root.
//
//   Worker: src/*.ts (entries, app, context), src/lib, src/db, src/auth, src/mods/<module>/{api,services,types}
//   UI:     src/ui/{shell,kit,main.tsx}, src/mods/<module>/{components,views}
//
// TypeScript 7 has no JavaScript API, which dependency-cruiser (<= 18) needs to parse .ts/.tsx and to
// read tsconfig.json: it parses with swc instead (`parser: "swc"`, @swc/core is a devDependency),
// which sees type-only imports as well. `tsConfig` is read only if a TypeScript < 7 is installed;
// nothing is lost without it, since tsconfig.json has no `paths` or `baseUrl` (relative imports only).

/** Worker code: runs in workerd. */
const WORKER = "^src/(?:[^/]+\\.ts$|lib/|db/|auth/|mods/[^/]+/(?:api|services|types)/)";
/** UI code: runs in the browser. */
const UI = "^src/(?:ui/|mods/[^/]+/(?:components|views)/)";
/** A module's screens. */
const MODULE_UI = "^src/mods/[^/]+/(?:components|views)/";

/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "worker-not-to-ui",
      severity: "error",
      comment:
        "Worker code runs in workerd: React components, hooks and the browser's API client have no " +
        "place in its bundle, not even as types (the Worker's contract is its own zod schemas).",
      from: { path: WORKER },
      to: { path: UI },
    },
    {
      name: "ui-to-worker-types-only",
      severity: "error",
      comment:
        "The UI runs in browsers and reaches the Worker over HTTP: it imports Worker code only with " +
        "`import type` (ApiType for the hono client, zod-inferred types), so no D1, auth or OpenAI " +
        "code ends up in the SPA's bundle.",
      from: { path: UI },
      to: { path: WORKER, dependencyTypesNot: ["type-only"] },
    },
    {
      name: "lib-is-the-bottom",
      severity: "error",
      comment:
        "src/lib holds the generic pieces (errors, router factory, field rules, pagination, phone and " +
        "email parsing) that every layer uses: it imports npm packages and other lib files only, so " +
        "it never depends on the things built on it (modules, auth, db). The one exception is the " +
        "Hono environment's type (src/context.ts, AppEnv) that the router factory and onError are typed by: " +
        "a type only, erased from every bundle.",
      from: { path: "^src/lib/" },
      to: { path: "^src/", pathNot: ["^src/lib/", "^src/context\\.ts$"] },
    },
    {
      name: "context-as-types-only",
      severity: "error",
      comment: "src/lib and src/auth may name AppEnv (src/context.ts) as a type, never import a value from it.",
      from: { path: "^src/(?:lib|auth)/" },
      to: { path: "^src/context\\.ts$", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "not-to-other-module-api",
      severity: "error",
      comment:
        "A module's api/ (routes, handlers, queue consumers) is for the Worker entries and src/app.ts " +
        "to mount; another module calls its services/ instead.",
      from: { path: "^src/mods/([^/]+)/" },
      to: { path: "^src/mods/[^/]+/api/", pathNot: "^src/mods/$1/" },
    },
    {
      name: "worker-module-to-other-module-services-or-types",
      severity: "error",
      comment:
        "Between modules, Worker code goes through the other module's services/ (plain functions) " +
        "or types/ (its zod schemas and types: the public contract), never its internals. " +
        "(Its api/ is reported by not-to-other-module-api, its screens by worker-not-to-ui.)",
      from: { path: "^src/mods/([^/]+)/(?:api|services|types)/" },
      to: {
        path: "^src/mods/[^/]+/",
        pathNot: ["^src/mods/$1/", "^src/mods/[^/]+/(?:services|types|api|components|views)/"],
      },
    },
    {
      name: "module-ui-not-to-other-module-views",
      severity: "error",
      comment:
        "A module's screens may show another module's components/ (e.g. the contact page lists its " +
        "calls with the call module's CallList), but views/ are whole pages, routed by the shell.",
      from: { path: "^src/mods/([^/]+)/(?:components|views)/" },
      to: { path: "^src/mods/[^/]+/views/", pathNot: "^src/mods/$1/" },
    },
    {
      name: "no-circular",
      severity: "error",
      comment:
        "No import cycles, between modules or anywhere else in src/ (the tree had none when this rule " +
        "came in, type-only ones included): modules depend on each other in one direction only, and a " +
        "cycle means none of its files can be understood, tested or moved without the others.",
      from: {},
      to: { circular: true },
    },
    {
      name: "module-ui-not-to-shell",
      severity: "error",
      comment:
        "The shell (routes, navigation, auth screens) composes the modules' views: a view importing " +
        "the shell would be a cycle in the UI's layering. Shared UI belongs in src/ui/kit.",
      from: { path: MODULE_UI },
      to: { path: "^src/ui/shell/" },
    },
    {
      name: "kit-not-to-shell-or-module-ui",
      severity: "error",
      comment:
        "src/ui/kit is the UI's bottom layer (shared components, hooks, API client, formatting): it " +
        "knows neither the shell nor any module's screens.",
      from: { path: "^src/ui/kit/" },
      to: { path: ["^src/ui/shell/", MODULE_UI] },
    },
    {
      name: "db-not-to-mods",
      severity: "error",
      comment:
        "src/db (drizzle client, schema, D1 sessions middleware) sits under the modules: it imports " +
        "none of them. (src/lib's imports are checked by lib-is-the-bottom.)",
      from: { path: "^src/db/" },
      to: { path: "^src/mods/" },
    },
    {
      name: "auth-to-db-and-lib-only",
      severity: "error",
      comment:
        "src/auth (better-auth, the authentication middleware, API-key verification) is built on " +
        "src/db and src/lib only (and AppEnv's type from src/context.ts), so that every module can rely " +
        "on it without a cycle.",
      from: { path: "^src/auth/" },
      to: { path: "^src/", pathNot: ["^src/(?:auth|db|lib)/", "^src/context\\.ts$"] },
    },
    {
      name: "src-not-to-tests-bench-tools",
      severity: "error",
      comment:
        "Tests, browser tests, benchmarks and tools use src/, never the other way round: " +
        "nothing of theirs may end up in a Worker or the SPA.",
      from: { path: "^src/" },
      to: { path: "^(?:test|e2e|bench|tools)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // See the top of the file. swc keeps `import type` dependencies (marked "type-only"), which
    // ui-to-worker-types-only is about; `tsPreCompilationDeps` would only matter to the tsc parser.
    parser: "swc",
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
      extensions: [".ts", ".tsx", ".d.ts", ".js", ".mjs", ".cjs", ".json"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

// Bundled in place of zod's locale index (wrangler.jsonc "alias"): `import { z } from "zod"`
// (as @hono/zod-openapi does) keeps every export of the namespace, 40+ locales, about 40 KiB
// gzip of the Worker. The API answers in English only.
export { default as en } from "zod/v4/locales/en.js";

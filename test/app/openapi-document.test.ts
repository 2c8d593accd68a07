import { describe, expect, it } from "vitest";
import { anonymous, expectJson } from "../support/helpers";

/*
 * docs/openapi.json is the service's OpenAPI document as the running service serves it, committed
 * so that a reader of the repository has the API without running anything. A route changed without
 * `npm run openapi` (which rewrites the file: this test with --update) fails here.
 */
describe("docs/openapi.json", () => {
  it("is the document GET /api/openapi.json serves, byte for byte", async () => {
    const document = await expectJson(anonymous, "GET", "/api/openapi.json", undefined, 200);
    await expect(`${JSON.stringify(document, null, 2)}\n`).toMatchFileSnapshot("../../docs/openapi.json");
  });
});

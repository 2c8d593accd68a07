import { expect, it } from "vitest";
import { LOG_LINE } from "./log-line";

// Run by tools/test/quiet-tests.test.ts (and by npm test, quietly): a passing test that logs, as the
// request logs and better-auth's warnings of the workers tests do.

it("logs while it passes", () => {
  console.log(LOG_LINE);
  console.error(`${LOG_LINE}, on stderr`);
  expect(true).toBe(true);
});

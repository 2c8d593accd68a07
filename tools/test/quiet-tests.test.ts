import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { LOG_LINE } from "./support/log-line";

/*
 * `npm test` printed hundreds of JSON log lines (and wrangler's warnings) before its summary. Now the
 * logs of passing tests show only with TEST_LOGS=1 (vitest.config.ts). Checked on a test that logs,
 * run by vitest as npm test runs it.
 */

async function vitestOutput(env: Record<string, string>) {
  const run = spawn("vitest", ["run", "--project", "tools", "tools/test/support/logs-while-passing.test.ts"], {
    env: { ...process.env, TEST_LOGS: "", NO_COLOR: "1", FORCE_COLOR: "0", ...env },
  });
  let output = "";
  run.stdout.on("data", (chunk) => (output += chunk));
  run.stderr.on("data", (chunk) => (output += chunk));
  const code = await new Promise((resolve) => run.on("close", resolve));
  expect(code, output).toBe(0);
  return output;
}

describe("npm test's output", () => {
  it("holds the summary, not the logs of passing tests", async () => {
    const output = await vitestOutput({});
    expect(output).toMatch(/Tests\s+1 passed/);
    expect(output).not.toContain(LOG_LINE);
  });

  it("with TEST_LOGS=1, holds their logs too", async () => {
    const output = await vitestOutput({ TEST_LOGS: "1" });
    expect(output).toContain(LOG_LINE);
    expect(output).toContain(`${LOG_LINE}, on stderr`);
  });
});

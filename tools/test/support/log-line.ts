/** What support/logs-while-passing.test.ts logs, and quiet-tests.test.ts looks for. */
export const LOG_LINE = "a log line of a passing test";

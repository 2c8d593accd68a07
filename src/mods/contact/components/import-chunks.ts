/*
 * A file's rows sent to `POST /api/contacts/import` a request at a time, within the route's limits
 * (500 rows, 1 MiB), and the answers added up.
 */
import { api, request } from "../../../ui/kit/api/client";
import type { ImportResult } from "../types/import-export";
import type { Target } from "./import-columns";
import type { FailedRow } from "./import-csv";
import { type BuiltRow, buildRow, describeIssue } from "./import-rows";

/** The route's cap on rows per request. */
export const ROWS_PER_REQUEST = 500;
/** Under the route's 1 MiB, with room for the envelope. */
const MAX_REQUEST_BYTES = 1000 * 1000;
/** A request refused for a passing reason is tried again this many times at most before the run stops. */
const MAX_RETRIES = 8;
const MAX_WAIT_SECONDS = 60;

export interface Tally {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  /** Every failed row, with its cells and its reasons, for the list and the failed-rows CSV. */
  failures: FailedRow[];
}

export const emptyTally = (): Tally => ({ created: 0, updated: 0, unchanged: 0, failed: 0, failures: [] });

/** A preview (every chunk as a dry run) or the import itself. */
export type RunMode = "preview" | "import";

/** A run through the file's rows, as far as it got. */
export interface Run {
  mode: RunMode;
  /** running; waiting to send a chunk again (rate limited, or the server failed); stopped by the person or by an error; done. */
  status: "running" | "waiting" | "stopped" | "done";
  /** Rows answered so far, from the file's first. */
  done: number;
  total: number;
  tally: Tally;
  error?: unknown;
  /** While waiting: how long, and why. */
  wait?: { seconds: number; reason: WaitReason };
}

export interface Chunk {
  /** Index of the chunk's first row in the file (0 for the first line under the header). */
  start: number;
  built: BuiltRow[];
}

/** The rows from `start` on that fit in one request. */
export function takeChunk(rows: string[][], targets: Target[], start: number): Chunk {
  const encoder = new TextEncoder();
  const built: BuiltRow[] = [];
  let bytes = 0;
  for (let i = start; i < rows.length && built.length < ROWS_PER_REQUEST; i++) {
    const next = buildRow(rows[i]!, targets);
    bytes += encoder.encode(JSON.stringify(next.row)).length + 1;
    // A row alone over the limit still goes, on its own: the API says what is wrong with it.
    if (bytes > MAX_REQUEST_BYTES && built.length) break;
    built.push(next);
  }
  return { start, built };
}

function sendRows(chunk: Chunk, dryRun: boolean, signal: AbortSignal) {
  return api.contacts.import.$post(
    { query: {}, json: { rows: chunk.built.map((b) => b.row), dry_run: dryRun } },
    { init: { signal } },
  );
}

/** Why a run waits: the API's rate limit, or a server or network failure that may pass. */
export type WaitReason = "rate_limited" | "unavailable";

/**
 * Sends one chunk. A 429 waits as long as its `retry-after` says; a 5xx or a network failure waits
 * 1, 2, 4… seconds; then the chunk goes again (`onWait` hears of each wait). Sending a chunk again
 * is safe: each row is all or nothing, and a row that went through answers `unchanged` the second
 * time. Anything else, or a failure that does not pass, is thrown (an ApiFailure, or the fetch's error).
 */
export async function sendChunk(
  chunk: Chunk,
  dryRun: boolean,
  signal: AbortSignal,
  onWait: (seconds: number, reason: WaitReason) => void,
) {
  for (let attempt = 0; ; attempt++) {
    const last = attempt >= MAX_RETRIES;
    const backoff = Math.min(MAX_WAIT_SECONDS, 2 ** attempt);
    let response: Awaited<ReturnType<typeof sendRows>>;
    try {
      response = await sendRows(chunk, dryRun, signal);
    } catch (error) {
      if (signal.aborted || last) throw error;
      onWait(backoff, "unavailable");
      await sleep(backoff * 1000, signal);
      continue;
    }
    // The typed client knows the route's documented answers only: a 429 or a 503 is a number here.
    const status: number = response.status;
    if (last || (status !== 429 && status < 500)) return request(Promise.resolve(response));
    const retryAfter = Number(response.headers.get("retry-after")) || 1;
    const seconds = status === 429 ? Math.min(MAX_WAIT_SECONDS, Math.max(1, retryAfter)) : backoff;
    onWait(seconds, status === 429 ? "rate_limited" : "unavailable");
    await sleep(seconds * 1000, signal);
  }
}

/** Waits `ms`, or less if the run is stopped meanwhile (then it throws, as the fetch would). */
function sleep(ms: number, signal: AbortSignal) {
  signal.throwIfAborted();
  return new Promise<void>((resolve, reject) => {
    const stopped = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", stopped);
      resolve();
    }, ms);
    signal.addEventListener("abort", stopped, { once: true });
  });
}

/**
 * The tally with one chunk's answer added; failed rows keep the file's cells and say why, by column.
 * The failures list grows in place (copying it per chunk would cost 100,000 rows squared).
 */
export function addAnswer(
  tally: Tally,
  chunk: Chunk,
  answer: ImportResult,
  file: { headers: string[]; rows: string[][] },
  targets: Target[],
): Tally {
  const failures = tally.failures;
  for (const result of answer.rows) {
    if (result.status !== "failed") continue;
    const index = chunk.start + result.row - 1;
    const built = chunk.built[result.row - 1]!;
    failures.push({
      row: index + 1,
      cells: file.rows[index] ?? [],
      reason: result.errors.map((issue) => describeIssue(issue, built, file.headers, targets)).join(" "),
    });
  }
  return {
    created: tally.created + answer.created,
    updated: tally.updated + answer.updated,
    unchanged: tally.unchanged + answer.unchanged,
    failed: tally.failed + answer.failed,
    failures,
  };
}

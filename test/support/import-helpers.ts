import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { BASE, type Caller, expectStatus, request, send } from "./helpers";

/*
 * Helpers of the "Data in and out" tests: imports (JSON rows or CSV), the CSV export read back
 * as records, and snapshots of the tables an import or an erasure writes.
 */

export const IMPORT = "/api/contacts/import";
export const EXPORT = "/api/contacts/export";

export interface ImportAnswer {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  ignored_columns: string[];
  rows: {
    row: number;
    status: "created" | "updated" | "unchanged" | "failed";
    contact_id: string | null;
    errors: { path: (string | number)[]; message: string }[];
  }[];
}

/** Imports JSON rows and expects a 200; answers the result. */
export async function importRows(caller: Caller, rows: unknown[], extra: Record<string, unknown> = {}) {
  return expectStatus<ImportAnswer>(await send(caller, "POST", IMPORT, { rows, ...extra }), 200);
}

/** Imports a CSV body and expects a 200; answers the result. */
export async function importCsv(caller: Caller, csv: string | Uint8Array, query = "") {
  const res = await sendCsv(caller, csv, query);
  return expectStatus<ImportAnswer>(res, 200);
}

/** POSTs a CSV body (text, or bytes as a file holds them) to the import. */
export function sendCsv(caller: Caller, csv: string | Uint8Array, query = "", contentType = "text/csv") {
  return request(`${IMPORT}${query}`, {
    method: "POST",
    headers: { origin: BASE, ...caller.headers, "content-type": contentType },
    body: csv,
  });
}

/** The row results' statuses, in order. */
export const statuses = (answer: ImportAnswer) => answer.rows.map((r) => r.status);

/** GET /api/contacts/export as text; expects a 200 CSV. */
export async function exportCsv(caller: Caller): Promise<string> {
  const res = await send(caller, "GET", EXPORT);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
  return text;
}

/** The organization's rows of the tables an import or an erasure writes, for comparing before and after. */
export async function tablesOf(organizationId: string) {
  const rows = async (sql: string) => (await env.DB.prepare(sql).bind(organizationId).all()).results;
  return {
    contacts: await rows("SELECT * FROM contact WHERE organization_id = ? ORDER BY seq"),
    phones: await rows("SELECT * FROM contact_phone WHERE organization_id = ? ORDER BY seq"),
    emails: await rows("SELECT * FROM contact_email WHERE organization_id = ? ORDER BY seq"),
    duplicates: await rows("SELECT * FROM contact_duplicate WHERE organization_id = ? ORDER BY seq"),
    search: await rows(
      "SELECT rowid, body FROM contact_search WHERE rowid IN (SELECT seq FROM contact WHERE organization_id = ?) ORDER BY rowid",
    ),
  };
}

import type { Database } from "../../../../db/client";
import { entryCapTable, isForeignKeyViolation, uniqueViolationTable } from "../../../../lib/db-errors";
import type { ErrorIssue } from "../../../../lib/errors";
import { afterRings } from "../../../../lib/rings-first";
import type { ImportResult, ImportRowResult } from "../../types/import-export";
import type { Tenant } from "../entries";
import { entryCapError } from "../entry-caps";
import { type PlannedRow, planImport } from "./import-plan";
import { checkRow, errorsAsGiven, type RowInput, type ValidRow } from "./import-rows";
import { importStatements, readImportState } from "./import-sql";

/**
 * Rows per write batch. A batch is one transaction, and D1 runs one at a time: a ring arriving
 * meanwhile waits for it, so the batches stay short (a few ms) and the ring's p99 holds during a
 * large import (npm run bench:import). A 500-row request writes in 10 batches.
 */
export const ROWS_PER_WRITE = 50;
/**
 * Write batches one request may try: 10 for 500 rows when nothing races it. A write that another
 * request makes meanwhile (a ring creating a stub for a number of the file, say) makes a batch
 * fail; then its rows are planned again from fresh reads, in smaller batches. Bounded so that a
 * request stays far within the Workers limit on queries per invocation whatever happens.
 */
const MAX_WRITE_ATTEMPTS = 40;

interface Pending {
  index: number;
  input: RowInput;
  row: ValidRow;
}

/**
 * Imports the rows as the contract says (see import-plan.ts), each all or nothing: the rows are
 * planned together from one read, then written in batches of whole rows (ROWS_PER_WRITE), in
 * order. When the database refuses a batch (a concurrent write broke the plan), nothing of it was
 * written: its rows and the rest are planned again from fresh reads, in batches half as large,
 * down to a single row, which then fails with its reason (the rows after it go on in full
 * batches). `dryRun` plans and writes nothing.
 */
export async function importContacts(
  db: Database,
  tenant: Tenant,
  inputs: RowInput[],
  { dryRun, ignoredColumns }: { dryRun: boolean; ignoredColumns: string[] },
): Promise<ImportResult> {
  const d1 = db.$client;
  const results = inputs.map((input, index) => failedRow({ index, input }, []));
  const record = (p: Pending, planned: PlannedRow) => {
    const contactId = dryRun && planned.newContact ? null : planned.contactId;
    results[p.index] =
      planned.status === "failed"
        ? failedRow(p, planned.errors)
        : { row: p.index + 1, status: planned.status, contact_id: contactId, errors: [] };
  };

  let pending: Pending[] = [];
  for (const [index, input] of inputs.entries()) {
    // Reading numbers is the CPU-heavy part (libphonenumber): rings and other requests get their turn.
    if (index % ROWS_PER_WRITE === 0) await afterRings();
    const checked = checkRow(input, tenant);
    if (checked.valid) pending.push({ index, input, row: checked.valid });
    else results[index] = failedRow({ index, input }, checked.errors);
  }

  let rowsPerWrite = ROWS_PER_WRITE;
  let attempts = 0;
  while (pending.length) {
    const phones = pending.flatMap((p) => p.row.phones.map((phone) => phone.e164));
    const emails = pending.flatMap((p) => p.row.emails.map((email) => email.email));
    await afterRings();
    const state = await readImportState(d1, tenant.organizationId, phones, emails);
    const plan = planImport(
      pending.map((p) => p.row),
      state,
    );
    if (dryRun) {
      for (const [i, p] of pending.entries()) record(p, plan[i] as PlannedRow);
      break;
    }
    let refusedAt = pending.length;
    for (let start = 0; start < pending.length; start += rowsPerWrite) {
      const rows = plan.slice(start, start + rowsPerWrite);
      const statements = importStatements(
        d1,
        tenant.organizationId,
        rows.map((r) => r.writes),
        Date.now(),
      );
      if (statements.length && attempts++ === MAX_WRITE_ATTEMPTS) {
        for (const p of pending.slice(start)) results[p.index] = failedRow(p, [GAVE_UP]);
        return tally(results, ignoredColumns);
      }
      const refusal = statements.length ? await refusalOf(d1, statements) : null;
      if (refusal) {
        // Halve the batch until the refused row stands alone; once it has failed, the rest go on in full batches.
        const alone = rows.length === 1;
        if (alone) {
          const p = pending[start] as Pending;
          results[p.index] = failedRow(p, [whyAlone(refusal)]);
        }
        refusedAt = alone ? start + 1 : start;
        rowsPerWrite = alone ? ROWS_PER_WRITE : Math.ceil(rows.length / 2);
        break;
      }
      for (const [i, planned] of rows.entries()) record(pending[start + i] as Pending, planned);
    }
    pending = pending.slice(refusedAt);
  }
  return tally(results, ignoredColumns);
}

const failedRow = (p: { index: number; input: RowInput }, errors: ErrorIssue[]): ImportRowResult => ({
  row: p.index + 1,
  status: "failed",
  contact_id: null,
  errors: errorsAsGiven(p.input, errors),
});

/** Writes the batch; answers the database's refusal when a concurrent write broke the plan, else null. */
async function refusalOf(d1: D1Database, statements: D1PreparedStatement[]): Promise<unknown> {
  await afterRings();
  try {
    await d1.batch(statements);
    return null;
  } catch (err) {
    if (!brokenByConcurrentWrite(err)) throw err;
    return err;
  }
}

function tally(rows: ImportRowResult[], ignoredColumns: string[]): ImportResult {
  const count = (status: ImportRowResult["status"]) => rows.filter((r) => r.status === status).length;
  return {
    created: count("created"),
    updated: count("updated"),
    unchanged: count("unchanged"),
    failed: count("failed"),
    rows,
    ignored_columns: ignoredColumns,
  };
}

const brokenByConcurrentWrite = (err: unknown) =>
  uniqueViolationTable(err) !== null || isForeignKeyViolation(err) || entryCapTable(err) !== null;

const GAVE_UP: ErrorIssue = {
  path: [],
  message: "not imported: the organization's contacts kept changing during the import; send this row again",
};

/** A single row's batch refused by the database although planned from fresh reads: a write raced it. */
function whyAlone(err: unknown): ErrorIssue {
  const overCap = entryCapError(err, (table) => [table === "contact_phone" ? "phones" : "emails"]);
  if (overCap?.details.issues?.[0]) return overCap.details.issues[0];
  if (isForeignKeyViolation(err))
    return { path: [], message: "its contact was deleted during the import; send it again" };
  return {
    path: [],
    message: "a phone or email of the row was added to another contact during the import; send it again",
  };
}

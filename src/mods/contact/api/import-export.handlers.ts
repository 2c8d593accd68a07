import type { AppRouteHandler } from "../../../context";
import { readCsv } from "../services/import-export/csv-rows";
import { exportContactsCsv } from "../services/import-export/export-contacts";
import { importContacts as importRows } from "../services/import-export/import-contacts";
import type * as routes from "./import-export.routes";
import { isCsv } from "./json-or-csv-body";
import { tenantOf } from "./tenant";

type Handler<R extends keyof typeof routes> = AppRouteHandler<(typeof routes)[R]>;

export const importContacts: Handler<"importContacts"> = async (c) => {
  const dryRunAsked = c.req.valid("query").dry_run;
  if (isCsv(c.req.header("content-type"))) {
    const { rows, ignoredColumns } = readCsv(await c.req.text());
    return c.json(await importRows(c.var.db, tenantOf(c), rows, { dryRun: dryRunAsked, ignoredColumns }), 200);
  }
  const body = c.req.valid("json");
  // Typed `string` too, for the route's text/csv content, which was read above: never here.
  if (typeof body === "string") throw new Error("unreachable: a CSV body is read as CSV");
  const inputs = body.rows.map((input) => ({ input }));
  const options = { dryRun: dryRunAsked || body.dry_run === true, ignoredColumns: [] };
  return c.json(await importRows(c.var.db, tenantOf(c), inputs, options), 200);
};

export const exportContacts: Handler<"exportContacts"> = async (c) => {
  const day = new Date().toISOString().slice(0, 10);
  return c.body(exportContactsCsv(c.var.db, c.var.principal.organizationId), 200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="contacts-${day}.csv"`,
  });
};

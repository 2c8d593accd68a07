import type { z } from "@hono/zod-openapi";
import type { AppRouteHandler } from "../../../context";
import { eraseContact as erase, exportPerson as exportOf } from "../services/person-data";
import type { PersonExportSchema } from "../types/person-data";
import type * as routes from "./person-data.routes";

type Handler<R extends keyof typeof routes> = AppRouteHandler<(typeof routes)[R]>;

export const exportPerson: Handler<"exportPerson"> = async (c) => {
  const { id } = c.req.valid("param");
  const body = await exportOf(c.var.db, c.var.principal.organizationId, id);
  const streamed = c.body(body, 200, {
    "content-type": "application/json; charset=utf-8",
    "content-disposition": `attachment; filename="contact-${id}.json"`,
  });
  // The stream writes the PersonExport JSON the route declares; hono cannot see that through a stream.
  return streamed as unknown as ReturnType<typeof c.json<z.infer<typeof PersonExportSchema>, 200>>;
};

export const eraseContact: Handler<"eraseContact"> = async (c) => {
  await erase(c.var.db, c.var.principal.organizationId, c.req.valid("param").id);
  return c.body(null, 204);
};

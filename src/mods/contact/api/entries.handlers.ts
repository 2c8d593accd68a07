import type { AppRouteHandler } from "../../../context";
import { addEntry, deleteEntry, emailKind, phoneKind, updateEntry } from "../services/entries";
import type * as routes from "./entries.routes";
import { tenantOf } from "./tenant";

type Handler<R extends keyof typeof routes> = AppRouteHandler<(typeof routes)[R]>;

export const addPhone: Handler<"addPhone"> = async (c) => {
  const { phone_number, ...rest } = c.req.valid("json");
  return c.json(
    await addEntry(c.var.db, phoneKind, tenantOf(c), c.req.valid("param").id, { ...rest, value: phone_number }),
    201,
  );
};

export const updatePhone: Handler<"updatePhone"> = async (c) => {
  const { id, phone_id } = c.req.valid("param");
  const { phone_number, ...rest } = c.req.valid("json");
  return c.json(
    await updateEntry(c.var.db, phoneKind, tenantOf(c), id, phone_id, { ...rest, value: phone_number }),
    200,
  );
};

export const deletePhone: Handler<"deletePhone"> = async (c) => {
  const { id, phone_id } = c.req.valid("param");
  await deleteEntry(c.var.db, phoneKind, tenantOf(c), id, phone_id);
  return c.body(null, 204);
};

export const addEmail: Handler<"addEmail"> = async (c) => {
  const { email, ...rest } = c.req.valid("json");
  return c.json(
    await addEntry(c.var.db, emailKind, tenantOf(c), c.req.valid("param").id, { ...rest, value: email }),
    201,
  );
};

export const updateEmail: Handler<"updateEmail"> = async (c) => {
  const { id, email_id } = c.req.valid("param");
  const { email, ...rest } = c.req.valid("json");
  return c.json(await updateEntry(c.var.db, emailKind, tenantOf(c), id, email_id, { ...rest, value: email }), 200);
};

export const deleteEmail: Handler<"deleteEmail"> = async (c) => {
  const { id, email_id } = c.req.valid("param");
  await deleteEntry(c.var.db, emailKind, tenantOf(c), id, email_id);
  return c.body(null, 204);
};

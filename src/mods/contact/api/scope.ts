import type { Context } from "hono";
import type { AppEnv } from "../../../context";
import { defaultCountry } from "../services/phone-number";
import type { Scope } from "../services/entries";

/** The organization and the country that numbers without a `+` are read in. */
export const scopeOf = (c: Context<AppEnv>): Scope => ({
  organizationId: c.var.principal.organizationId,
  country: defaultCountry(c.env),
});

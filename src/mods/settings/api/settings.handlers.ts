import type { AppRouteHandler } from "../../../context";
import { defaultCountry } from "../../../lib/phone-number";
import type * as routes from "./settings.routes";

/** The country as the Worker reads numbers in it (an unsupported or missing value is US). */
export const getSettings: AppRouteHandler<typeof routes.getSettings> = (c) =>
  c.json({ default_phone_country: defaultCountry(c.env) }, 200);

import { createRoute } from "@hono/zod-openapi";
import { commonErrors, json } from "../../../lib/openapi-responses";
import { SettingsSchema } from "../types/settings";

export const getSettings = createRoute({
  method: "get",
  path: "/settings",
  tags: ["Service"],
  summary: "The service's settings a client needs, such as the default phone country",
  responses: { 200: json(SettingsSchema, "The settings"), ...commonErrors },
});

import type { AppRouteHandler } from "../../../context";
import { requeueEnrichment, saveTranscription as save } from "../services/enrichment-state";
import type * as routes from "./enrichment.routes";

type Handler<R extends keyof typeof routes> = AppRouteHandler<(typeof routes)[R]>;

export const saveTranscription: Handler<"saveTranscription"> = async (c) => {
  const { organizationId } = c.var.principal;
  const { id } = c.req.valid("param");
  return c.json(
    await save(c.var.db, c.env.ENRICHMENT_QUEUE, organizationId, id, c.req.valid("json").transcription),
    202,
  );
};

export const enrichCall: Handler<"enrichCall"> = async (c) => {
  const { id } = c.req.valid("param");
  return c.json(await requeueEnrichment(c.var.db, c.env.ENRICHMENT_QUEUE, c.var.principal.organizationId, id), 202);
};

import { z } from "zod";
import { InvalidPayload, type WebhookRequest } from "./provider";

/*
 * What the provider adapters share: reading a body, the field rules of their payloads (zod, loose:
 * the platforms send far more than we read, and a new field of theirs must never break a call),
 * and the JSON answers. InvalidPayload messages name the path and the rule, never a value: they end
 * up in delivery records, which must hold no caller data or transcript.
 */

/** The body as UTF-8 text; bytes that are not UTF-8 are not a payload of any provider. */
export function readText(request: WebhookRequest): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(request.body);
  } catch {
    throw new InvalidPayload("the body is not UTF-8 text");
  }
}

export function readJson(request: WebhookRequest): unknown {
  try {
    return JSON.parse(readText(request));
  } catch (error) {
    if (error instanceof InvalidPayload) throw error;
    throw new InvalidPayload("the body is not JSON");
  }
}

/** Parses with `schema`, or throws InvalidPayload naming the first field that is wrong. */
export function parsePayload<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.length ? issue.path.join(".") : "the body";
  throw new InvalidPayload(`${path}: ${issue.message}`);
}

/**
 * The caller's number as the platform sends it, "anonymous" and carrier placeholders included. No
 * number at all (absent, null or empty) is a withheld caller: the ring path reads "" so, and a call
 * must not fail because the platform left the hidden number out.
 */
export const callerField = z
  .string()
  .trim()
  .nullish()
  .transform((value) => value ?? "");

/** A string the event may lack: absent, null and empty are all null. */
export const optionalField = z
  .string()
  .trim()
  .nullish()
  .transform((value) => value || null);

/** An event name: payloads are told apart by it. */
export const eventField = z.string().trim().min(1, "required");

export function jsonAnswer(body: unknown): Response {
  return Response.json(body);
}

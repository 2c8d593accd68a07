import { type ClientResponse, hc } from "hono/client";
import type { SuccessStatusCode } from "hono/utils/http-status";
import type { ApiType } from "../../../app";
import { bookmarkFetch } from "./bookmark-fetch";
import { ApiFailure } from "./errors";

/** The API, typed from its own routes (a type-only import: no server code reaches the bundle). */
export const api = hc<ApiType>("/api", { fetch: bookmarkFetch });

type SuccessBody<R> =
  R extends ClientResponse<infer T, infer S, infer _F>
    ? S extends 204
      ? undefined
      : S extends SuccessStatusCode
        ? T
        : never
    : never;

/** The body of a successful answer (undefined for 204); an ApiFailure for anything else. */
export async function request<R extends ClientResponse<unknown, number, string>>(
  call: Promise<R>,
): Promise<SuccessBody<R>> {
  const response = await call;
  if (!response.ok) throw await ApiFailure.from(response as unknown as Response);
  if (response.status === 204) return undefined as SuccessBody<R>;
  return (await response.json()) as SuccessBody<R>;
}

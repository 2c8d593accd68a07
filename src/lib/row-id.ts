import { hex } from "./hex";
/*
 * Row ids: UUIDv7 (RFC 9562), a 48-bit millisecond timestamp then 74 random bits. Rows are found
 * by their id through a UNIQUE index; with random (v4) ids every insert lands on a random page of
 * that index, so a bulk write dirties a page per row and index. Time-ordered ids land at its end:
 * measured in bench:import (100,000 contacts), a 50-row write batch took 7 ms instead of 12 at
 * p50 (README, "Row ids"). The timestamp tells nothing the row's created_at does not already
 * say; 74 random bits keep ids unguessable.
 */

/** A new row id: a UUIDv7, in the same text form as crypto.randomUUID's. */
export function newRowId(): string {
  const now = Date.now();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  for (let i = 0; i < 6; i++) bytes[i] = Math.floor(now / 2 ** (8 * (5 - i))) & 0xff;
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x70; // version 7
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80; // variant 10
  const h = hex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

import { describe, expect, it } from "vitest";
import { uuid } from "../../src/lib/fields";
import { newRowId } from "../../src/lib/row-id";
import { newTenant, send } from "../support/helpers";

/* Row ids are UUIDv7 (src/lib/row-id.ts): time-ordered, so that inserts land at the end of their UNIQUE index. */

describe("newRowId", () => {
  it("is a UUID of version 7 and RFC 9562's variant, which the API's id check accepts", () => {
    const id = newRowId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuid.safeParse(id).success).toBe(true);
  });

  it("begins with the time it was made, in milliseconds", () => {
    const before = Date.now();
    const id = newRowId();
    const millis = Number.parseInt(id.replaceAll("-", "").slice(0, 12), 16);
    expect(millis).toBeGreaterThanOrEqual(before);
    expect(millis).toBeLessThanOrEqual(Date.now());
  });

  it("sorts by the time it was made, and never repeats", async () => {
    const earlier = Array.from({ length: 500 }, newRowId);
    await scheduler.wait(2);
    const later = newRowId();
    expect(earlier.every((id) => id < later)).toBe(true);
    expect(new Set(earlier).size).toBe(earlier.length);
  });

  it("is what a new contact gets", async () => {
    const t = await newTenant();
    const res = await send(t.key, "POST", "/api/contacts", { first_name: "Ada", last_name: "Lovelace" });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { id: string }).id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
  });
});

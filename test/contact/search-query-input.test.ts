import { beforeAll, describe, expect, it } from "vitest";
import { createContact, expectIssue, newTenant, searchIds, send, type Tenant } from "../support/helpers";

/*
 * GET /api/contacts?q=: `q` is at most 100 characters, and a `q` with control characters (NUL
 * included) is a 400 (contract, Contacts). (Found: a NUL in `q` was a 500.)
 */

let a: Tenant;

beforeAll(async () => {
  a = await newTenant();
});

const search = (q: string) => send(a.key, "GET", `/api/contacts?q=${encodeURIComponent(q)}`);

describe("GET /api/contacts?q=", () => {
  it.each([
    ["a NUL", "ada\u0000"],
    ["a NUL alone", "\u0000"],
    ["a NUL among trigram text", "lov\u0000elace"],
    ["a newline", "ada\nlovelace"],
    ["a tab", "ada\t"],
    ["an escape", "\u001b[31m"],
    ["a DEL", "ada\u007f"],
    ["a C1 control", "ada\u0085"],
  ])("with %s is a 400 at q", async (_what, q) => {
    const error = await expectIssue(await search(q), ["q"]);
    expect(error.message).toContain("control characters");
  });

  it("of 100 characters is fine; of 101 is a 400", async () => {
    expect((await search("a".repeat(100))).status).toBe(200);
    await expectIssue(await search("a".repeat(101)), ["q"]);
  });

  it("counts characters, not UTF-16 units: 100 emoji are fine", async () => {
    expect((await search("😀".repeat(100))).status).toBe(200);
  });

  it("surrounding spaces are trimmed, as before", async () => {
    const ada = await createContact(a.key, { first_name: "Adalind", last_name: "Query-Trim" });
    expect(await searchIds(a.key, "  query-trim  ")).toEqual([ada.id]);
  });
});

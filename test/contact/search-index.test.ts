import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";

/*
 * The search index (FTS5) writes pages of 1,000 bytes, not its default 4,050
 * (migrations/0009_contact_search_small_pages.sql): the merge work it does inside a write
 * transaction comes in quarters, and a ring waiting behind that transaction waits less.
 */
describe("the contact search index", () => {
  it("writes pages of 1,000 bytes", async () => {
    const pgsz = await env.DB.prepare("SELECT v FROM contact_search_config WHERE k = 'pgsz'").first<number>("v");
    expect(pgsz).toBe(1000);
  });
});

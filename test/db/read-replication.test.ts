import { describe, expect, it } from "vitest";
import { type Caller, expectJson, newTenant, send } from "../support/helpers";

/** The Sessions API bookmark a response carries (src/db/sessions.ts). */
const BOOKMARK_SHAPE = /^[0-9a-f]{8}(-[0-9a-f]+)+$/;
const bookmarkOf = (res: Response) => res.headers.get("x-d1-bookmark");

describe("D1 read replication: every answer carries the session's bookmark", async () => {
  const tenant = await newTenant();

  it("a write answers a bookmark, and a read that sends it back sees the write", async () => {
    const res = await send(tenant.key, "POST", "/api/contacts", { first_name: "Grace" });
    expect(res.status).toBe(201);
    const bookmark = bookmarkOf(res);
    expect(bookmark).toMatch(BOOKMARK_SHAPE);
    const { id } = (await res.json()) as { id: string };

    const withBookmark: Caller = { headers: { ...tenant.key.headers, "x-d1-bookmark": bookmark! } };
    const read = await send(withBookmark, "GET", `/api/contacts/${id}`);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { first_name: string }).first_name).toBe("Grace");
    // The read's own bookmark is at least as recent as the one it was sent.
    expect(bookmarkOf(read)! >= bookmark!).toBe(true);
  });

  it("a read without a bookmark answers one too, for the client's next request", async () => {
    const res = await send(tenant.key, "GET", "/api/contacts?limit=1");
    expect(res.status).toBe(200);
    expect(bookmarkOf(res)).toEqual(expect.any(String));
  });

  it("a browser gets it as an HttpOnly cookie scoped to the API as well; an API key caller does not", async () => {
    const browser = await send(tenant.owner, "POST", "/api/contacts", { first_name: "Edsger" });
    expect(browser.status).toBe(201);
    const cookie = browser.headers.getSetCookie().find((c) => c.startsWith("d1_bookmark="));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Path=\/api/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const webhook = await send(tenant.key, "POST", "/api/contacts", { first_name: "Barbara" });
    expect(webhook.headers.getSetCookie().some((c) => c.startsWith("d1_bookmark="))).toBe(false);
  });

  it("the cookie is honoured on the browser's next read", async () => {
    const created = await send(tenant.owner, "POST", "/api/contacts", { first_name: "Frances" });
    const cookie = created.headers
      .getSetCookie()
      .find((c) => c.startsWith("d1_bookmark="))!
      .split(";")[0];
    const { id } = (await created.json()) as { id: string };
    const browser: Caller = {
      headers: { ...tenant.owner.headers, cookie: `${tenant.owner.headers.cookie}; ${cookie}` },
    };
    const read = await expectJson(browser, "GET", `/api/contacts/${id}`, undefined, 200);
    expect(read.first_name).toBe("Frances");
  });
});

describe("D1 read replication: a bookmark that is not one", async () => {
  const tenant = await newTenant();

  it("is not trusted: the request reads at the primary, which is never behind, and answers a real bookmark", async () => {
    const created = await send(tenant.key, "POST", "/api/contacts", { first_name: "Hedy" });
    const { id } = (await created.json()) as { id: string };
    for (const bad of ["not a bookmark", "x".repeat(1000), "first-unconstrained"]) {
      const res = await send(
        { headers: { ...tenant.key.headers, "x-d1-bookmark": bad } },
        "GET",
        `/api/contacts/${id}`,
      );
      expect(res.status, bad).toBe(200);
      expect(bookmarkOf(res)).toMatch(BOOKMARK_SHAPE);
    }
  });
});

import { describe, expect, it } from "vitest";
import { createContact, expectJson, newTenant, request } from "./helpers";

describe("smoke", () => {
  it("runs", async () => {
    const res = await request("/healthz");
    expect(await res.json()).toEqual({ status: "ok" });
    const t = await newTenant();
    const c = await createContact(t.key, { first_name: "Ada", phones: [{ phone_number: "+1 555 123 4567" }], emails: [{ email: "Ada@Example.com" }] });
    console.log(JSON.stringify(c));
    const list = await expectJson(t.owner, "GET", "/api/contacts?q=555%20123", undefined, 200);
    console.log(JSON.stringify(list));
  });
});

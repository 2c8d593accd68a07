import { beforeAll, describe, expect, it } from "vitest";
import {
  anonymous,
  BASE,
  expectError,
  expectIssue,
  expectJson,
  freshNumber,
  newTenant,
  request,
  send,
  type Tenant,
} from "../support/helpers";
import { EXPORT, IMPORT, importRows, sendCsv } from "../support/import-helpers";

/*
 * The import and export routes' doors: credentials, content types, body and row limits, the JSON
 * body's shape.
 */

let t: Tenant;

beforeAll(async () => {
  t = await newTenant();
});

const row = () => ({ first_name: "Ada", phones: [{ phone_number: freshNumber() }] });

describe("credentials", () => {
  it("no session and no API key: 401 on both", async () => {
    await expectError(await send(anonymous, "POST", IMPORT, { rows: [row()] }), 401, "unauthenticated");
    await expectError(await sendCsv(anonymous, "first_name\nAda\n"), 401, "unauthenticated");
    await expectError(await send(anonymous, "GET", EXPORT), 401, "unauthenticated");
  });

  it("a calls-scoped API key may neither import nor export: 403", async () => {
    const created = await expectJson(t.owner, "POST", "/api/api-keys", { name: "ring", scope: "calls" }, 201);
    const calls = { headers: { "x-api-key": created.key } };
    await expectError(await send(calls, "POST", IMPORT, { rows: [row()] }), 403, "forbidden");
    await expectError(await send(calls, "GET", EXPORT), 403, "forbidden");
  });

  it("a signed-in user imports and exports with the session cookie", async () => {
    const answer = await expectJson(t.owner, "POST", IMPORT, { rows: [row()] }, 200);
    expect(answer.created).toBe(1);
    expect((await send(t.owner, "GET", EXPORT)).status).toBe(200);
  });

  it("a cookie-authenticated import from an untrusted Origin is a 403", async () => {
    const res = await request(IMPORT, {
      method: "POST",
      headers: { ...t.owner.headers, origin: "https://evil.example", "content-type": "application/json" },
      body: JSON.stringify({ rows: [row()] }),
    });
    await expectError(res, 403, "forbidden");
  });
});

describe("the import's body", () => {
  it("another content type, or none, is a 415", async () => {
    await expectError(await sendCsv(t.key, "first_name\nAda\n", "", "text/plain"), 415, "unsupported_media_type");
    const none = await request(IMPORT, { method: "POST", headers: { origin: BASE, ...t.key.headers }, body: "x" });
    await expectError(none, 415, "unsupported_media_type");
  });

  it("malformed JSON is a 400", async () => {
    const res = await request(IMPORT, {
      method: "POST",
      headers: { origin: BASE, ...t.key.headers, "content-type": "application/json" },
      body: "{rows:",
    });
    await expectError(res, 400, "validation_failed");
  });

  it("rows missing, empty, not a list or over 500 are a 400; so is an unknown field", async () => {
    await expectIssue(await send(t.key, "POST", IMPORT, {}), ["rows"]);
    await expectIssue(await send(t.key, "POST", IMPORT, { rows: [] }), ["rows"]);
    await expectIssue(await send(t.key, "POST", IMPORT, { rows: "Ada" }), ["rows"]);
    await expectIssue(await send(t.key, "POST", IMPORT, { rows: Array.from({ length: 501 }, row) }), ["rows"]);
    await expectIssue(await send(t.key, "POST", IMPORT, { rows: [row()], organization_id: t.organizationId }), [
      "organization_id",
    ]);
    await expectIssue(await send(t.key, "POST", IMPORT, { rows: [row()], dry_run: "yes" }), ["dry_run"]);
  });

  it("500 rows are taken in one request", async () => {
    const answer = await importRows(t.key, Array.from({ length: 500 }, row));
    expect(answer.created).toBe(500);
    expect(answer.rows.map((r) => r.row)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
  });

  it("a body over 1 MiB is a 413, a JSON body over 64 KiB is not", async () => {
    const padded = { rows: [{ first_name: "Ada", phones: [{ phone_number: freshNumber(), label: "x" }] }] };
    const big = JSON.stringify(padded).replace("{", `{${" ".repeat(100 * 1024)}`);
    const res = await request(IMPORT, {
      method: "POST",
      headers: { origin: BASE, ...t.key.headers, "content-type": "application/json" },
      body: big,
    });
    expect(res.status).toBe(200);
    const csv = `first_name,notes\n${`Ada,${"x".repeat(1000)}\n`.repeat(1100)}`;
    await expectError(await sendCsv(t.key, csv), 413, "payload_too_large");
  });
});

describe("the OpenAPI document", () => {
  it("describes the import's JSON and CSV bodies, the row schema they refer to, and the CSV export", async () => {
    const doc = await expectJson(anonymous, "GET", "/api/openapi.json", undefined, 200);
    const body = doc.paths["/api/contacts/import"].post.requestBody.content;
    expect(Object.keys(body)).toEqual(["application/json", "text/csv"]);
    expect(doc.components.schemas.ImportRequest.properties.rows.items).toEqual({
      $ref: "#/components/schemas/ImportRow",
    });
    expect(Object.keys(doc.components.schemas.ImportRow.properties)).toEqual([
      "first_name",
      "last_name",
      "phones",
      "emails",
    ]);
    expect(Object.keys(doc.paths["/api/contacts/export"].get.responses["200"].content)).toEqual(["text/csv"]);
    expect(doc.paths["/api/contacts/{id}/export"].get.responses["200"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/PersonExport",
    });
    expect(doc.paths["/api/contacts/{id}/erase"].post.responses).toHaveProperty("204");
  });
});

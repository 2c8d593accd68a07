// The harness itself: the browser reaches both Workers' service through the one origin that also
// serves the SPA.
import { describe, expect } from "vitest";
import { baseUrl, it } from "./helpers";

describe("the service in a browser", () => {
  it("answers /healthz", async ({ page }) => {
    const res = await page.goto("/healthz");
    expect(res?.status()).toBe(200);
    expect(await res?.json()).toEqual({ status: "ok" });
  });

  it("describes itself at /api/openapi.json, paths included", async ({ page }) => {
    const res = await page.goto("/api/openapi.json");
    expect(res?.status()).toBe(200);
    const doc = await res?.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/contacts", "/api/calls/inbound", "/api/api-keys"]),
    );
  });

  it("serves the SPA at / and at a deep link, without script errors", async ({ page }) => {
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    for (const path of ["/", "/contacts"]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      expect(res?.headers()["content-type"], path).toContain("text/html");
      await page.waitForLoadState("networkidle");
      expect(await page.locator("script[type=module], script[src]").count(), path).toBeGreaterThan(0);
    }
    expect(errors).toEqual([]);
  });

  it("refuses the API without a session or a key", async ({ page }) => {
    const res = await page.request.get(`${baseUrl}/api/contacts`);
    expect(res.status()).toBe(401);
  });
});

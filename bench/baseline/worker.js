// The ring benchmark's baseline: the least a Worker can do for a ring, one prepared indexed
// SELECT of a phone number, on the same data. No framework, no auth, no write.
const LOOKUP = "SELECT contact_id FROM contact_phone WHERE organization_id = ? AND phone_number = ?";

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/healthz") return Response.json({ status: "ok" });
    const { from } = await request.json();
    const row = await env.DB.prepare(LOOKUP).bind(env.BENCH_ORGANIZATION_ID, from).first();
    return Response.json({ contact_id: row?.contact_id ?? null });
  },
};

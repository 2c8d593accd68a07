// The ring benchmark's baselines: the least a Worker can do for a ring, one prepared indexed
// SELECT of a phone number, on the same data (no framework, no auth, no write); and, on /write,
// the same SELECT plus the INSERT of a call row in one batch: what recording the call itself costs.
const LOOKUP = "SELECT contact_id FROM contact_phone WHERE organization_id = ? AND phone_number = ?";
const RECORD = `INSERT INTO call (id, organization_id, contact_id, "from", caller, created_at)
  VALUES (?, ?, (SELECT contact_id FROM contact_phone WHERE organization_id = ? AND phone_number = ?), ?, 'identified', ?)`;

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/healthz") return Response.json({ status: "ok" });
    const { from } = await request.json();
    const org = env.BENCH_ORGANIZATION_ID;
    if (url.pathname === "/write") {
      const [found] = await env.DB.batch([
        env.DB.prepare(LOOKUP).bind(org, from),
        env.DB.prepare(RECORD).bind(crypto.randomUUID(), org, org, from, from, Date.now()),
      ]);
      return Response.json({ contact_id: found.results[0]?.contact_id ?? null });
    }
    const row = await env.DB.prepare(LOOKUP).bind(org, from).first();
    return Response.json({ contact_id: row?.contact_id ?? null });
  },
};

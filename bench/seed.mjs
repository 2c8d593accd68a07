// Seeds a local D1 with organizations, API keys and contacts, in SQL (recursive CTEs), so
// 100,000 contacts take seconds rather than 100,000 API calls.
import { createHash } from "node:crypto";
// Node 22 strips the types: the bench seals with the service's own code.
import { seal } from "../src/lib/secret-box.ts";
import { sqlite } from "./lib.mjs";

const FIRST = [
  "Ada",
  "Alan",
  "Grace",
  "Edsger",
  "Barbara",
  "Donald",
  "Margaret",
  "Dennis",
  "Frances",
  "Ken",
  "Radia",
  "John",
  "Hedy",
  "Linus",
  "Katherine",
  "Tim",
  "Karen",
  "Niklaus",
  "Shafi",
  "Leslie",
];
const LAST = [
  "Lovelace",
  "Turing",
  "Hopper",
  "Dijkstra",
  "Liskov",
  "Knuth",
  "Hamilton",
  "Ritchie",
  "Allen",
  "Thompson",
  "Perlman",
  "McCarthy",
  "Lamarr",
  "Torvalds",
  "Johnson",
  "Berners",
  "Jones",
  "Wirth",
  "Goldwasser",
  "Lamport",
  "Babbage",
  "Boole",
  "Shannon",
  "Church",
  "Gödel",
];

const uuid = `lower(printf('%s-%s-4%s-%s%s-%s', hex(randomblob(4)), hex(randomblob(2)), substr(hex(randomblob(2)), 2),
  substr('89ab', 1 + abs(random()) % 4, 1), substr(hex(randomblob(2)), 2), hex(randomblob(6))))`;
const pick = (list, index) => `json_extract('${JSON.stringify(list)}', '$[' || (${index}) || ']')`;

export const sha256 = (s) => createHash("sha256").update(s).digest("hex");

/** An organization with an API key `key` and `count` contacts, each with a phone and an email. */
export function seedOrganization(dir, { id, key, count, phonePrefix = "1555" }) {
  const now = Date.now();
  sqlite(
    dir,
    `
    INSERT INTO organization (id, name, slug, created_at)
    VALUES ('${id}', 'Bench ${id.slice(0, 8)}', 'bench-${id}', ${now});
    INSERT INTO api_key (id, organization_id, name, start, key_hash, created_at)
    VALUES ('${id}', '${id}', 'bench', 'cik_bench', '${sha256(key)}', ${now});
    WITH RECURSIVE n(i) AS (SELECT 0 WHERE ${count} > 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${count - 1})
    INSERT INTO contact (id, organization_id, first_name, last_name, created_at, updated_at)
    SELECT ${uuid}, '${id}',
      ${pick(FIRST, `i % ${FIRST.length}`)}, ${pick(LAST, `(i / ${FIRST.length}) % ${LAST.length}`)},
      ${now} + i, ${now} + i FROM n;
    INSERT INTO contact_phone (id, organization_id, contact_id, phone_number, search_digits, is_preferred, created_at)
    SELECT ${uuid}, organization_id, id, '+${phonePrefix}' || printf('%07d', seq % 10000000),
      '${phonePrefix}' || printf('%07d', seq % 10000000)
        || ' ' || substr('${phonePrefix}', 2) || printf('%07d', seq % 10000000),
      1, created_at
    FROM contact WHERE organization_id = '${id}';
    INSERT INTO contact_email (id, organization_id, contact_id, email, is_preferred, created_at)
    SELECT ${uuid}, organization_id, id, lower(first_name || '.' || last_name) || seq || '@example.com', 1, created_at
    FROM contact WHERE organization_id = '${id}';
  `,
  );
}

/** A Twilio integration of the organization, its Auth Token sealed as the API seals it. */
export async function seedTwilioIntegration(dir, { id, organizationId, authToken, secretsKey }) {
  const sealed = await seal(authToken, { current: secretsKey });
  const now = Date.now();
  sqlite(
    dir,
    `INSERT INTO integration (id, organization_id, provider, name, settings, secret_sealed, secret_last4,
       created_at, updated_at)
     VALUES ('${id}', '${organizationId}', 'twilio', 'bench', '{"stream_url":"wss://agent.example.com/media"}',
       '${sealed}', '${authToken.slice(-4)}', ${now}, ${now})`,
  );
}

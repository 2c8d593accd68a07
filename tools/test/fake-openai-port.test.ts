import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { startDevFakeOpenAI } from "../dev-setup.mjs";
import { type FakeOpenAI, startFakeOpenAI } from "../fake-openai.mjs";
import { freePort, readJsonc } from "../local-worker.mjs";

/*
 * With port 8790 taken (another `npm run dev`), `npm run dev` died with a raw EADDRINUSE stack
 * trace from the fake OpenAI. Now the fake takes a free port, says which, and the enrichment
 * Worker is pointed at it.
 */

const opened: { close(): unknown }[] = [];
const stateDirs: string[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
  for (const dir of stateDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A folder for npm run dev's state (.wrangler/dev in a project), removed after the test. */
function stateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "dev-setup-"));
  stateDirs.push(dir);
  return dir;
}

/** A port held busy on 127.0.0.1, as another process holds it. */
async function busyPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  opened.push(server);
  return (server.address() as { port: number }).port;
}

function keep<T extends FakeOpenAI | null>(fake: T): T {
  if (fake) opened.push(fake);
  return fake;
}

/** What the fake answers to a Responses API request, as the SDK sends one. */
async function extract(url: string, transcript: string) {
  const res = await fetch(`${url}/responses`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt-5", input: transcript }),
  });
  const body = (await res.json()) as { output: { content: { text: string }[] }[] };
  return JSON.parse(body.output[0]!.content[0]!.text);
}

const DEV_VARS = (url: string) =>
  `BETTER_AUTH_SECRET=dev-secret\nOPENAI_BASE_URL=${url}\nOPENAI_API_KEY=sk-local-fake\n`;

describe("the fake OpenAI on a busy port", () => {
  it("asked for that port only, it says the port is busy (not an EADDRINUSE stack trace)", async () => {
    const port = await busyPort();
    await expect(startFakeOpenAI({ port })).rejects.toThrow(
      `the fake OpenAI cannot listen on 127.0.0.1:${port}: the port is busy`,
    );
  });

  it("with orFreePort, it takes a free port, names the busy one, and answers there", async () => {
    const port = await busyPort();
    const fake = keep(await startFakeOpenAI({ port, orFreePort: true }));
    expect(fake.busyPort).toBe(port);
    expect(fake.port).not.toBe(port);
    expect(fake.url).toBe(`http://127.0.0.1:${fake.port}/v1`);
    expect(await extract(fake.url, "Caller: my name is Alan Turing")).toMatchObject({ first_name: "Alan" });
  });
});

describe("npm run dev's fake OpenAI (tools/dev-setup.mjs)", () => {
  it("on the port .dev.vars names, the enrichment Worker runs from the project's own config", async () => {
    const port = await freePort();
    const { fake, enrichmentConfig } = await startDevFakeOpenAI(DEV_VARS(`http://127.0.0.1:${port}/v1`), {
      stateDir: stateDir(),
    });
    keep(fake);
    expect(fake?.port).toBe(port);
    expect(enrichmentConfig).toBe("wrangler.enrichment.jsonc");
  });

  it("when that port is busy, the enrichment Worker runs from a copy whose .dev.vars points at the fake's port", async () => {
    const port = await busyPort();
    const dir = stateDir();
    const { fake, enrichmentConfig } = await startDevFakeOpenAI(DEV_VARS(`http://127.0.0.1:${port}/v1`), {
      stateDir: dir,
    });
    keep(fake);
    expect(fake?.busyPort).toBe(port);
    expect(enrichmentConfig).toBe(join(dir, "wrangler.enrichment.json"));

    // wrangler reads the .dev.vars beside a config: the fake's URL, the developer's other values kept.
    const devVars = parseEnv(readFileSync(join(dir, ".dev.vars"), "utf8"));
    expect(devVars).toEqual({
      BETTER_AUTH_SECRET: "dev-secret",
      OPENAI_BASE_URL: fake?.url,
      OPENAI_API_KEY: "sk-local-fake",
    });
    expect(await extract(devVars.OPENAI_BASE_URL!, "Caller: my name is Ada Lovelace")).toMatchObject({
      first_name: "Ada",
      last_name: "Lovelace",
    });
    // The same Worker otherwise: its queues, database and vars are the project's.
    const copy = readJsonc(enrichmentConfig);
    const project = readJsonc("wrangler.enrichment.jsonc");
    expect(copy.queues).toEqual(project.queues);
    expect(copy.vars).toEqual(project.vars);
    expect(copy.d1_databases[0].database_id).toBe(project.d1_databases[0].database_id);
  });

  it("with the real model (OPENAI_BASE_URL not on 127.0.0.1) no fake starts", async () => {
    const { fake, enrichmentConfig } = await startDevFakeOpenAI("OPENAI_API_KEY=sk-real\n");
    expect(fake).toBeNull();
    expect(enrichmentConfig).toBe("wrangler.enrichment.jsonc");
  });
});

import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_SERVER_VARS, startDevFakeOpenAI } from "../dev-setup.mjs";
import type { FakeOpenAI } from "../fake-openai.mjs";
import { freePort, freshDatabase, isolatedConfigs, type LocalWorker, startWorker } from "../local-worker.mjs";

/*
 * The dev server as `npm run dev -- --port <another>` runs it (the vars of tools/dev-setup.mjs, both
 * Workers, the fake OpenAI), with the fake's own port busy, on a state of its own; then the README's
 * curl walkthrough, run by bash as written with `B` pointed at it. (Found: on another port, or on
 * 127.0.0.1, the README's sign-up answered `403 Invalid origin`; with port 8790 taken, the fake OpenAI
 * died with EADDRINUSE; the README had no way back into an organization from a new session.)
 */

const dir = mkdtempSync(join(tmpdir(), "dev-server-"));
let worker: LocalWorker;
let fake: FakeOpenAI | null;
let port: number;
const heldPort: Server = createServer();

beforeAll(async () => {
  // The fake's port, held busy as a second `npm run dev` would hold it.
  await new Promise<void>((resolve) => heldPort.listen(0, "127.0.0.1", resolve));
  const busy = (heldPort.address() as { port: number }).port;
  const devVars = [
    "BETTER_AUTH_SECRET=dev-server-test-secret-0123456789abcdef",
    `INTEGRATION_SECRETS_KEY=${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64")}`,
    `OPENAI_BASE_URL=http://127.0.0.1:${busy}/v1`,
    "OPENAI_API_KEY=sk-local-fake",
  ].join("\n");
  const started = await startDevFakeOpenAI(devVars, { stateDir: join(dir, "enrichment"), delayMs: 0 });
  fake = started.fake;
  mkdirSync(join(dir, "api"));
  // The API's config with the test's own .dev.vars; its static assets from an empty folder (the UI
  // is not what this test is about, and a fresh clone has no dist/client before a build).
  const assets = join(dir, "assets");
  mkdirSync(assets);
  const [apiConfig] = isolatedConfigs(join(dir, "api"), ["wrangler.jsonc"], parseLines(devVars), (json) => {
    json.assets.directory = assets;
  });
  const state = join(dir, "state");
  freshDatabase(state, apiConfig, { stdio: ["ignore", "ignore", "inherit"] });
  port = await freePort();
  worker = await startWorker({
    dir: state,
    port,
    configs: [apiConfig!, started.enrichmentConfig],
    vars: DEV_SERVER_VARS,
    // The Workers' own logs (better-auth's "Invalid origin" for the refused page, say) only when asked.
    logLevel: process.env.TEST_LOGS === "1" ? "log" : "none",
    timeoutMs: 120_000,
  });
});

afterAll(async () => {
  await worker?.stop();
  await fake?.close();
  await new Promise((resolve) => heldPort.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function parseLines(text: string): Record<string, string> {
  return Object.fromEntries(text.split("\n").map((line) => line.split(/=(.*)/s).slice(0, 2)));
}

/**
 * The first `sh` block after the heading `title`, in README.md or a file of docs/: the commands a
 * reader copies.
 */
function readmeBlock(title: string): string {
  const docs = existsSync("docs") ? readdirSync("docs").map((f) => join("docs", f)) : [];
  const files = ["README.md", ...docs].filter((f) => f.endsWith(".md"));
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const heading = new RegExp(`^#+ ${title}$`, "m").exec(text);
    if (!heading) continue;
    const block = /```sh\n([\s\S]*?)```/.exec(text.slice(heading.index));
    if (block) return block[1]!;
  }
  throw new Error(`no sh block under "${title}" in README.md or docs/`);
}

/**
 * Runs commands as a reader would paste them into bash, with `B` set to the dev server's origin;
 * answers what they printed, one value per JSON answer (curl prints them back to back: jq splits them).
 */
async function runAsWritten(commands: string, base: string): Promise<any[]> {
  const script = commands.replace(/^B=\S+/m, `B=${base}`);
  expect(script, "the block sets B").toContain(`B=${base}`);
  // stderr to a file, as in a terminal: the walkthrough's `tee /dev/stderr` cannot open a pipe's socket.
  const stderr = openSync(join(dir, "stderr.txt"), "w");
  const bash = spawn("bash", ["-euo", "pipefail", "-c", `{\n${script}\n} | jq -c .`], {
    cwd: dir,
    stdio: ["ignore", "pipe", stderr],
    timeout: 60_000,
  });
  let stdout = "";
  bash.stdout!.on("data", (chunk) => (stdout += chunk));
  const code = await new Promise((resolve) => bash.on("close", resolve));
  closeSync(stderr);
  expect(code, `bash: ${readFileSync(join(dir, "stderr.txt"), "utf8")}`).toBe(0);
  return stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
}

describe("the dev server on another port, the fake OpenAI's port busy", () => {
  it("the fake OpenAI took a free port in place of the busy one", () => {
    expect(fake?.busyPort).toBe((heldPort.address() as { port: number }).port);
    expect(fake?.port).not.toBe(fake?.busyPort);
  });

  it("the README's walkthrough, as written: sign-up, organization, contact, key, ring, and the stub named by the fake", async () => {
    const base = `http://localhost:${port}`;
    // The README waits 2 s for enrichment; a loaded test machine may take longer.
    const answers = await runAsWritten(
      readmeBlock("From sign-up to a first contact").replace("sleep 2", "sleep 8"),
      base,
    );
    const [signUp, organization, contact] = answers;
    expect(signUp.user.email).toBe("ada@example.com");
    expect(organization.slug).toBe("acme");
    expect(contact).toMatchObject({ first_name: "Grace", last_name: "Hopper" });
    // The last command's answer: the search for "turing" finds the stub the fake OpenAI named.
    expect(answers.at(-1).data.map((c: { last_name: string }) => c.last_name)).toEqual(["Turing"]);
    expect(fake?.requests.length).toBe(1);
  });

  it("coming back, as the README says: a new session signs in, chooses the organization and reads", async () => {
    rmSync(join(dir, "cookies.txt"), { force: true });
    const [signIn, organizations, active, contacts] = await runAsWritten(
      readmeBlock("Coming back"),
      `http://localhost:${port}`,
    );
    expect(signIn.user.email).toBe("ada@example.com");
    expect(organizations.map((o: { slug: string }) => o.slug)).toEqual(["acme"]);
    expect(active.slug).toBe("acme");
    expect(contacts.data.map((c: { first_name: string }) => c.first_name)).toEqual(["Grace"]);
  });

  it("the UI's own origin on 127.0.0.1 signs up too; a page of another port is refused", async () => {
    const base = `http://127.0.0.1:${port}`;
    const signUp = (origin: string) =>
      fetch(`${base}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin },
        body: JSON.stringify({
          email: `${crypto.randomUUID()}@example.com`,
          password: "correct horse battery",
          name: "Ui",
        }),
      });
    expect((await signUp(base)).status).toBe(200);
    expect((await signUp("http://127.0.0.1:3000")).status).toBe(403);
  });
});

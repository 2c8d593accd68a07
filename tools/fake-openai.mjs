// A fake OpenAI Responses API on 127.0.0.1, for tests, benchmarks and offline development: the
// code under test reaches it through OPENAI_BASE_URL exactly as it reaches OpenAI.
//
// - POST /v1/responses answers like the real API. By default it "extracts" the caller from the
//   transcript with a naive rule ("my name is First Last", the first email address), after
//   `delayMs`.
// - A scenario scripts the answers for requests whose input contains its token (a unique marker
//   a test puts in its transcript): POST /__scenarios {token, responses: [{status, body, headers,
//   delayMs}]} serves them in order, the last one repeating.
// - GET /__requests?token=… lists the requests received for a token (all without one): their
//   headers, body and receivedAt (epoch ms, when the fake received them).
import { createServer } from "node:http";

/**
 * Starts the fake on 127.0.0.1:`port` (0: any free port). With `orFreePort`, a busy port (another
 * `npm run dev`, say) is not an error: the fake takes a free one, and `busyPort` names the one it
 * could not have. Without it, a busy port rejects with an error that says so, not a stack trace.
 */
export async function startFakeOpenAI({ port = 0, delayMs = 0, orFreePort = false } = {}) {
  const scenarios = new Map(); // token → { responses, served }
  const requests = [];

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://localhost");
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const text = Buffer.concat(chunks).toString("utf8");
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(typeof body === "string" ? body : JSON.stringify(body));
    };

    if (req.method === "POST" && url.pathname === "/__scenarios") {
      const { token, responses } = JSON.parse(text);
      scenarios.set(token, { responses, served: 0 });
      return send(200, { ok: true });
    }
    if (req.method === "GET" && url.pathname === "/__requests") {
      const token = url.searchParams.get("token");
      return send(
        200,
        requests
          .filter((r) => !token || r.raw.includes(token))
          .map((r) => ({ headers: r.headers, body: r.body, receivedAt: r.receivedAt })),
      );
    }
    if (req.method !== "POST" || !url.pathname.endsWith("/responses"))
      return send(404, { error: { message: "not found" } });

    let body;
    try {
      body = JSON.parse(text);
    } catch {
      return send(400, { error: { message: "invalid JSON", type: "invalid_request_error" } });
    }
    requests.push({ raw: text, headers: req.headers, body, receivedAt: Date.now() });
    const scenario = [...scenarios.entries()].find(([token]) => text.includes(token))?.[1];
    if (scenario) {
      const step = scenario.responses[Math.min(scenario.served++, scenario.responses.length - 1)];
      await new Promise((r) => setTimeout(r, step.delayMs ?? delayMs));
      if (step.hang) return; // never answers: the client's timeout must fire
      return send(step.status ?? 200, step.body ?? responseWith(extract(inputText(body))), step.headers);
    }
    await new Promise((r) => setTimeout(r, delayMs));
    send(200, responseWith(extract(inputText(body))));
  });

  let busyPort = null;
  try {
    await listen(server, port);
  } catch (err) {
    if (err.code !== "EADDRINUSE") throw err;
    if (!orFreePort) throw new Error(`the fake OpenAI cannot listen on 127.0.0.1:${port}: the port is busy`);
    busyPort = port;
    await listen(server, 0);
  }
  const address = server.address();
  return {
    url: `http://127.0.0.1:${address.port}/v1`,
    port: address.port,
    busyPort,
    requests,
    close: () => new Promise((r) => server.close(r)),
  };
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/** A Responses API answer whose output text is `json`. */
export function responseWith(json) {
  return {
    id: `resp_${Math.random().toString(36).slice(2)}`,
    object: "response",
    status: "completed",
    output: [
      {
        type: "message",
        role: "assistant",
        content: [{ type: "output_text", text: typeof json === "string" ? json : JSON.stringify(json) }],
      },
    ],
    usage: { input_tokens: 0, output_tokens: 0 },
  };
}

function inputText(body) {
  const input = body.input;
  if (typeof input === "string") return input;
  return (input ?? [])
    .flatMap((m) => (typeof m.content === "string" ? [m.content] : (m.content ?? []).map((c) => c.text ?? "")))
    .join("\n");
}

function extract(transcript) {
  const name = /my name is ([A-Z][a-z]+)(?: ([A-Z][a-z]+))?/.exec(transcript);
  const email = /[\w.+-]+@[\w-]+(\.[\w-]+)+/.exec(transcript);
  return { first_name: name?.[1] ?? "", last_name: name?.[2] ?? "", email: email?.[0] ?? null };
}

// `node tools/fake-openai.mjs [port]`: run on its own (npm run dev starts it).
if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const fake = await startFakeOpenAI({
      port: Number(process.argv[2] ?? 8790),
      delayMs: Number(process.env.FAKE_OPENAI_DELAY_MS ?? 300),
    });
    console.log(`fake OpenAI on ${fake.url}`);
  } catch (err) {
    console.error(`${err.message} (give another: node tools/fake-openai.mjs <port>)`);
    process.exit(1);
  }
}

// A client's loopback redirect target (as the AWS CLI opens for its PKCE login), for tests.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestContext } from "node:test";

export interface CallbackServer {
  readonly port: number;
  /** `http://127.0.0.1:PORT/oauth/callback` */
  readonly redirectUri: string;
  /** The query of every request to the callback path, oldest first. */
  readonly received: readonly URLSearchParams[];
}

/** Listens on 127.0.0.1 (any port) and records the queries the browser brings back; closed after `t`. */
export async function startCallbackServer(t: TestContext): Promise<CallbackServer> {
  const received: URLSearchParams[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/oauth/callback") received.push(url.searchParams);
    res.writeHead(url.pathname === "/oauth/callback" ? 200 : 404, { "content-type": "text/plain" });
    res.end("done");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  return { port, redirectUri: `http://127.0.0.1:${port}/oauth/callback`, received };
}

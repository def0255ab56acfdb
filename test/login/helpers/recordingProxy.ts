// A loopback HTTP proxy in front of the emulator that keeps every request and response body, so a
// test knows the secrets that went over the wire (client secret, device code, code verifier, tokens)
// and can look for them in everything the code under test printed, logged or threw.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedExchange {
  readonly method: string;
  readonly path: string;
  readonly requestBody: string;
  readonly status: number;
  readonly responseBody: string;
}

/** Fields whose values are secrets wherever they appear in a JSON body. */
const SECRET_FIELDS = ["clientSecret", "deviceCode", "codeVerifier", "accessToken", "refreshToken", "idToken", "code", "secretAccessKey", "sessionToken"];

export class RecordingProxy {
  readonly exchanges: RecordedExchange[] = [];
  readonly #server: Server;

  private constructor(server: Server) {
    this.#server = server;
  }

  /** Listens on 127.0.0.1 and forwards to `target` (which must be a loopback URL). */
  static async start(target: string): Promise<RecordingProxy> {
    const url = new URL(target);
    if (url.hostname !== "127.0.0.1") throw new Error(`RecordingProxy forwards to 127.0.0.1 only, not ${url.hostname}`);
    const server = createServer();
    const proxy = new RecordingProxy(server);
    server.on("request", (req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const requestBody = Buffer.concat(chunks);
        const headers = { ...req.headers, host: url.host };
        const upstream = httpRequest({ host: "127.0.0.1", port: url.port, method: req.method, path: req.url, headers }, (answer) => {
          const parts: Buffer[] = [];
          answer.on("data", (chunk: Buffer) => parts.push(chunk));
          answer.on("end", () => {
            const body = Buffer.concat(parts);
            proxy.exchanges.push({ method: req.method ?? "GET", path: req.url ?? "/", requestBody: requestBody.toString("utf8"), status: answer.statusCode ?? 0, responseBody: body.toString("utf8") });
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(body);
          });
        });
        upstream.on("error", () => {
          res.writeHead(502);
          res.end();
        });
        upstream.end(requestBody);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Every secret value seen in a JSON body, either way. */
  secrets(): string[] {
    const found = new Set<string>();
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(visit);
      else if (typeof value === "object" && value !== null) {
        for (const [key, item] of Object.entries(value)) {
          if (SECRET_FIELDS.includes(key) && typeof item === "string" && item.length >= 8) found.add(item);
          else visit(item);
        }
      }
    };
    for (const exchange of this.exchanges) {
      for (const body of [exchange.requestBody, exchange.responseBody]) {
        try {
          visit(JSON.parse(body));
        } catch {
          // not JSON (a page, a form)
        }
      }
    }
    return [...found];
  }

  /** The parsed JSON request bodies of requests to `path`. */
  requestsTo(path: string): Record<string, unknown>[] {
    return this.exchanges.filter((exchange) => exchange.path.split("?")[0] === path).map((exchange) => JSON.parse(exchange.requestBody || "{}") as Record<string, unknown>);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }
}

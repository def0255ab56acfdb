import type { Logger } from "@smithy/types";
import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import type { Clock } from "../clock/Clock.js";
import type { CallerWords } from "../errors/CallerWords.js";
import { LoginCallbackServerError } from "../errors/LoginCallbackServerError.js";
import { LoginCallbackTimeoutError } from "../errors/LoginCallbackTimeoutError.js";
import { LoginDeniedError } from "../errors/LoginDeniedError.js";
import { LoginRejectedError } from "../errors/LoginRejectedError.js";
import type { LoginTarget } from "../errors/LoginTarget.js";
import { LOG_PREFIX } from "../logging/logPrefix.js";

export interface LoopbackCallbackServerOptions {
  /** 0: any free port. */
  port: number;
  /** The `state` sent to /authorize: only an answer carrying it is taken. */
  state: string;
  target: LoginTarget;
  clock: Clock;
  /** How long {@link LoopbackCallbackServer.waitForCode} waits for the browser. */
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  words?: CallerWords | undefined;
  logger?: Logger | undefined;
}

export const CALLBACK_PATH = "/oauth/callback";

/**
 * The PKCE login's redirect target: an HTTP server on 127.0.0.1 only (never another interface),
 * listening before the browser is sent to /authorize. It takes the first `GET /oauth/callback` whose
 * `state` is the login's: with `code` the login goes on, with `error` it fails with a typed error.
 * Anything else (`/favicon.ico`, a stale tab, another page probing the port) gets a short answer and
 * changes nothing. The browser is told, in a short page, that the tab can be closed.
 */
export class LoopbackCallbackServer {
  readonly port: number;
  readonly redirectUri: string;
  readonly #server: Server;
  readonly #options: LoopbackCallbackServerOptions;
  readonly #expectedState: Buffer;
  #settle: ((outcome: { code: string } | { error: Error }) => void) | undefined;
  #result: Promise<{ code: string } | { error: Error }>;

  private constructor(server: Server, options: LoopbackCallbackServerOptions) {
    this.#server = server;
    this.#options = options;
    this.#expectedState = Buffer.from(options.state, "utf8");
    this.port = (server.address() as AddressInfo).port;
    this.redirectUri = `http://127.0.0.1:${this.port}${CALLBACK_PATH}`;
    this.#result = new Promise((resolve) => (this.#settle = resolve));
    server.on("request", (request: IncomingMessage, response: ServerResponse) => this.#handle(request, response));
  }

  /** Listens on 127.0.0.1; a port that cannot be had is a {@link LoginCallbackServerError}. */
  static async start(options: LoopbackCallbackServerOptions): Promise<LoopbackCallbackServer> {
    const server = createServer();
    // A browser keeps its connection open; the server must not keep the process alive for it.
    server.keepAliveTimeout = 1000;
    try {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen({ port: options.port, host: "127.0.0.1", exclusive: true }, () => {
          server.off("error", reject);
          resolve();
        });
      });
    } catch (error) {
      throw new LoginCallbackServerError({ target: options.target, port: options.port, cause: error, words: options.words });
    }
    return new LoopbackCallbackServer(server, options);
  }

  /**
   * The authorization code the browser brings back. Rejects with a typed error: the redirect said
   * `error=` (`LoginDeniedError` for access_denied), no answer within `timeoutMs` of the clock
   * (`LoginCallbackTimeoutError`, which names --use-device-code), or the signal's reason.
   */
  async waitForCode(): Promise<string> {
    const { clock, timeoutMs, signal, target, words } = this.#options;
    const stop = new AbortController();
    const onAbort = (): void => this.#finish({ error: signal?.reason as Error });
    signal?.addEventListener("abort", onAbort, { once: true });
    if (signal?.aborted === true) onAbort();
    clock.sleep(timeoutMs, stop.signal).then(
      () => this.#finish({ error: new LoginCallbackTimeoutError({ target, redirectUri: this.redirectUri, waitedMs: timeoutMs, words }) }),
      () => undefined,
    );
    try {
      const outcome = await this.#result;
      if ("error" in outcome) throw outcome.error;
      return outcome.code;
    } finally {
      stop.abort();
      signal?.removeEventListener("abort", onAbort);
      await this.close();
    }
  }

  /** Stops listening and drops open connections (after the last page was sent). */
  async close(): Promise<void> {
    if (!this.#server.listening) return;
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeIdleConnections();
      // A browser may hold a connection it opened ahead and never used; it must not keep the login
      // waiting. The pages are a few hundred bytes, long sent by then.
      setTimeout(() => this.#server.closeAllConnections(), 500).unref();
    });
  }

  #finish(outcome: { code: string } | { error: Error }): void {
    const settle = this.#settle;
    this.#settle = undefined;
    settle?.(outcome);
  }

  #handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const logger = this.#options.logger;
    if (request.method !== "GET" || url.pathname !== CALLBACK_PATH) {
      // /favicon.ico and strays: answered, never taken as the login's answer.
      page(response, 404, "Not found", "Nothing here.");
      return;
    }
    const query = url.searchParams;
    if (!this.#stateMatches(query.get("state"))) {
      logger?.debug?.(`${LOG_PREFIX} ignored a request to the login callback without this login's state`);
      page(response, 400, "Not this sign-in", "This answer does not belong to the sign-in in progress. You can close this tab.");
      return;
    }
    if (this.#settle === undefined) {
      page(response, 200, "Already done", "This sign-in was already answered. You can close this tab.");
      return;
    }
    const error = query.get("error");
    const code = query.get("code");
    const { target } = this.#options;
    if (error !== null) {
      const description = query.get("error_description") ?? undefined;
      page(response, 200, "Sign-in failed", `The sign-in did not complete (${error}). You can close this tab; the terminal says what to do next.`);
      this.#finish({
        error:
          error === "access_denied"
            ? new LoginDeniedError({ target, serviceCode: error })
            : new LoginRejectedError({ target, serviceCode: error, stage: "authorize", description }),
      });
      return;
    }
    if (code === null || code === "") {
      page(response, 400, "No code", "This answer carries no authorization code. You can close this tab.");
      return;
    }
    page(response, 200, "Signed in", "You are signed in to AWS. You can close this tab and return to the terminal.");
    this.#finish({ code });
  }

  #stateMatches(state: string | null): boolean {
    if (state === null) return false;
    const received = Buffer.from(state, "utf8");
    return received.length === this.#expectedState.length && timingSafeEqual(received, this.#expectedState);
  }
}

function page(response: ServerResponse, status: number, title: string, message: string): void {
  const body =
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>\n`;
  response.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
    "referrer-policy": "no-referrer",
    connection: "close",
  });
  response.end(body);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

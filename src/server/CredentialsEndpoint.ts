import type { Logger } from "@smithy/types";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import type { Clock } from "../clock/Clock.js";
import { systemClock } from "../clock/systemClock.js";
import { EndpointListenError } from "../errors/EndpointListenError.js";
import type { ResolvedCredentials } from "../provider/CredentialResolver.js";
import { allowedHostHeaders, hostName, type InterfaceLister } from "./allowedHostHeaders.js";
import { AuthorizationToken } from "./AuthorizationToken.js";
import type { CredentialSource } from "./CredentialSource.js";
import { failureResponse, responseBody, type EndpointResponse } from "./EndpointResponse.js";
import { profilePath } from "./profilePath.js";
import { RenewingCredentials } from "./RenewingCredentials.js";
import { ServedCredentials } from "./ServedCredentials.js";

/** 127.0.0.1: only this machine can connect. */
export const DEFAULT_ENDPOINT_HOST = "127.0.0.1";

/** On close, requests still running get this long to finish before their connections are cut. */
const CLOSE_GRACE_MS = 2_000;

/** What the log says of each refusal. */
const REFUSAL_LOG_TEXT: Readonly<Record<string, string>> = {
  InvalidHost: "its Host header is not this endpoint's address (a web page trying DNS rebinding, or a client given another URL)",
  MethodNotAllowed: "its method is not GET",
  MissingAuthorizationToken: "it has no Authorization header (a consumer without AWS_CONTAINER_AUTHORIZATION_TOKEN)",
  InvalidAuthorizationToken: "its Authorization header is not this endpoint's token (a token of another run?)",
  ProfileNotServed: "its path names no profile served here",
};

/** Longest piece of a client's Host header or path repeated in an answer. */
const ECHO_MAX = 100;

export interface CredentialsEndpointOptions {
  /** Where the credentials come from: a `CredentialResolver`. */
  source: CredentialSource;
  /** The profiles served, one path each (see {@link profilePath}); at least one. */
  profiles: readonly string[];
  /** The address to listen on. Default 127.0.0.1. */
  host?: string;
  /** The port. Default 0: a free port the system picks. */
  port?: number;
  clock?: Clock;
  /** Refusals, failures (warn) and one line per request (debug). Never a token or a credential. */
  logger?: Logger;
  /** The token consumers must send. Default: a new random one. */
  token?: AuthorizationToken;
  /** Credentials already fetched, by profile name: served until they need renewing. */
  initial?: ReadonlyMap<string, ResolvedCredentials>;
  /** This machine's network interfaces, for the Host check of a wildcard bind. */
  listInterfaces?: InterfaceLister;
}

/**
 * A container-credentials endpoint: what ECS and EKS Pod Identity serve inside AWS, and what every AWS
 * SDK and the AWS CLI read when `AWS_CONTAINER_CREDENTIALS_FULL_URI` (and the authorization token) are
 * set. `GET /profiles/<name>` with `Authorization: <token>` answers with the profile's role credentials
 * (`AccessKeyId`, `SecretAccessKey`, `Token`, `Expiration`, `AccountId`), renewed before they expire.
 *
 * A request is refused, with the SDKs' `{Code, Message}` error body, when its Host header is not this
 * endpoint's (403: DNS rebinding), its method is not GET (405), it has no token (401) or the wrong one
 * (403), or its path names no profile served here (404). Checked in that order.
 */
export class CredentialsEndpoint {
  readonly #server: Server;
  readonly #token: AuthorizationToken;
  readonly #feeds = new Map<string, RenewingCredentials>();
  readonly #clock: Clock;
  readonly #logger: Logger | undefined;
  readonly #listInterfaces: InterfaceLister | undefined;
  /** Set once listening, before any request can arrive. */
  #address: AddressInfo = { address: "", family: "", port: 0 };
  #allowedHosts = new Set<string>();
  /** Refusal codes already warned about: later ones of the same kind go to debug. */
  readonly #refusalsWarned = new Set<string>();
  #closing: Promise<void> | undefined;

  private constructor(options: CredentialsEndpointOptions) {
    if (options.profiles.length === 0) throw new TypeError("CredentialsEndpoint: no profile to serve");
    this.#token = options.token ?? AuthorizationToken.generate();
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger;
    this.#listInterfaces = options.listInterfaces;
    for (const profileName of options.profiles) {
      const initial = options.initial?.get(profileName);
      const feed = new RenewingCredentials({ profileName, source: options.source, clock: this.#clock, logger: options.logger, initial });
      this.#feeds.set(profilePath(profileName), feed);
    }
    this.#server = createServer((request, response) => this.#handle(request, response));
  }

  /** Listens (throws {@link EndpointListenError} when it cannot) and resolves once it does. Credentials are fetched on first use, or by {@link warm}. */
  static async start(options: CredentialsEndpointOptions): Promise<CredentialsEndpoint> {
    const endpoint = new CredentialsEndpoint(options);
    await endpoint.#listen(options.host ?? DEFAULT_ENDPOINT_HOST, options.port ?? 0);
    return endpoint;
  }

  async #listen(host: string, port: number): Promise<void> {
    const server = this.#server;
    try {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen({ host, port, exclusive: true }, () => {
          server.off("error", reject);
          resolve();
        });
      });
    } catch (error) {
      throw new EndpointListenError({ host, port, cause: error });
    }
    this.#address = server.address() as AddressInfo;
    this.#allowedHosts = allowedHostHeaders(this.#address.address, this.#address.port, this.#listInterfaces);
  }

  /** The address and port it listens on. */
  get address(): { host: string; port: number } {
    return { host: this.#address.address, port: this.#address.port };
  }

  /**
   * The URL consumers on this machine use: the bound address, or for a wildcard bind (`0.0.0.0`, `::`)
   * the loopback address of that family.
   */
  get url(): string {
    const bound = this.#address.address;
    const host = bound === "0.0.0.0" ? "127.0.0.1" : bound === "::" ? "::1" : bound;
    return `http://${hostName(host)}:${this.#address.port}`;
  }

  /** The full URL of a profile's credentials: `AWS_CONTAINER_CREDENTIALS_FULL_URI`. */
  urlFor(profileName: string): string {
    return `${this.url}${profilePath(profileName)}`;
  }

  /** The profiles served, in the order given. */
  get profiles(): string[] {
    return [...this.#feeds.values()].map((feed) => feed.profileName);
  }

  /** The token consumers send: `AWS_CONTAINER_AUTHORIZATION_TOKEN`. A secret: never log it. */
  authorizationToken(): string {
    return this.#token.reveal();
  }

  /** Gets a profile's first credentials now rather than at the first request; rejects with the reason there are none. */
  warm(profileName: string): Promise<ServedCredentials> {
    const feed = this.#feeds.get(profilePath(profileName));
    if (feed === undefined) return Promise.reject(new TypeError(`CredentialsEndpoint: profile "${profileName}" is not served`));
    return feed.warm();
  }

  /**
   * Stops listening and resolves once every connection is closed: idle ones at once, requests still
   * running after a grace period of 2 seconds. Safe to call more than once.
   */
  close(): Promise<void> {
    this.#closing ??= new Promise<void>((resolve) => {
      const grace = new AbortController();
      this.#server.close(() => {
        grace.abort();
        resolve();
      });
      this.#server.closeIdleConnections();
      this.#clock.sleep(CLOSE_GRACE_MS, grace.signal).then(
        () => this.#server.closeAllConnections(),
        () => undefined,
      );
    });
    return this.#closing;
  }

  toString(): string {
    return `[CredentialsEndpoint ${this.url}]`;
  }

  #handle(request: IncomingMessage, response: ServerResponse): void {
    const host = (request.headers.host ?? "").toLowerCase();
    if (!this.#allowedHosts.has(host)) {
      const shown = host === "" ? "no Host header" : `the Host header ${echo(host)}`;
      this.#refuse(request, response, {
        status: 403,
        code: "InvalidHost",
        message:
          `Refused: ${shown} is not this endpoint's address (${hostName(this.#address.address)}:${this.#address.port} or localhost:${this.#address.port}). ` +
          "Requests made through another name are refused, against DNS rebinding: use the URL aws-sso-creds printed.",
      });
      return;
    }
    if (request.method !== "GET") {
      this.#refuse(request, response, { status: 405, code: "MethodNotAllowed", message: `Refused: ${echo(request.method ?? "")} is not allowed; this endpoint answers GET only.` }, { Allow: "GET" });
      return;
    }
    const authorization = request.headers.authorization;
    if (authorization === undefined) {
      this.#refuse(request, response, {
        status: 401,
        code: "MissingAuthorizationToken",
        message: "Refused: no Authorization header. Send the token aws-sso-creds printed (AWS_CONTAINER_AUTHORIZATION_TOKEN).",
      });
      return;
    }
    if (!this.#token.matches(authorization)) {
      this.#refuse(request, response, {
        status: 403,
        code: "InvalidAuthorizationToken",
        message:
          "Refused: the Authorization header is not this endpoint's token. Each run of aws-sso-creds serve or exec --serve makes a new one: use the AWS_CONTAINER_AUTHORIZATION_TOKEN it printed.",
      });
      return;
    }
    const url = request.url ?? "";
    const query = url.indexOf("?");
    const path = query === -1 ? url : url.slice(0, query);
    const feed = this.#feeds.get(path);
    if (feed === undefined) {
      this.#refuse(request, response, {
        status: 404,
        code: "ProfileNotServed",
        message: `No profile is served at ${echo(path)}. This endpoint serves: ${[...this.#feeds.keys()].join(", ")}.`,
      });
      return;
    }
    const served = feed.get();
    if (served instanceof ServedCredentials) {
      this.#send(response, 200, served.body(), path);
      return;
    }
    served.then(
      (credentials) => this.#send(response, 200, credentials.body(), path),
      (error: unknown) => {
        const failure = failureResponse(error, feed.profileName);
        this.#send(response, failure.status, responseBody(failure), path);
      },
    );
  }

  #refuse(request: IncomingMessage, response: ServerResponse, refusal: EndpointResponse, headers: Record<string, string> = {}): void {
    // The log line says what was wrong in words of its own: the answer may quote what the client sent
    // (its Host, its path), the log never does, whatever a client puts there.
    const from = request.socket.remoteAddress ?? "an unknown address";
    const line = `refused a request from ${from}: ${REFUSAL_LOG_TEXT[refusal.code] ?? refusal.code} (${refusal.status} ${refusal.code})`;
    if (this.#refusalsWarned.has(refusal.code)) {
      this.#logger?.debug?.(line);
    } else {
      this.#refusalsWarned.add(refusal.code);
      this.#logger?.warn?.(`${line}. Further refusals of this kind are logged with --verbose only.`);
    }
    this.#send(response, refusal.status, responseBody(refusal), undefined, headers);
  }

  #send(response: ServerResponse, status: number, body: string, path: string | undefined, headers: Record<string, string> = {}): void {
    response.writeHead(status, {
      "Content-Type": "application/json",
      "Content-Length": Buffer.byteLength(body),
      "Cache-Control": "no-store",
      ...headers,
    });
    response.end(body);
    // `path` is one of the served paths, never what a client made up.
    if (path !== undefined) this.#logger?.debug?.(`GET ${path} ${status}`);
  }
}

/** A client-controlled value, quoted and cut short, for an answer to that client (never for a log line). */
function echo(value: string): string {
  return JSON.stringify(value.length > ECHO_MAX ? `${value.slice(0, ECHO_MAX)}…` : value);
}

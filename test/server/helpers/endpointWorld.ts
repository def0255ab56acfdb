// An in-process world for the credentials endpoint: an emulator and a resolver on one drivable clock,
// a temporary home with profiles `dev` and `ops` (session `my-sso`), and a real HTTP client for the endpoint.
import type { Logger } from "@smithy/types";
import { request } from "node:http";
import { rm } from "node:fs/promises";

import { CredentialResolver } from "../../../src/provider/CredentialResolver.js";
import { resolveProviderSettings } from "../../../src/provider/resolveProviderSettings.js";
import { CredentialsEndpoint, type CredentialsEndpointOptions } from "../../../src/server/CredentialsEndpoint.js";
import { IdentityCenterEmulator, type EmulatorOptions, type IssuedSession } from "../../emulator/index.js";
import { TestClock } from "../../helpers/TestClock.js";
import { makeSsoFixture, recordingLogger, sessionProfileConfig, writeCachedToken, type SsoFixture } from "../../helpers/ssoFixture.js";

export const START_URL = "https://emulator.awsapps.com/start";
export const OPS_ACCOUNT_ID = "111122223333";
export const OPS_ROLE_NAME = "Administrator";

/** Two profiles on one session: `dev` (ReadOnly in 111122223333, region eu-west-1) and `ops` (another role). */
export const TWO_PROFILES_CONFIG =
  sessionProfileConfig({ startUrl: START_URL, region: "eu-west-1" }) +
  ["[profile ops]", "sso_session = my-sso", `sso_account_id = ${OPS_ACCOUNT_ID}`, `sso_role_name = ${OPS_ROLE_NAME}`, ""].join("\n");

export interface EndpointReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The body as JSON, or undefined when it is not. */
  json: Record<string, unknown> | undefined;
}

export interface AskOptions {
  /** The Authorization header; default the endpoint's token; null: none. */
  token?: string | null;
  /** The Host header; default what Node sends for the endpoint's URL. */
  host?: string;
  method?: string;
}

export interface EndpointWorld {
  clock: TestClock;
  emu: IdentityCenterEmulator;
  fixture: SsoFixture;
  session: IssuedSession;
  cachePath: string;
  logger: ReturnType<typeof recordingLogger>;
  resolver: CredentialResolver;
  endpoint: CredentialsEndpoint;
  /** A real HTTP request to the endpoint. */
  ask(path: string, options?: AskOptions): Promise<EndpointReply>;
  /** Writes the token cache file (as `aws sso login` would); resolves with its path. */
  login(): Promise<string>;
  close(): Promise<void>;
}

export interface EndpointWorldOptions {
  emulator?: EmulatorOptions;
  /** Profiles served; default ["dev"]. */
  profiles?: string[];
  /** Start without a token cache file (a login is needed). */
  noToken?: boolean;
  endpoint?: Partial<CredentialsEndpointOptions>;
  /** Where the resolver and the endpoint log; default a recording logger (`logger`). */
  logger?: Logger;
  /** Where the SDK clients the resolver makes log; default nowhere. */
  sdkLogger?: Logger;
}

export async function endpointWorld(options: EndpointWorldOptions = {}): Promise<EndpointWorld> {
  const clock = new TestClock(Date.now());
  const emu = new IdentityCenterEmulator({ now: clock.now, ...options.emulator });
  await emu.start();
  const fixture = await makeSsoFixture(TWO_PROFILES_CONFIG);
  const session = emu.issueSession({ startUrl: START_URL });
  const cachePath = options.noToken === true ? "" : await writeCachedToken(fixture.cacheDir, "my-sso", session);
  const logger = recordingLogger();
  const resolver = new CredentialResolver(
    resolveProviderSettings({
      configFilepath: fixture.configPath,
      filepath: `${fixture.home}/.aws/credentials`,
      cacheDir: fixture.cacheDir,
      clientConfig: { endpoint: emu.url, maxAttempts: 1, ...(options.sdkLogger === undefined ? {} : { logger: options.sdkLogger }) },
      clock,
      logger: options.logger ?? logger,
      env: { HOME: fixture.home },
      requestTimeoutMs: 5_000,
      // The clock only moves when a test says so: no waiting for a peer's refresh after invalid_grant.
      lock: { peerRefreshWaitMs: 0 },
    }),
  );
  const endpoint = await CredentialsEndpoint.start({ source: resolver, profiles: options.profiles ?? ["dev"], clock, logger: options.logger ?? logger, ...options.endpoint });
  const { port } = endpoint.address;
  return {
    clock,
    emu,
    fixture,
    session,
    cachePath,
    logger,
    resolver,
    endpoint,
    ask: (path, ask = {}) => askEndpoint(port, path, { token: endpoint.authorizationToken(), ...ask }),
    login: () => writeCachedToken(fixture.cacheDir, "my-sso", session),
    async close() {
      await endpoint.close();
      await resolver.close();
      await emu.stop();
      await rm(fixture.home, { recursive: true, force: true });
    },
  };
}

/** One request to 127.0.0.1:port, its answer read in full. */
export function askEndpoint(port: number, path: string, options: AskOptions = {}): Promise<EndpointReply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (options.token !== undefined && options.token !== null) headers.Authorization = options.token;
    if (options.host !== undefined) headers.Host = options.host;
    const req = request({ host: "127.0.0.1", port, path, method: options.method ?? "GET", headers, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      res.on("end", () => {
        let json: Record<string, unknown> | undefined;
        try {
          json = JSON.parse(body) as Record<string, unknown>;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

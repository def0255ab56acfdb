import type { SSOClient } from "@aws-sdk/client-sso";
import type { SSOOIDCClient } from "@aws-sdk/client-sso-oidc";
import type { Logger } from "@smithy/types";
import { join } from "node:path";

import type { FromSSOInit } from "./FromSSOInit.js";
import type { SsoProfile } from "./config/SsoProfile.js";
import { loadSharedConfig } from "./config/loadSharedConfig.js";
import { resolveHomeDir } from "./config/resolveHomeDir.js";
import { resolveSsoProfile, ssoProfileFromOverrides } from "./config/resolveSsoProfile.js";
import { HomeDirectoryNotFoundError } from "./errors/HomeDirectoryNotFoundError.js";
import type { SsoRoleCredentials } from "./role-credentials/SsoRoleCredentials.js";
import { fetchRoleCredentials } from "./role-credentials/fetchRoleCredentials.js";
import { SsoTokenSource } from "./token/SsoTokenSource.js";
import { tokenCacheFilePath } from "./token/tokenCacheFilePath.js";

/** What the SDK passes when it calls a credential provider. */
export interface SsoCredentialProviderProps {
  callerClientConfig?: { profile?: string; logger?: Logger };
  /** Fetch new role credentials even if the memoized ones are still fresh. */
  forceRefresh?: boolean;
}

/** A credential provider, assignable to the SDK's `AwsCredentialIdentityProvider`. */
export type SsoCredentialProvider = (props?: SsoCredentialProviderProps) => Promise<SsoRoleCredentials>;

const DEFAULT_REFRESH_WINDOW_SECONDS = 300;
const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
const RETRY_AFTER_FAILURE_MS = 30_000;

/**
 * The SDK clients look for ~/.aws/config (HOME, else the passwd entry) when they are made, and with
 * neither they reject a promise nobody awaits, which ends the process. A typed error instead.
 */
function assertSdkClientsFindHome(): void {
  try {
    resolveHomeDir();
  } catch (error) {
    throw new HomeDirectoryNotFoundError({ cause: (error as Error).cause, neededBy: "sdk-clients" });
  }
}

/**
 * Credentials for an IAM Identity Center (SSO) profile: the cached SSO token (refreshed under a
 * cross-process lock when it is about to expire), exchanged for role credentials with
 * GetRoleCredentials. A drop-in for `fromSSO` of `@aws-sdk/credential-providers`.
 *
 * Each provider keeps its own memoized credentials, token state and SDK clients; providers
 * share nothing but the cache files.
 */
export function fromSSO(init: FromSSOInit = {}): SsoCredentialProvider {
  const now = init.now ?? Date.now;
  const windowMs = (init.refreshWindowSeconds ?? DEFAULT_REFRESH_WINDOW_SECONDS) * 1000;
  const requestTimeoutMs = init.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const tokenSources = new Map<string, SsoTokenSource>();
  const ssoClients = new Map<string, Promise<SSOClient>>();
  const oidcClients = new Map<string, Promise<SSOOIDCClient>>();
  // The settled promise is kept with the credentials: handing it back is cheaper than a new
  // Promise.resolve on every call, and most calls are these.
  // By profile name: one provider may serve clients of different profiles (the SDK passes each
  // client's profile as callerClientConfig.profile).
  const memoized = new Map<string, { credentials: SsoRoleCredentials; promise: Promise<SsoRoleCredentials> }>();
  const inFlight = new Map<string, Promise<SsoRoleCredentials>>();
  // With all four SSO options no profile is read, so every caller shares one entry.
  const optionsOnly =
    init.ssoStartUrl !== undefined && init.ssoRegion !== undefined && init.ssoAccountId !== undefined && init.ssoRoleName !== undefined;

  /** One SDK client per region, its module loaded on first use; an injected client always wins. */
  function clientFor<T>(clients: Map<string, Promise<T>>, injected: T | undefined, region: string, make: () => Promise<T>): Promise<T> {
    if (injected) return Promise.resolve(injected);
    let client = clients.get(region);
    if (client === undefined) {
      assertSdkClientsFindHome();
      client = make();
      clients.set(region, client);
    }
    return client;
  }

  const ssoClientFor = (region: string, logger: Logger | undefined): Promise<SSOClient> =>
    clientFor(ssoClients, init.ssoClient, region, async () => {
      const { SSOClient } = await import("@aws-sdk/client-sso");
      return new SSOClient({ ...init.clientConfig, logger, region: init.clientConfig?.region ?? region });
    });

  const oidcClientFor = (region: string, logger: Logger | undefined): Promise<SSOOIDCClient> =>
    clientFor(oidcClients, init.oidcClient, region, async () => {
      const { SSOOIDCClient } = await import("@aws-sdk/client-sso-oidc");
      return new SSOOIDCClient({ ...init.clientConfig, logger, region: init.clientConfig?.region ?? region });
    });

  function tokenSourceFor(profile: SsoProfile, logger: Logger | undefined, clientLogger: Logger | undefined): SsoTokenSource {
    const cacheDir = init.cacheDir ?? join(resolveHomeDir(init.homeDir), ".aws", "sso", "cache");
    const path = tokenCacheFilePath(cacheDir, profile.cacheKey);
    const refreshable = profile.ssoSession !== undefined;
    const key = `${refreshable}:${profile.ssoRegion}:${path}`;
    let source = tokenSources.get(key);
    if (source === undefined) {
      source = new SsoTokenSource({
        path,
        target: { profile: profile.profileName, ssoSession: profile.ssoSession },
        refreshable,
        refreshWindowMs: windowMs,
        retryAfterFailureMs: RETRY_AFTER_FAILURE_MS,
        peerRefreshWaitMs: init.lock?.peerRefreshWaitMs ?? 3_000,
        requestTimeoutMs,
        lock: {
          staleMs: init.lock?.staleMs ?? 10_000,
          updateMs: init.lock?.updateMs ?? 2_000,
          waitTimeoutMs: init.lock?.waitTimeoutMs ?? 30_000,
        },
        now,
        oidcClient: () => oidcClientFor(profile.ssoRegion, clientLogger),
        logger,
      });
      tokenSources.set(key, source);
    }
    return source;
  }

  async function resolveProfile(profileName: string): Promise<SsoProfile> {
    const fromOptions = ssoProfileFromOverrides(init);
    if (fromOptions) return fromOptions;
    const { configPath, config } = await loadSharedConfig({
      configFilepath: init.configFilepath,
      filepath: init.filepath,
      homeDir: init.homeDir,
    });
    return resolveSsoProfile(profileName, init, config, configPath);
  }

  async function fetchCredentials(profileName: string, props: SsoCredentialProviderProps | undefined): Promise<SsoRoleCredentials> {
    const callerLogger = props?.callerClientConfig?.logger ?? init.parentClientConfig?.logger;
    // Our own lines go to `logger`; the SDK clients log (a lot, at debug) only where the SDK's fromSSO would.
    const logger = init.logger ?? callerLogger;
    const clientLogger = init.clientConfig?.logger ?? callerLogger;
    const profile = await resolveProfile(profileName);
    const client = ssoClientFor(profile.ssoRegion, clientLogger);
    // The client module loads while the token is read (and, if need be, refreshed).
    client.catch(() => undefined);
    const token = await tokenSourceFor(profile, logger, clientLogger).getToken();
    const credentials = await fetchRoleCredentials(await client, {
      accountId: profile.accountId,
      roleName: profile.roleName,
      accessToken: token.accessToken,
      target: { profile: profile.profileName, ssoSession: profile.ssoSession },
      source: profile.source,
      timeoutMs: requestTimeoutMs,
    });
    const frozen = Object.freeze(credentials);
    memoized.set(profileName, { credentials: frozen, promise: Promise.resolve(frozen) });
    return frozen;
  }

  return (props) => {
    const profileName = optionsOnly ? "" : (init.profile ?? props?.callerClientConfig?.profile ?? process.env.AWS_PROFILE ?? "default");
    const fresh = memoized.get(profileName);
    if (fresh !== undefined && props?.forceRefresh !== true && fresh.credentials.expiration.getTime() - windowMs > now()) {
      return fresh.promise;
    }
    let pending = inFlight.get(profileName);
    if (pending === undefined) {
      pending = fetchCredentials(profileName, props).finally(() => inFlight.delete(profileName));
      inFlight.set(profileName, pending);
    }
    return pending;
  };
}

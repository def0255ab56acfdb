import type { SSOClient } from "@aws-sdk/client-sso";
import type { SSOOIDCClient } from "@aws-sdk/client-sso-oidc";
import type { Logger } from "@smithy/types";
import { join } from "node:path";

import type { AssumeRoleHop, ProfileChain } from "../config/ProfileChain.js";
import type { SsoProfile } from "../config/SsoProfile.js";
import { loadSharedConfig } from "../config/loadSharedConfig.js";
import { resolveHomeDir } from "../config/resolveHomeDir.js";
import { resolveProfileChain } from "../config/resolveProfileChain.js";
import { ssoProfileFromOverrides } from "../config/resolveSsoProfile.js";
import { ClientRegistrationExpiredError } from "../errors/ClientRegistrationExpiredError.js";
import { RoleCredentialsUnauthorizedError } from "../errors/RoleCredentialsUnauthorizedError.js";
import { SsoServiceError } from "../errors/SsoServiceError.js";
import { SsoTokenExpiredError } from "../errors/SsoTokenExpiredError.js";
import { LoginWaiter } from "../login/LoginWaiter.js";
import { redactingLogger } from "../logging/redactingLogger.js";
import { assumeRole } from "../role-credentials/assumeRole.js";
import { assumeRoleCacheKey } from "../role-credentials/assumeRoleCacheKey.js";
import { markCredentialFeatures } from "../role-credentials/credentialFeatures.js";
import { RoleCredentialCache } from "../role-credentials/RoleCredentialCache.js";
import { ssoCacheText } from "../role-credentials/RoleCacheEntry.js";
import { ssoRoleCacheKey } from "../role-credentials/ssoRoleCacheKey.js";
import type { SsoRoleCredentials } from "../role-credentials/SsoRoleCredentials.js";
import { fetchRoleCredentials } from "../role-credentials/fetchRoleCredentials.js";
import { SsoTokenSource } from "../token/SsoTokenSource.js";
import { tokenCacheFilePath } from "../token/tokenCacheFilePath.js";
import type { ProviderSettings } from "./ProviderSettings.js";
import { LOG_PREFIX } from "../logging/logPrefix.js";

/** What the SDK passes when it calls a credential provider. */
export interface SsoCredentialProviderProps {
  callerClientConfig?: { profile?: string; logger?: Logger };
  /** Fetch new role credentials even if the memoized ones are still fresh. */
  forceRefresh?: boolean;
}

/** Role credentials and the profile they are for. */
export interface ResolvedCredentials {
  readonly credentials: SsoRoleCredentials;
  /** The SSO profile the credentials come from: the profile asked for, or the root of its role chain. */
  readonly profile: SsoProfile;
  /** The profile asked for: its region, and the roles assumed on the way (none for an SSO profile). */
  readonly chain: ProfileChain;
}

interface Memo {
  readonly resolved: ResolvedCredentials;
  /** Handed back as it is: cheaper than a new Promise.resolve on every call, and most calls are these. */
  readonly promise: Promise<SsoRoleCredentials>;
}


/**
 * The provider's machinery, shared by `fromSSO` and the CLI: profile → cached token (refreshed under
 * the cross-process lock) → GetRoleCredentials, with the credentials memoized per profile.
 *
 * Each resolver keeps its own memoized credentials, token sources and SDK clients; resolvers share
 * nothing but the cache files.
 */
export class CredentialResolver {
  readonly #settings: ProviderSettings;
  readonly #tokenSources = new Map<string, SsoTokenSource>();
  readonly #ssoClients = new Map<string, Promise<SSOClient>>();
  readonly #oidcClients = new Map<string, Promise<SSOOIDCClient>>();
  /** By profile name: one provider may serve clients of different profiles. */
  readonly #memoized = new Map<string, Memo>();
  readonly #inFlight = new Map<string, Promise<ResolvedCredentials>>();
  /** By profile name: when new role credentials last could not be had while the memoized ones still worked. */
  readonly #roleFailures = new Map<string, number>();
  #roleCache: RoleCredentialCache | undefined;
  /** With all four SSO options no profile is read, so every caller shares one entry. */
  readonly #optionsOnly: boolean;
  /** `onLoginRequired: "wait"`: waits for a login instead of throwing its error. */
  readonly #loginWaiter: LoginWaiter | undefined;

  constructor(settings: ProviderSettings) {
    this.#settings = settings;
    const { ssoStartUrl, ssoRegion, ssoAccountId, ssoRoleName } = settings.init;
    this.#optionsOnly = ssoStartUrl !== undefined && ssoRegion !== undefined && ssoAccountId !== undefined && ssoRoleName !== undefined;
    const { loginWaitTimeoutMs, clock } = settings;
    this.#loginWaiter = loginWaitTimeoutMs === undefined ? undefined : new LoginWaiter({ clock, timeoutMs: loginWaitTimeoutMs });
  }

  /** The profile a call is for: the `profile` option, else the SDK client's profile, else `AWS_PROFILE`, else `default`. */
  profileName(props?: SsoCredentialProviderProps): string {
    if (this.#optionsOnly) return "";
    return this.#settings.init.profile ?? props?.callerClientConfig?.profile ?? (this.#settings.env.AWS_PROFILE || "default");
  }

  /** Role credentials for the profile: the memoized ones while they are outside the refresh window. */
  credentials(profileName: string, props?: SsoCredentialProviderProps): Promise<SsoRoleCredentials> {
    const memo = this.#fresh(profileName, props);
    if (memo !== undefined) return memo.promise;
    return this.resolve(profileName, props).then((resolved) => resolved.credentials);
  }

  /** Role credentials with the profile they are for (its region, account and role, for the CLI's output). */
  resolve(profileName: string, props?: SsoCredentialProviderProps): Promise<ResolvedCredentials> {
    const memo = this.#fresh(profileName, props);
    if (memo !== undefined) return Promise.resolve(memo.resolved);
    let pending = this.#inFlight.get(profileName);
    if (pending === undefined) {
      pending = this.#fetch(profileName, props).finally(() => this.#inFlight.delete(profileName));
      this.#inFlight.set(profileName, pending);
    }
    return pending;
  }

  /** Lets a short-lived process end safely: see {@link SsoTokenSource.close}. Then destroys the SDK clients it made. */
  async close(): Promise<void> {
    this.#roleCache?.close();
    this.#loginWaiter?.close();
    const sources = [...this.#tokenSources.values()];
    this.#tokenSources.clear();
    await Promise.allSettled(sources.map((source) => source.close()));
    for (const clients of [this.#ssoClients, this.#oidcClients] as Map<string, Promise<{ destroy(): void }>>[]) {
      for (const client of clients.values()) client.then((made) => made.destroy(), () => undefined);
      clients.clear();
    }
  }

  #fresh(profileName: string, props: SsoCredentialProviderProps | undefined): Memo | undefined {
    const memo = this.#memoized.get(profileName);
    if (memo === undefined || props?.forceRefresh === true) return undefined;
    const { refreshWindowMs, clock } = this.#settings;
    return memo.resolved.credentials.expiration.getTime() - refreshWindowMs > clock.now() ? memo : undefined;
  }

  async #fetch(profileName: string, props: SsoCredentialProviderProps | undefined): Promise<ResolvedCredentials> {
    const { init, clock } = this.#settings;
    const callerLogger = props?.callerClientConfig?.logger ?? init.parentClientConfig?.logger;
    // Our own lines go to `logger`; the SDK clients log (a lot, at debug) only where the SDK's fromSSO would.
    const logger = init.logger ?? callerLogger;
    const sdkLogger = init.clientConfig?.logger ?? callerLogger;
    const clientLogger = sdkLogger === undefined ? undefined : redactingLogger(sdkLogger, this.#settings.secrets);
    const chain = await this.#resolveChain(profileName);
    const memo = this.#memoized.get(profileName);
    const stillWorks = memo !== undefined && memo.resolved.credentials.expiration.getTime() > clock.now();
    const failedAt = this.#roleFailures.get(profileName);
    // After a failure, the credentials that still work are used without asking again for a while:
    // during an outage the SDK calls the provider before every request. `forceRefresh` asks anyway.
    const backingOff = failedAt !== undefined && clock.monotonic() - failedAt < this.#settings.retryAfterFailureMs;
    if (stillWorks && backingOff && props?.forceRefresh !== true) return memo.resolved;
    let credentials: SsoRoleCredentials;
    try {
      const fetchChain = (): Promise<SsoRoleCredentials> => this.#chainCredentials(chain, props?.forceRefresh === true, logger, clientLogger);
      credentials = await fetchChain().catch(async (error: unknown) => {
        if (this.#loginWaiter === undefined) throw error;
        const root = chain.root;
        const context = { path: this.#tokenPath(root), target: { profile: root.profileName, ssoSession: root.ssoSession }, logger };
        return this.#loginWaiter.afterLoginRequired(error, context, fetchChain);
      });
      this.#roleFailures.delete(profileName);
    } catch (error) {
      // The service failed, but what we have still works: use it, and say so (once per outage).
      if (!(error instanceof SsoServiceError) || !stillWorks) throw error;
      if (failedAt === undefined) {
        logger?.warn?.(
          `${LOG_PREFIX} could not get new role credentials for ${describeChain(chain)}; using the current ones, valid until ` +
            `${memo.resolved.credentials.expiration.toISOString()}, and trying again in ${Math.round(this.#settings.retryAfterFailureMs / 1000)} s. ${error.message}`,
        );
      }
      this.#roleFailures.set(profileName, clock.monotonic());
      return memo.resolved;
    }
    this.#settings.secrets.add(credentials.secretAccessKey, credentials.sessionToken);
    const resolved = { credentials, profile: chain.root, chain };
    this.#memoized.set(profileName, { resolved, promise: Promise.resolve(credentials) });
    return resolved;
  }

  /**
   * The credentials at the end of the chain: the SSO root's role credentials (through the role cache,
   * then the token, refreshed under its lock if need be, and GetRoleCredentials), then one AssumeRole
   * per hop (each through the role cache too). `forceRefresh` applies to the last link only.
   */
  async #chainCredentials(chain: ProfileChain, forceRefresh: boolean, logger: Logger | undefined, clientLogger: Logger | undefined): Promise<SsoRoleCredentials> {
    const cache = this.#cache();
    const { root, hops } = chain;
    const link = (level: number, force: boolean): Promise<SsoRoleCredentials> => {
      if (level < 0) {
        return cache.get({
          key: ssoRoleCacheKey(root),
          accountId: root.accountId,
          forceRefresh: force,
          logger,
          fetch: async () => {
            const credentials = await this.#fetchRoleCredentials(root, logger, clientLogger);
            return { credentials, cacheText: ssoCacheText(credentials) };
          },
        });
      }
      const hop = hops[level] as AssumeRoleHop;
      return cache.get({
        key: assumeRoleCacheKey({ ...hop, serialNumber: hop.mfaSerial }),
        accountId: hop.roleArn.split(":")[4] ?? "",
        forceRefresh: force,
        logger,
        source: () => link(level - 1, false),
        fetch: (source) =>
          assumeRole({
            hop,
            source: source as SsoRoleCredentials,
            sourceProfile: level === 0 ? root.profileName : hops[level - 1]?.profileName,
            region: this.#stsRegion(hop, chain),
            mfaCodeProvider: this.#settings.init.mfaCodeProvider,
            roleAssumer: this.#settings.init.roleAssumer,
            clientConfig: this.#settings.init.clientConfig as Record<string, unknown> | undefined,
            clientLogger,
            timeoutMs: this.#settings.requestTimeoutMs,
            clock: this.#settings.clock,
            words: this.#settings.words,
          }),
      });
    };
    const credentials = await link(hops.length - 1, forceRefresh);
    // The marks the SDK's own providers set: fromSSO's, or, for a chain, its role assumer's and fromIni's.
    if (hops.length === 0) return markCredentialFeatures(credentials, root.ssoSession === undefined ? "CREDENTIALS_SSO_LEGACY" : "CREDENTIALS_SSO");
    return markCredentialFeatures(credentials, "CREDENTIALS_STS_ASSUME_ROLE", "CREDENTIALS_PROFILE_SOURCE_PROFILE");
  }

  /** Where a hop's STS call goes, as the SDK's fromIni decides it: `clientConfig.region`, the profile's `region`, the caller's, AWS_REGION, us-east-1. */
  #stsRegion(hop: AssumeRoleHop, chain: ProfileChain): string {
    const { init, env } = this.#settings;
    const configured = [init.clientConfig?.region, hop.region, init.parentClientConfig?.region, env.AWS_REGION, chain.region];
    return (configured.find((region) => typeof region === "string" && region !== "") as string | undefined) ?? "us-east-1";
  }

  /** The role credential cache: the shared directory when the option is on, else memory only. */
  #cache(): RoleCredentialCache {
    if (this.#roleCache === undefined) {
      const { roleCredentialCache, refreshWindowMs, lock, clock } = this.#settings;
      const dir =
        roleCredentialCache === false ? undefined : roleCredentialCache === true ? join(this.#homeDir(), ".aws", "cli", "cache") : roleCredentialCache;
      this.#roleCache = new RoleCredentialCache({ dir, refreshWindowMs, lock, clock });
    }
    return this.#roleCache;
  }

  /**
   * The cached token, exchanged for role credentials. A 401 for a token the cache calls valid (it was
   * revoked, or this machine's clock is behind) gets one refresh under the lock and one more try.
   */
  async #fetchRoleCredentials(profile: SsoProfile, logger: Logger | undefined, clientLogger: Logger | undefined): Promise<SsoRoleCredentials> {
    const client = this.#ssoClient(profile.ssoRegion, clientLogger);
    // The client module loads while the token is read (and, if need be, refreshed).
    client.catch(() => undefined);
    const source = this.#tokenSource(profile, logger, clientLogger);
    const token = await source.getToken();
    const request = {
      accountId: profile.accountId,
      roleName: profile.roleName,
      target: { profile: profile.profileName, ssoSession: profile.ssoSession },
      source: profile.source,
      timeoutMs: this.#settings.requestTimeoutMs,
      clock: this.#settings.clock,
      words: this.#settings.words,
    };
    try {
      return await fetchRoleCredentials(await client, { ...request, accessToken: token.accessToken });
    } catch (error) {
      if (!(error instanceof RoleCredentialsUnauthorizedError)) throw error;
      logger?.info?.(`${LOG_PREFIX} IAM Identity Center refused the cached SSO token for ${describe(profile)}; refreshing it and trying once more`);
      let next;
      try {
        next = await source.getToken({ refused: token });
      } catch (refreshError) {
        // A token that cannot be refreshed (legacy profile, no registration): the 401 is the news.
        if (refreshError instanceof SsoTokenExpiredError || refreshError instanceof ClientRegistrationExpiredError) throw error;
        throw refreshError;
      }
      return await fetchRoleCredentials(await client, { ...request, accessToken: next.accessToken });
    }
  }

  async #resolveChain(profileName: string): Promise<ProfileChain> {
    const { init, env, words } = this.#settings;
    const fromOptions = ssoProfileFromOverrides(init);
    if (fromOptions) return { profileName: undefined, region: undefined, root: fromOptions, hops: [] };
    const { configPath, config } = await loadSharedConfig({
      configFilepath: init.configFilepath,
      filepath: init.filepath,
      homeDir: init.homeDir,
      env,
      words,
    });
    return resolveProfileChain(profileName, init, config, configPath, words);
  }

  #tokenSource(profile: SsoProfile, logger: Logger | undefined, clientLogger: Logger | undefined): SsoTokenSource {
    const settings = this.#settings;
    const path = this.#tokenPath(profile);
    const refreshable = profile.ssoSession !== undefined;
    const key = `${refreshable}:${profile.ssoRegion}:${path}`;
    let source = this.#tokenSources.get(key);
    if (source === undefined) {
      source = new SsoTokenSource({
        path,
        target: { profile: profile.profileName, ssoSession: profile.ssoSession },
        refreshable,
        refreshWindowMs: settings.refreshWindowMs,
        retryAfterFailureMs: settings.retryAfterFailureMs,
        peerRefreshWaitMs: settings.peerRefreshWaitMs,
        validTokenWaitMs: settings.validTokenWaitMs,
        requestTimeoutMs: settings.requestTimeoutMs,
        lock: settings.lock,
        clock: settings.clock,
        oidcClient: () => this.#oidcClient(profile.ssoRegion, clientLogger),
        heldTokens: settings.heldTokens,
        secrets: settings.secrets,
        logger,
        words: settings.words,
      });
      this.#tokenSources.set(key, source);
    }
    return source;
  }

  #tokenPath(profile: SsoProfile): string {
    const cacheDir = this.#settings.init.cacheDir ?? join(this.#homeDir(), ".aws", "sso", "cache");
    return tokenCacheFilePath(cacheDir, profile.cacheKey);
  }

  #homeDir(): string {
    const { init, env, words } = this.#settings;
    return resolveHomeDir({ homeDir: init.homeDir, env, words });
  }

  #ssoClient(region: string, logger: Logger | undefined): Promise<SSOClient> {
    const { init } = this.#settings;
    return this.#client(this.#ssoClients, init.ssoClient, region, async () => {
      const { SSOClient } = await import("@aws-sdk/client-sso");
      return new SSOClient({ ...init.clientConfig, logger, region: init.clientConfig?.region ?? region });
    });
  }

  #oidcClient(region: string, logger: Logger | undefined): Promise<SSOOIDCClient> {
    const { init } = this.#settings;
    return this.#client(this.#oidcClients, init.oidcClient, region, async () => {
      const { SSOOIDCClient } = await import("@aws-sdk/client-sso-oidc");
      return new SSOOIDCClient({ ...init.clientConfig, logger, region: init.clientConfig?.region ?? region });
    });
  }

  /** One SDK client per region, its module loaded on first use; an injected client always wins. */
  #client<T>(clients: Map<string, Promise<T>>, injected: T | undefined, region: string, make: () => Promise<T>): Promise<T> {
    if (injected) return Promise.resolve(injected);
    let client = clients.get(region);
    if (client === undefined) {
      // The SDK clients look for ~/.aws/config (HOME, else the passwd entry) when they are made, and with
      // neither they reject a promise nobody awaits, which ends the process. A typed error instead.
      const { env, words } = this.#settings;
      resolveHomeDir({ env, words, neededBy: "sdk-clients" });
      client = make();
      clients.set(region, client);
    }
    return client;
  }
}

function describeChain(chain: ProfileChain): string {
  return chain.hops.length === 0 ? describe(chain.root) : `profile "${chain.profileName}"`;
}

function describe(profile: SsoProfile): string {
  return profile.profileName === undefined ? `role ${profile.roleName} in account ${profile.accountId}` : `profile "${profile.profileName}"`;
}

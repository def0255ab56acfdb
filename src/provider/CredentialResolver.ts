import type { SSOClient } from "@aws-sdk/client-sso";
import type { SSOOIDCClient } from "@aws-sdk/client-sso-oidc";
import type { Logger } from "@smithy/types";
import { join } from "node:path";

import type { SsoProfile } from "../config/SsoProfile.js";
import { loadSharedConfig } from "../config/loadSharedConfig.js";
import { resolveHomeDir } from "../config/resolveHomeDir.js";
import { resolveSsoProfile, ssoProfileFromOverrides } from "../config/resolveSsoProfile.js";
import { ClientRegistrationExpiredError } from "../errors/ClientRegistrationExpiredError.js";
import { RoleCredentialsUnauthorizedError } from "../errors/RoleCredentialsUnauthorizedError.js";
import { SsoServiceError } from "../errors/SsoServiceError.js";
import { SsoTokenExpiredError } from "../errors/SsoTokenExpiredError.js";
import { LoginWaiter } from "../login/LoginWaiter.js";
import { redactingLogger } from "../logging/redactingLogger.js";
import type { SsoRoleCredentials } from "../role-credentials/SsoRoleCredentials.js";
import { fetchRoleCredentials } from "../role-credentials/fetchRoleCredentials.js";
import { SsoTokenSource } from "../token/SsoTokenSource.js";
import { tokenCacheFilePath } from "../token/tokenCacheFilePath.js";
import type { ProviderSettings } from "./ProviderSettings.js";

/** What the SDK passes when it calls a credential provider. */
export interface SsoCredentialProviderProps {
  callerClientConfig?: { profile?: string; logger?: Logger };
  /** Fetch new role credentials even if the memoized ones are still fresh. */
  forceRefresh?: boolean;
}

/** Role credentials and the profile they are for. */
export interface ResolvedCredentials {
  readonly credentials: SsoRoleCredentials;
  readonly profile: SsoProfile;
}

interface Memo {
  readonly resolved: ResolvedCredentials;
  /** Handed back as it is: cheaper than a new Promise.resolve on every call, and most calls are these. */
  readonly promise: Promise<SsoRoleCredentials>;
}

const PREFIX = "aws-sso-credential-provider:";

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
    this.#loginWaiter?.close();
    await Promise.allSettled([...this.#tokenSources.values()].map((source) => source.close()));
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
    const clientLogger = sdkLogger === undefined ? undefined : redactingLogger(sdkLogger);
    const profile = await this.#resolveProfile(profileName);
    let credentials: SsoRoleCredentials;
    try {
      credentials = await this.#fetchRoleCredentials(profile, logger, clientLogger).catch(async (error: unknown) => {
        if (this.#loginWaiter === undefined) throw error;
        const context = { path: this.#tokenPath(profile), target: { profile: profile.profileName, ssoSession: profile.ssoSession }, logger };
        return this.#loginWaiter.afterLoginRequired(error, context, () => this.#fetchRoleCredentials(profile, logger, clientLogger));
      });
    } catch (error) {
      // The service failed, but what we have still works: use it, and say so.
      const memo = this.#memoized.get(profileName);
      if (error instanceof SsoServiceError && memo !== undefined && memo.resolved.credentials.expiration.getTime() > clock.now()) {
        logger?.warn?.(
          `${PREFIX} could not get new role credentials for ${describe(profile)}; using the current ones, valid until ` +
            `${memo.resolved.credentials.expiration.toISOString()}. ${error.message}`,
        );
        return memo.resolved;
      }
      throw error;
    }
    const resolved = { credentials, profile };
    this.#memoized.set(profileName, { resolved, promise: Promise.resolve(credentials) });
    return resolved;
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
    };
    try {
      return await fetchRoleCredentials(await client, { ...request, accessToken: token.accessToken });
    } catch (error) {
      if (!(error instanceof RoleCredentialsUnauthorizedError)) throw error;
      logger?.info?.(`${PREFIX} IAM Identity Center refused the cached SSO token for ${describe(profile)}; refreshing it and trying once more`);
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

  async #resolveProfile(profileName: string): Promise<SsoProfile> {
    const { init, env, words } = this.#settings;
    const fromOptions = ssoProfileFromOverrides(init);
    if (fromOptions) return fromOptions;
    const { configPath, config } = await loadSharedConfig({
      configFilepath: init.configFilepath,
      filepath: init.filepath,
      homeDir: init.homeDir,
      env,
      words,
    });
    return resolveSsoProfile(profileName, init, config, configPath, words);
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

function describe(profile: SsoProfile): string {
  return profile.profileName === undefined ? `role ${profile.roleName} in account ${profile.accountId}` : `profile "${profile.profileName}"`;
}

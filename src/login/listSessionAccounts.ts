import type { SSOClient } from "@aws-sdk/client-sso";
import type { SSOOIDCClient } from "@aws-sdk/client-sso-oidc";
import { join } from "node:path";

import type { FromSSOInit } from "../FromSSOInit.js";
import type { SharedConfig } from "../config/SharedConfig.js";
import { loadSharedConfig } from "../config/loadSharedConfig.js";
import { resolveHomeDir } from "../config/resolveHomeDir.js";
import { AccountListUnauthorizedError } from "../errors/AccountListUnauthorizedError.js";
import { libraryWords, type CallerWords } from "../errors/CallerWords.js";
import { SsoLoginRequiredError } from "../errors/SsoLoginRequiredError.js";
import { redactingLogger } from "../logging/redactingLogger.js";
import { resolveProviderSettings } from "../provider/resolveProviderSettings.js";
import { SsoTokenSource } from "../token/SsoTokenSource.js";
import { tokenCacheFilePath } from "../token/tokenCacheFilePath.js";
import type { AccountRoles } from "./AccountRoles.js";
import { listAccountRoles } from "./listAccountRoles.js";
import type { LoginSession } from "./LoginSession.js";
import { resolveLoginSession } from "./resolveLoginSession.js";

export type ListSessionAccountsOptions = Pick<
  FromSSOInit,
  "profile" | "ssoSession" | "configFilepath" | "filepath" | "cacheDir" | "homeDir" | "clientConfig" | "ssoClient" | "oidcClient" | "logger" | "requestTimeoutMs" | "lock" | "clock" | "env" | "refreshWindowSeconds"
>;

/** A session's accounts and roles, with the config they were looked up from (for `list --config`). */
export interface SessionAccounts {
  readonly session: LoginSession;
  readonly accounts: readonly AccountRoles[];
  readonly config: SharedConfig;
  readonly configPath: string;
}

/**
 * The accounts and roles a session can reach, with its cached token (refreshed first when it is
 * due, under the same lock and rules as the provider's; a 401 gets one refresh and one more try).
 */
export async function listSessionAccounts(options: ListSessionAccountsOptions, words: CallerWords = libraryWords): Promise<SessionAccounts> {
  const settings = resolveProviderSettings(options, words);
  const { env, clock, requestTimeoutMs } = settings;
  const { configPath, config } = await loadSharedConfig({ configFilepath: options.configFilepath, filepath: options.filepath, homeDir: options.homeDir, env, words });
  const session = resolveLoginSession({ ssoSession: options.ssoSession, profile: options.profile ?? (env.AWS_PROFILE || "default"), config, configPath, words });
  const cacheDir = options.cacheDir ?? join(resolveHomeDir({ homeDir: options.homeDir, env, words }), ".aws", "sso", "cache");
  const sdkLogger = options.clientConfig?.logger;
  const clientLogger = sdkLogger === undefined ? undefined : redactingLogger(sdkLogger, settings.secrets);
  const made: { destroy(): void }[] = [];
  const clientConfig = { ...options.clientConfig, logger: clientLogger, region: options.clientConfig?.region ?? session.ssoRegion };
  let oidc: Promise<SSOOIDCClient> | undefined;
  const source = new SsoTokenSource({
    path: tokenCacheFilePath(cacheDir, session.cacheKey),
    target: session.target,
    refreshable: session.ssoSession !== undefined,
    refreshWindowMs: settings.refreshWindowMs,
    retryAfterFailureMs: settings.retryAfterFailureMs,
    peerRefreshWaitMs: settings.peerRefreshWaitMs,
    validTokenWaitMs: settings.validTokenWaitMs,
    requestTimeoutMs,
    lock: settings.lock,
    clock,
    heldTokens: settings.heldTokens,
    secrets: settings.secrets,
    oidcClient: () =>
      (oidc ??= (async () => {
        if (options.oidcClient !== undefined) return options.oidcClient;
        const { SSOOIDCClient } = await import("@aws-sdk/client-sso-oidc");
        const client = new SSOOIDCClient(clientConfig);
        made.push(client);
        return client;
      })()),
    logger: options.logger,
    words,
  });
  try {
    const token = await source.getToken();
    let sso: SSOClient;
    if (options.ssoClient !== undefined) sso = options.ssoClient;
    else {
      resolveHomeDir({ env, words, neededBy: "sdk-clients" });
      const { SSOClient } = await import("@aws-sdk/client-sso");
      sso = new SSOClient(clientConfig);
      made.push(sso);
    }
    const list = (accessToken: string): Promise<AccountRoles[]> => listAccountRoles({ sso, accessToken, target: session.target, clock, timeoutMs: requestTimeoutMs });
    let accounts: AccountRoles[];
    try {
      accounts = await list(token.accessToken);
    } catch (error) {
      if (!(error instanceof AccountListUnauthorizedError)) throw error;
      // A token the cache calls valid was refused (revoked, or a clock behind): one refresh, one more try.
      let next;
      try {
        next = await source.getToken({ refused: token });
      } catch (refreshError) {
        if (refreshError instanceof SsoLoginRequiredError) throw error;
        throw refreshError;
      }
      accounts = await list(next.accessToken);
    }
    return { session, accounts, config, configPath };
  } finally {
    await source.close();
    for (const client of made) client.destroy();
  }
}

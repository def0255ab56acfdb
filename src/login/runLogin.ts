import type { SSOOIDCClient } from "@aws-sdk/client-sso-oidc";
import { join } from "node:path";

import { loadSharedConfig } from "../config/loadSharedConfig.js";
import { resolveHomeDir } from "../config/resolveHomeDir.js";
import { libraryWords, type CallerWords } from "../errors/CallerWords.js";
import { InvalidOptionError } from "../errors/InvalidOptionError.js";
import { redactingLogger } from "../logging/redactingLogger.js";
import { resolveProviderSettings } from "../provider/resolveProviderSettings.js";
import type { CachedSsoToken } from "../token/CachedSsoToken.js";
import { readTokenFile } from "../token/readTokenFile.js";
import { tokenCacheFilePath } from "../token/tokenCacheFilePath.js";
import { coordinateLogin } from "./coordinateLogin.js";
import type { LoginFlow } from "./LoginFlow.js";
import type { LoginFlowContext } from "./LoginFlowContext.js";
import type { LoginOptions } from "./LoginOptions.js";
import type { LoginPrompt } from "./LoginPrompt.js";
import type { LoginResult } from "./LoginResult.js";
import { openInBrowser, type BrowserOpenOutcome } from "./openInBrowser.js";
import { renderLoginPrompt, type PromptWords } from "./renderLoginPrompt.js";
import { resolveLoginSession } from "./resolveLoginSession.js";
import { runDeviceFlow } from "./runDeviceFlow.js";
import { runPkceFlow } from "./runPkceFlow.js";
import { saveLoginToken } from "./saveLoginToken.js";
import { withoutAuthorizationCode } from "./withoutAuthorizationCode.js";
import { LOG_PREFIX } from "../logging/logPrefix.js";

/** What the CLI and the provider add to the public options. */
export interface LoginInternals {
  words?: CallerWords;
  promptWords?: PromptWords;
  /**
   * A login is known to be needed (`--login`, after a login error): the token now in the cache, if
   * any, is the one that failed, so it does not count as valid; any other token that has not expired
   * ends the login at once (with `force: false`).
   */
  loginRequired?: boolean;
}

const DEFAULT_CALLBACK_TIMEOUT_MS = 10 * 60 * 1000;

/** {@link login}, with the CLI's words and what it saw. */
export async function runLogin(options: LoginOptions, internals: LoginInternals = {}): Promise<LoginResult> {
  const words = internals.words ?? libraryWords;
  // The options shared with fromSSO are checked as fromSSO checks them.
  const settings = resolveProviderSettings(options, words);
  const { clock, env, lock, requestTimeoutMs } = settings;
  const flowOption = checkFlow(options.flow);
  const redirectPort = integer(options.redirectPort, "redirectPort", 0, 65_535, 0);
  const callbackTimeoutMs = integer(options.callbackTimeoutMs, "callbackTimeoutMs", 1000, 3_600_000, DEFAULT_CALLBACK_TIMEOUT_MS);
  const openBrowser = boolean(options.openBrowser, "openBrowser", true);
  const force = boolean(options.force, "force", true);
  for (const name of ["browser", "onPrompt"] as const) {
    if (options[name] !== undefined && typeof options[name] !== "function") throw new InvalidOptionError({ option: name, value: options[name], expected: "a function" });
  }

  const { configPath, config } = await loadSharedConfig({ configFilepath: options.configFilepath, filepath: options.filepath, homeDir: options.homeDir, env, words });
  const session = resolveLoginSession({
    ssoSession: options.ssoSession,
    profile: options.profile ?? (env.AWS_PROFILE || "default"),
    config,
    configPath,
    words,
  });
  const flow: LoginFlow = flowOption ?? (session.ssoSession === undefined ? "device" : "pkce");
  if (flow === "pkce" && session.ssoSession === undefined) {
    throw new InvalidOptionError({
      option: "flow",
      value: flow,
      expected: `"device" for ${session.source}: the PKCE login needs an [sso-session] (a legacy profile logs in with the device code only)`,
    });
  }
  const cacheDir = options.cacheDir ?? join(resolveHomeDir({ homeDir: options.homeDir, env, words }), ".aws", "sso", "cache");
  const tokenPath = tokenCacheFilePath(cacheDir, session.cacheKey);
  const logger = options.logger;
  const prompt = (value: LoginPrompt): void => {
    if (options.onPrompt !== undefined) options.onPrompt(value);
    else process.stderr.write(renderLoginPrompt(value, internals.promptWords ?? "library"));
  };
  const result = (outcome: LoginResult["outcome"], token: CachedSsoToken, ran: LoginFlow | undefined): LoginResult => ({
    ssoSession: session.ssoSession,
    profile: session.profile,
    startUrl: session.startUrl,
    ssoRegion: session.ssoRegion,
    cacheFile: tokenPath,
    expiresAt: token.expiresAt,
    outcome,
    flow: ran,
  });

  const seen = await readTokenFile(tokenPath, session.target).catch(() => undefined);
  if (!force && internals.loginRequired !== true && seen !== undefined && seen.expiresAt.getTime() > clock.now()) return result("already-valid", seen, undefined);

  let made: SSOOIDCClient | undefined;
  const oidc = async (): Promise<SSOOIDCClient> => {
    if (options.oidcClient !== undefined) return options.oidcClient;
    if (made === undefined) {
      // As for fromSSO's clients: the SDK looks for ~/.aws/config when a client is made; no home is a typed error.
      resolveHomeDir({ env, words, neededBy: "sdk-clients" });
      const { SSOOIDCClient } = await import("@aws-sdk/client-sso-oidc");
      const sdkLogger = options.clientConfig?.logger;
      made = new SSOOIDCClient({
        ...options.clientConfig,
        logger: sdkLogger === undefined ? undefined : redactingLogger(withoutAuthorizationCode(sdkLogger), settings.secrets),
        region: options.clientConfig?.region ?? session.ssoRegion,
      });
    }
    return made;
  };
  const browser = async (url: string): Promise<BrowserOpenOutcome> => {
    try {
      return (await (options.browser ?? ((target: string) => openInBrowser(target, { env })))(url)) ?? { opened: true };
    } catch (error) {
      return { opened: false, reason: (error as Error).message };
    }
  };

  try {
    const coordinated = await coordinateLogin({
      tokenPath,
      target: session.target,
      force,
      seen,
      flow,
      lock,
      clock,
      logger,
      signal: options.signal,
      prompt,
      run: async () => {
        const context: LoginFlowContext = {
          session,
          cacheDir,
          oidc: await oidc(),
          clock,
          requestTimeoutMs,
          lock,
          logger,
          signal: options.signal,
          words,
          openBrowser,
          browser,
          prompt,
          env,
        };
        logger?.info?.(`${LOG_PREFIX} logging in to ${session.source} (${flow === "pkce" ? "browser, PKCE" : "device code"})`);
        const issued = flow === "pkce" ? await runPkceFlow(context, { redirectPort, callbackTimeoutMs }) : await runDeviceFlow(context);
        if (issued.clampedFrom !== undefined) {
          logger?.warn?.(`${LOG_PREFIX} CreateToken answered expiresIn ${String(issued.clampedFrom)}, which cannot be right; recording ${issued.expiresInSeconds} s`);
        }
        const token = await saveLoginToken({ path: tokenPath, session, issued, lock, clock, logger, words, signal: options.signal });
        logger?.info?.(`${LOG_PREFIX} logged in; the SSO token in ${tokenPath} is valid until ${token.expiresAt.toISOString()}`);
        return token;
      },
    });
    return result(coordinated.joined ? "joined" : "logged-in", coordinated.token, coordinated.joined ? undefined : flow);
  } finally {
    made?.destroy();
  }
}

function checkFlow(value: unknown): LoginFlow | undefined {
  if (value === undefined || value === "pkce" || value === "device") return value;
  throw new InvalidOptionError({ option: "flow", value, expected: '"pkce" or "device"' });
}

function integer(value: unknown, option: string, min: number, max: number, defaultValue: number): number {
  if (value === undefined) return defaultValue;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidOptionError({ option, value, expected: `a whole number from ${min} to ${max}`, defaultValue });
  }
  return value;
}

function boolean(value: unknown, option: string, defaultValue: boolean): boolean {
  if (value === undefined) return defaultValue;
  if (typeof value !== "boolean") throw new InvalidOptionError({ option, value, expected: "true or false", defaultValue });
  return value;
}

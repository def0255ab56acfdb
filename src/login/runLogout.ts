import type { SSOClient } from "@aws-sdk/client-sso";
import { readdir, stat, unlink } from "node:fs/promises";
import { basename, join } from "node:path";

import { loadSharedConfig } from "../config/loadSharedConfig.js";
import { resolveHomeDir } from "../config/resolveHomeDir.js";
import { libraryWords, type CallerWords } from "../errors/CallerWords.js";
import { InvalidOptionError } from "../errors/InvalidOptionError.js";
import { SsoTokenCacheWriteError } from "../errors/SsoTokenCacheWriteError.js";
import { lockFile } from "../lock/lockFile.js";
import { readSmallFile } from "../files/readSmallFile.js";
import { redactingLogger } from "../logging/redactingLogger.js";
import type { ProviderSettings } from "../provider/ProviderSettings.js";
import { resolveProviderSettings } from "../provider/resolveProviderSettings.js";
import { RejectedRefreshRecord } from "../token/RejectedRefreshRecord.js";
import { tokenCacheFilePath } from "../token/tokenCacheFilePath.js";
import { callWithDeadline } from "./callWithDeadline.js";
import { LoginNote } from "./LoginNote.js";
import type { LogoutOptions, LogoutResult } from "./LogoutOptions.js";
import { resolveLoginSession } from "./resolveLoginSession.js";
import { roleCredentialCacheNames } from "./roleCredentialCacheNames.js";
import { LOG_PREFIX } from "../logging/logPrefix.js";


/**
 * What {@link logout} does (see there), in the caller's words: the CLI passes its own. Each token file
 * (a JSON file holding `accessToken`) first gets an SSO Logout call with its token, then is deleted
 * under the refresh lock, so that a refresh in progress cannot write it back.
 */
export async function runLogout(options: LogoutOptions, words: CallerWords = libraryWords): Promise<LogoutResult> {
  const settings = resolveProviderSettings(options, words);
  const { env } = settings;
  if (options.all !== undefined && typeof options.all !== "boolean") {
    throw new InvalidOptionError({ option: "all", value: options.all, expected: "true or false", defaultValue: false });
  }
  const home = (): string => resolveHomeDir({ homeDir: options.homeDir, env, words });
  const ssoCacheDir = options.cacheDir ?? join(home(), ".aws", "sso", "cache");
  const cliCacheDir = options.cliCacheDir ?? join(home(), ".aws", "cli", "cache");
  const logoutClient = new LogoutClients(settings, options);
  const result = {
    removedFromSsoCache: [] as string[],
    removedFromCliCache: [] as string[],
    removedKeptTokens: [] as string[],
    logoutCalls: 0,
    logoutFailures: 0,
    ssoCacheDir,
    cliCacheDir,
  };
  /** `own`: the session's own file (not a scan of --all): if it is not a token at all, it goes too. */
  const removeToken = async (path: string, fallbackRegion: string | undefined, own = false): Promise<void> => {
    const file = await readJson(path);
    const contents = file.json;
    const region = typeof contents?.region === "string" && contents.region !== "" ? contents.region : fallbackRegion;
    const signOut = async (accessToken: unknown): Promise<void> => {
      if (typeof accessToken !== "string" || region === undefined) return;
      result.logoutCalls++;
      if (!(await logoutClient.logout(region, accessToken))) result.logoutFailures++;
    };
    // A token kept aside when the cache could not take it (a full or read-only disk) is the session's
    // working one: it is signed out too, and removed, not left at rest.
    const keptPath = settings.heldTokens.pathFor(path);
    await signOut(((await readJson(keptPath)).json?.token as Record<string, unknown> | undefined)?.accessToken);
    if (await removeFile(keptPath, words)) result.removedKeptTokens.push(basename(keptPath));
    if (contents !== undefined && typeof contents.accessToken === "string") {
      await signOut(contents.accessToken);
      if (await removeUnderLock(path, settings)) result.removedFromSsoCache.push(basename(path));
    } else if (own && contents === undefined && file.found) {
      // The session's cache file, unreadable or not a token (the other commands exit 74 on it): logging out removes it.
      if (await removeUnderLock(path, settings)) result.removedFromSsoCache.push(basename(path));
    }
    for (const note of [RejectedRefreshRecord.pathFor(path), LoginNote.pathFor(path)]) {
      if (await removeFile(note, words)) result.removedFromSsoCache.push(basename(note));
    }
  };

  try {
    if (options.all === true) {
      for (const name of await listDir(ssoCacheDir)) {
        if (name.startsWith(".")) continue;
        await removeToken(join(ssoCacheDir, name), undefined);
      }
      for (const name of await listDir(cliCacheDir)) {
        const path = join(cliCacheDir, name);
        if ((await readJson(path)).json?.ProviderType === "sso" && (await removeFile(path, words))) result.removedFromCliCache.push(name);
      }
      return result;
    }
    const { configPath, config } = await loadSharedConfig({ configFilepath: options.configFilepath, filepath: options.filepath, homeDir: options.homeDir, env, words });
    const session = resolveLoginSession({ ssoSession: options.ssoSession, profile: options.profile ?? (env.AWS_PROFILE || "default"), config, configPath, words });
    await removeToken(tokenCacheFilePath(ssoCacheDir, session.cacheKey), session.ssoRegion, true);
    for (const name of roleCredentialCacheNames(session, config)) {
      const path = join(cliCacheDir, name);
      if ((await readJson(path)).json?.ProviderType === "sso" && (await removeFile(path, words))) result.removedFromCliCache.push(name);
    }
    return result;
  } finally {
    logoutClient.destroy();
  }
}

/** One SSO client per region, made when first needed (or the injected one); Logout's errors are reported as `false`. */
class LogoutClients {
  readonly #settings: ProviderSettings;
  readonly #options: LogoutOptions;
  readonly #made = new Map<string, SSOClient>();

  constructor(settings: ProviderSettings, options: LogoutOptions) {
    this.#settings = settings;
    this.#options = options;
  }

  async logout(region: string, accessToken: string): Promise<boolean> {
    const { LogoutCommand, SSOClient } = await import("@aws-sdk/client-sso");
    const { clock, requestTimeoutMs } = this.#settings;
    let client = this.#options.ssoClient ?? this.#made.get(region);
    if (client === undefined) {
      // As for fromSSO's clients: the SDK looks for ~/.aws/config when a client is made; no home is a typed error.
      resolveHomeDir({ env: this.#settings.env, words: this.#settings.words, neededBy: "sdk-clients" });
      const sdkLogger = this.#options.clientConfig?.logger;
      client = new SSOClient({
        ...this.#options.clientConfig,
        logger: sdkLogger === undefined ? undefined : redactingLogger(sdkLogger, this.#settings.secrets),
        region: this.#options.clientConfig?.region ?? region,
      });
      this.#made.set(region, client);
    }
    const made = client;
    const outcome = await callWithDeadline((abortSignal) => made.send(new LogoutCommand({ accessToken }), { abortSignal }), { clock, timeoutMs: requestTimeoutMs });
    if (!outcome.ok) this.#options.logger?.debug?.(`${LOG_PREFIX} the SSO Logout call failed (${outcome.failure.summary}); the token is removed anyway`);
    return outcome.ok;
  }

  destroy(): void {
    for (const client of this.#made.values()) client.destroy();
    this.#made.clear();
  }
}

/** Deletes a token file under its refresh lock; false when it was gone already. */
async function removeUnderLock(path: string, settings: ProviderSettings): Promise<boolean> {
  const { clock, lock } = settings;
  const held = await lockFile(path, lock, { clock, logger: settings.init.logger });
  try {
    return await removeFile(path, settings.words);
  } finally {
    await held.release();
  }
}

async function removeFile(path: string, words: CallerWords): Promise<boolean> {
  try {
    await unlink(path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EISDIR" || (code === "EPERM" && (await isDirectory(path)))) return false;
    throw new SsoTokenCacheWriteError({ path, cause: error, words });
  }
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}

/**
 * A small file's JSON object, if it is one (a directory, unreadable, not JSON: no object, and left
 * alone, as the AWS CLI does); `found`: something is at the path, whatever it holds.
 */
async function readJson(path: string): Promise<{ found: boolean; json?: Record<string, unknown> }> {
  // No FIFO, symlink or giant file is read: logout, like the provider, only reads small regular files.
  const read = await readSmallFile(path, 1024 * 1024);
  if (read.kind !== "text") return { found: read.kind !== "missing" };
  try {
    const value: unknown = JSON.parse(read.text);
    return { found: true, json: typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined };
  } catch {
    return { found: true };
  }
}

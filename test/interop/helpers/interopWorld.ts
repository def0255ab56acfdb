import { readFile, stat, writeFile } from "node:fs/promises";

import type { FromSSOInit } from "../../../src/FromSSOInit.js";
import { fromSSO, type SsoRoleCredentials } from "../../../src/index.js";
import { tokenCacheFilePath } from "../../../src/token/tokenCacheFilePath.js";
import { IdentityCenterEmulator, type EmulatorOptions } from "../../emulator/index.js";
import { legacyProfileConfig, makeSsoFixture, recordingLogger, sessionProfileConfig, type SsoFixture } from "../../helpers/ssoFixture.js";
import { peerEnv } from "./peers.js";

export const START_URL = "https://emulator.awsapps.com/start";
/** `[profile dev]` uses `[sso-session my-sso]`; `[profile legacy]` has the start URL itself. */
export const SESSION_PROFILE = "dev";
export const SESSION_NAME = "my-sso";
export const LEGACY_PROFILE = "legacy";

/** An emulator and a home whose config has a session profile and a legacy profile, same start URL. */
export interface InteropWorld {
  emu: IdentityCenterEmulator;
  fixture: SsoFixture;
  /** The environment every peer runs with (see `peerEnv`). */
  env: NodeJS.ProcessEnv;
  /** `<cache>/<sha1("my-sso")>.json`, the session profile's token. */
  sessionPath: string;
  /** `<cache>/<sha1(start URL)>.json`, the legacy profile's token. */
  legacyPath: string;
  stop(): Promise<void>;
}

export async function interopWorld(options: EmulatorOptions = {}): Promise<InteropWorld> {
  const emu = new IdentityCenterEmulator(options);
  await emu.start();
  const config = sessionProfileConfig({ profile: SESSION_PROFILE, session: SESSION_NAME, startUrl: START_URL }) +
    "\n" +
    legacyProfileConfig({ profile: LEGACY_PROFILE, startUrl: START_URL });
  const fixture = await makeSsoFixture(config);
  return {
    emu,
    fixture,
    env: peerEnv(fixture, emu.url),
    sessionPath: tokenCacheFilePath(fixture.cacheDir, SESSION_NAME),
    legacyPath: tokenCacheFilePath(fixture.cacheDir, START_URL),
    async stop() {
      await emu.stop();
      await fixture.cleanup();
    },
  };
}

export async function readCache(path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
}

export async function modeOf(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777;
}

/**
 * Moves the file's `expiresAt` into the past, as time passing would, leaving every other field
 * (and the file's mode: the file is rewritten in place) as it was.
 */
export async function expireCache(path: string): Promise<void> {
  const record = await readCache(path);
  record.expiresAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
  await writeFile(path, JSON.stringify(record));
}

/**
 * Our provider, in this process, on the world's files and emulator (a fresh one per call, so it
 * starts from the cache file as a new process would). Resolves its credentials and its log.
 */
export async function ourCredentials(
  world: InteropWorld,
  profile: string,
  extra: FromSSOInit = {},
): Promise<{ credentials?: SsoRoleCredentials; error?: Error; log: ReturnType<typeof recordingLogger>["lines"] }> {
  const logger = recordingLogger();
  const provider = fromSSO({
    profile,
    configFilepath: world.fixture.configPath,
    filepath: `${world.fixture.home}/.aws/credentials`,
    cacheDir: world.fixture.cacheDir,
    clientConfig: { endpoint: world.emu.url },
    logger,
    ...extra,
  });
  try {
    return { credentials: await provider(), log: logger.lines };
  } catch (error) {
    return { error: error as Error, log: logger.lines };
  }
}

/** The field names whose values are secrets: compared, never printed. */
export const SECRET_FIELDS = ["accessToken", "refreshToken", "clientSecret"] as const;

/** The record with its secrets masked, for diagnostics. */
export function redacted(record: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...record };
  for (const field of SECRET_FIELDS) if (field in copy) copy[field] = "***";
  return copy;
}

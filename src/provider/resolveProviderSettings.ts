import type { FromSSOInit } from "../FromSSOInit.js";
import { systemClock } from "../clock/systemClock.js";
import { libraryWords, type CallerWords } from "../errors/CallerWords.js";
import { InvalidOptionError } from "../errors/InvalidOptionError.js";
import { SecretSet } from "../logging/SecretSet.js";
import { HeldTokenStore } from "../token/HeldTokenStore.js";
import type { ProviderSettings } from "./ProviderSettings.js";

const DEFAULT_REFRESH_WINDOW_SECONDS = 300;
const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
const DEFAULT_STALE_MS = 10_000;
const DEFAULT_UPDATE_MS = 2_000;
const DEFAULT_WAIT_TIMEOUT_MS = 30_000;
const DEFAULT_PEER_REFRESH_WAIT_MS = 3_000;
/** After a failed refresh, callers with a valid token use it, and nobody tries again, for this long. */
const RETRY_AFTER_FAILURE_MS = 30_000;
/** The longest a refresh may delay callers whose cached token is still valid. */
const VALID_TOKEN_WAIT_MS = 2_000;
const DEFAULT_LOGIN_WAIT_TIMEOUT_MS = 600_000;

/**
 * Checks the options of `fromSSO` and fills in the defaults. Every numeric option must be a finite
 * number in its documented range; anything else is an {@link InvalidOptionError} naming the option,
 * the value and the range, thrown when `fromSSO()` is called rather than at the first request.
 */
export function resolveProviderSettings(init: FromSSOInit, words: CallerWords = libraryWords): ProviderSettings {
  if (typeof init !== "object" || init === null) {
    throw new InvalidOptionError({ option: "init", value: init, expected: "an options object" });
  }
  for (const option of ["profile", "configFilepath", "filepath", "ssoSession", "ssoStartUrl", "ssoAccountId", "ssoRegion", "ssoRoleName", "cacheDir", "homeDir"] as const) {
    const value = init[option];
    if (value !== undefined && typeof value !== "string") {
      throw new InvalidOptionError({ option, value, expected: "a string" });
    }
  }
  const refreshWindowSeconds = number(init.refreshWindowSeconds, "refreshWindowSeconds", 0, 3600, DEFAULT_REFRESH_WINDOW_SECONDS, "seconds");
  const requestTimeoutMs = number(init.requestTimeoutMs, "requestTimeoutMs", 100, 600_000, DEFAULT_REQUEST_TIMEOUT_MS, "milliseconds");
  const lock = init.lock ?? {};
  if (typeof lock !== "object" || lock === null || Array.isArray(lock)) {
    throw new InvalidOptionError({ option: "lock", value: lock, expected: "an object ({ staleMs, updateMs, waitTimeoutMs, peerRefreshWaitMs })" });
  }
  const staleMs = number(lock.staleMs, "lock.staleMs", 2000, 600_000, DEFAULT_STALE_MS, "milliseconds");
  // proper-lockfile's own rule: the holder touches the lock at least twice per staleMs.
  const updateMs = number(lock.updateMs, "lock.updateMs", 1000, staleMs / 2, Math.min(DEFAULT_UPDATE_MS, staleMs / 2), "milliseconds");
  const waitTimeoutMs = number(lock.waitTimeoutMs, "lock.waitTimeoutMs", 0, 3_600_000, DEFAULT_WAIT_TIMEOUT_MS, "milliseconds");
  const peerRefreshWaitMs = number(lock.peerRefreshWaitMs, "lock.peerRefreshWaitMs", 0, 60_000, DEFAULT_PEER_REFRESH_WAIT_MS, "milliseconds");
  const roleCredentialCache = init.roleCredentialCache ?? false;
  if (typeof roleCredentialCache !== "boolean" && (typeof roleCredentialCache !== "string" || roleCredentialCache === "")) {
    throw new InvalidOptionError({ option: "roleCredentialCache", value: roleCredentialCache, expected: "true, false or a directory path" });
  }
  for (const option of ["mfaCodeProvider", "roleAssumer"] as const) {
    const value = init[option];
    if (value !== undefined && typeof value !== "function") throw new InvalidOptionError({ option, value, expected: "a function" });
  }
  if (init.onLoginRequired !== undefined && init.onLoginRequired !== "throw" && init.onLoginRequired !== "wait") {
    throw new InvalidOptionError({ option: "onLoginRequired", value: init.onLoginRequired, expected: '"throw" or "wait"', defaultValue: "throw" });
  }
  const loginWaitTimeoutMs = number(init.loginWaitTimeoutMs, "loginWaitTimeoutMs", 0, 86_400_000, DEFAULT_LOGIN_WAIT_TIMEOUT_MS, "milliseconds");
  const clock = init.clock ?? systemClock;
  for (const method of ["now", "monotonic", "sleep"] as const) {
    if (typeof clock[method] !== "function") throw new InvalidOptionError({ option: "clock", value: clock, expected: "a Clock (now, monotonic, sleep)" });
  }
  const env = init.env ?? process.env;
  return {
    init,
    clock,
    env,
    words,
    refreshWindowMs: refreshWindowSeconds * 1000,
    requestTimeoutMs,
    retryAfterFailureMs: RETRY_AFTER_FAILURE_MS,
    validTokenWaitMs: VALID_TOKEN_WAIT_MS,
    peerRefreshWaitMs,
    lock: { staleMs, updateMs, waitTimeoutMs },
    heldTokens: new HeldTokenStore(HeldTokenStore.defaultDir(env)),
    secrets: new SecretSet(),
    roleCredentialCache,
    loginWaitTimeoutMs: init.onLoginRequired === "wait" ? loginWaitTimeoutMs : undefined,
  };
}

function number(value: unknown, option: string, min: number, max: number, defaultValue: number, unit: string): number {
  if (value === undefined) return defaultValue;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw new InvalidOptionError({ option, value, expected: `a number of ${unit} from ${min} to ${max}`, defaultValue });
  }
  return value;
}

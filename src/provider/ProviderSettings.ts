import type { FromSSOInit } from "../FromSSOInit.js";
import type { Clock } from "../clock/Clock.js";
import type { CallerWords } from "../errors/CallerWords.js";
import type { LockOptions } from "../lock/lockFile.js";
import type { SecretSet } from "../logging/SecretSet.js";
import type { HeldTokenStore } from "../token/HeldTokenStore.js";

/** The environment, as the provider reads it: `AWS_PROFILE`, `AWS_CONFIG_FILE`, `HOME`... */
export type Environment = Readonly<Record<string, string | undefined>>;

/** {@link FromSSOInit}, checked and with every default filled in: what the provider runs on. */
export interface ProviderSettings {
  /** The options as given: the SSO overrides, paths, clients and client config are read from here. */
  readonly init: FromSSOInit;
  readonly clock: Clock;
  readonly env: Environment;
  /** How errors name settings: option names for the library, flags for the CLI. */
  readonly words: CallerWords;
  readonly refreshWindowMs: number;
  readonly requestTimeoutMs: number;
  /** After a failed refresh, the next one waits this long (monotonic time). */
  readonly retryAfterFailureMs: number;
  /** While the cached token is valid, a refresh delays callers this long at most. */
  readonly validTokenWaitMs: number;
  readonly peerRefreshWaitMs: number;
  readonly lock: LockOptions;
  /** Where a token the cache cannot take is kept, for every provider of ours. */
  readonly heldTokens: HeldTokenStore;
  /** The secret values this provider has handled, cleaned out of what the SDK clients log. */
  readonly secrets: SecretSet;
  /** The shared role credential cache: off, the AWS CLI's (`~/.aws/cli/cache`), or a directory. */
  readonly roleCredentialCache: false | true | string;
  /** `onLoginRequired: "wait"`: how long to wait for a login; undefined: throw at once. */
  readonly loginWaitTimeoutMs: number | undefined;
}

import type { Logger } from "@smithy/types";

import type { Clock } from "../clock/Clock.js";
import type { ResolvedCredentials } from "../provider/CredentialResolver.js";
import type { CredentialSource } from "./CredentialSource.js";
import { ServedCredentials } from "./ServedCredentials.js";

/**
 * After a failed fetch with nothing to serve, requests get the same error for this long without a new
 * attempt: a consumer retrying (botocore and the JS SDK try 3 or 4 times, a second apart) or 200 of
 * them at once cost IAM Identity Center one call, not one each.
 */
export const FAILURE_HOLD_MS = 2_000;

/** After a failed background renewal, the next waits at least this long... */
const RETRY_MIN_MS = 1_000;
/** ...and at most this long. */
const RETRY_MAX_MS = 30_000;

export interface RenewingCredentialsOptions {
  profileName: string;
  source: CredentialSource;
  clock: Clock;
  logger?: Logger;
  /** Credentials already fetched for this profile (by `exec --serve`, before it started the endpoint): served first. */
  initial?: ResolvedCredentials;
}

/**
 * The credentials the endpoint serves for one profile. Requests never wait while there are usable
 * credentials: past their renewal time the current ones are still served while new ones are fetched
 * in the background (one fetch at a time, whatever the number of requests). Only with nothing usable
 * does a request wait for the fetch, and get its error if it fails.
 */
export class RenewingCredentials {
  readonly profileName: string;
  readonly #source: CredentialSource;
  readonly #clock: Clock;
  readonly #logger: Logger | undefined;
  #current: ServedCredentials | undefined;
  #fetching: Promise<ServedCredentials> | undefined;
  /** The last failure, and until when (monotonic) requests with nothing to serve get it without a new attempt. */
  #failure: { error: unknown; heldUntil: number } | undefined;
  /** No background renewal before this (monotonic): set after one failed. */
  #retryAt = Number.NEGATIVE_INFINITY;
  /** The message of the last failure warned about: the same one is not repeated on every retry. */
  #warned: string | undefined;

  constructor(options: RenewingCredentialsOptions) {
    this.profileName = options.profileName;
    this.#source = options.source;
    this.#clock = options.clock;
    this.#logger = options.logger;
    if (options.initial !== undefined) this.#current = new ServedCredentials(options.initial, this.#clock.now());
  }

  /**
   * The credentials to serve now. Synchronous (no promise made) while the current ones are usable,
   * which is every request but the first and those after credentials ran out.
   */
  get(): ServedCredentials | Promise<ServedCredentials> {
    const current = this.#current;
    if (current !== undefined) {
      const now = this.#clock.now();
      if (now < current.renewAt) return current;
      if (now < current.usableUntil) {
        this.#renewInBackground();
        return current;
      }
      // The last attempt could not replace them (the service is down) and they have not expired: they
      // are still the best answer until the next attempt is due, which spares the service a call per request.
      if (now < current.expiresAt && this.#clock.monotonic() < this.#retryAt) return current;
    }
    const failure = this.#failure;
    if (failure !== undefined && this.#clock.monotonic() < failure.heldUntil) return Promise.reject(failure.error);
    return this.#fetch();
  }

  /** Fetches the first credentials (the endpoint's warm-up); rejects with the reason there are none. */
  warm(): Promise<ServedCredentials> {
    const served = this.get();
    return served instanceof ServedCredentials ? Promise.resolve(served) : served;
  }

  #renewInBackground(): void {
    if (this.#fetching !== undefined || this.#clock.monotonic() < this.#retryAt) return;
    this.#fetch().catch(() => undefined);
  }

  #fetch(): Promise<ServedCredentials> {
    this.#fetching ??= this.#fetchOnce().finally(() => {
      this.#fetching = undefined;
    });
    return this.#fetching;
  }

  async #fetchOnce(): Promise<ServedCredentials> {
    const previous = this.#current;
    try {
      // The first time, whatever the resolver has; after that, new credentials: the resolver's own memo
      // renews later than the endpoint must (see renewalTimes).
      const resolved = await this.#source.resolve(this.profileName, previous === undefined ? undefined : { forceRefresh: true });
      if (previous !== undefined && previous.isFrom(resolved)) {
        // The resolver could not get new ones and kept what it had (it warned, with the reason).
        this.#retryAt = this.#clock.monotonic() + this.#retryDelay(previous);
        return previous;
      }
      const served = new ServedCredentials(resolved, this.#clock.now());
      this.#current = served;
      this.#failure = undefined;
      this.#retryAt = Number.NEGATIVE_INFINITY;
      this.#warned = undefined;
      this.#logger?.debug?.(`new credentials for profile "${this.profileName}", valid until ${new Date(served.expiresAt).toISOString()}`);
      return served;
    } catch (error) {
      const monotonic = this.#clock.monotonic();
      this.#failure = { error, heldUntil: monotonic + FAILURE_HOLD_MS };
      const current = this.#current;
      const usable = current !== undefined && this.#clock.now() < current.usableUntil;
      if (usable) this.#retryAt = monotonic + this.#retryDelay(current);
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.#warned) {
        this.#warned = message;
        const still = usable ? ` Serving the current ones until ${new Date(current.usableUntil).toISOString()}.` : "";
        this.#logger?.warn?.(`could not get credentials for profile "${this.profileName}": ${message}${still}`);
      }
      throw error;
    }
  }

  /** A quarter of the time the current credentials remain usable, within 1 to 30 seconds. */
  #retryDelay(current: ServedCredentials): number {
    return Math.min(RETRY_MAX_MS, Math.max(RETRY_MIN_MS, (current.usableUntil - this.#clock.now()) / 4));
  }
}

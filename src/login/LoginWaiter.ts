import type { Logger } from "@smithy/types";

import type { Clock } from "../clock/Clock.js";
import type { LoginTarget } from "../errors/LoginTarget.js";
import { LoginWaitTimeoutError } from "../errors/LoginWaitTimeoutError.js";
import { SsoLoginRequiredError } from "../errors/SsoLoginRequiredError.js";
import type { CachedSsoToken } from "../token/CachedSsoToken.js";
import { readTokenFile } from "../token/readTokenFile.js";
import { LOG_PREFIX } from "../logging/logPrefix.js";

export interface LoginWaiterOptions {
  clock: Clock;
  /** How long one wait for a login may last. */
  timeoutMs: number;
}

/** What a wait is about: the token file the provider reads, and whom it belongs to. */
export interface LoginWaitContext {
  path: string;
  target: LoginTarget;
  logger: Logger | undefined;
}

/** How often the token file is looked at while waiting: a login is a human's pace. */
const POLL_MS = 1000;

/**
 * `fromSSO({ onLoginRequired: "wait" })`: when the provider meets an error only a login can fix, it
 * says so (the message names the login command) and watches the token cache until a new token is
 * there (written by `aws-sso-creds login`, `login()`, or the AWS CLI's `aws sso login`), then tries
 * once more, instead of throwing at once. The wait is bounded by `loginWaitTimeoutMs`; then the error
 * is a `LoginWaitTimeoutError` whose cause is the original one.
 *
 * Callers waiting for the same file share one wait. The command is logged once per dead token, not
 * once per call, so a program that keeps calling does not repeat it.
 */
export class LoginWaiter {
  readonly #options: LoginWaiterOptions;
  readonly #waits = new Map<string, Promise<void>>();
  readonly #announced = new Set<string>();
  readonly #closing = new AbortController();

  constructor(options: LoginWaiterOptions) {
    this.#options = options;
  }

  /** After `error`: if only a login fixes it, waits for one, then runs `retry`. Any other error is thrown again. */
  async afterLoginRequired<T>(error: unknown, context: LoginWaitContext, retry: () => Promise<T>): Promise<T> {
    if (!(error instanceof SsoLoginRequiredError) || this.#closing.signal.aborted) throw error;
    let wait = this.#waits.get(context.path);
    if (wait === undefined) {
      wait = this.#wait(error, context).finally(() => this.#waits.delete(context.path));
      this.#waits.set(context.path, wait);
    }
    await wait;
    return retry();
  }

  /** Ends every wait (their callers get the closing reason): a short-lived process may then exit. */
  close(): void {
    this.#closing.abort(new Error("the credential provider was closed while waiting for a login"));
  }

  async #wait(error: SsoLoginRequiredError, context: LoginWaitContext): Promise<void> {
    const { clock, timeoutMs } = this.#options;
    const { path, target, logger } = context;
    const seen = await readTokenFile(path, target).catch(() => undefined);
    const key = `${path}\n${seen?.expiresAt.toISOString() ?? "none"}`;
    if (!this.#announced.has(key)) {
      this.#announced.add(key);
      logger?.warn?.(`${LOG_PREFIX} ${error.message} (waiting up to ${Math.round(timeoutMs / 1000)} s for that login: a new token in ${path})`);
    } else {
      logger?.debug?.(`${LOG_PREFIX} still waiting for a login (a new token in ${path})`);
    }
    const started = clock.monotonic();
    for (;;) {
      const token = await readTokenFile(path, target).catch(() => undefined);
      if (token !== undefined && isNew(token, seen) && token.expiresAt.getTime() > clock.now()) {
        logger?.info?.(`${LOG_PREFIX} a new SSO token is in ${path}, valid until ${token.expiresAt.toISOString()}; going on`);
        return;
      }
      const waited = clock.monotonic() - started;
      if (waited >= timeoutMs) throw new LoginWaitTimeoutError({ target, path, waitedMs: Math.round(waited), cause: error });
      await clock.sleep(Math.min(POLL_MS, timeoutMs - waited), this.#closing.signal);
    }
  }
}

function isNew(token: CachedSsoToken, seen: CachedSsoToken | undefined): boolean {
  return seen === undefined || !token.sameAs(seen);
}

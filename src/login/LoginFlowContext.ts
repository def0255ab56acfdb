import type { SSOOIDCClient } from "@aws-sdk/client-sso-oidc";
import type { Logger } from "@smithy/types";

import type { Clock } from "../clock/Clock.js";
import type { CallerWords } from "../errors/CallerWords.js";
import type { LockOptions } from "../lock/lockFile.js";
import type { LoginPrompt } from "./LoginPrompt.js";
import type { LoginSession } from "./LoginSession.js";
import type { BrowserOpenOutcome } from "./openInBrowser.js";

/** What either login flow runs on. */
export interface LoginFlowContext {
  readonly session: LoginSession;
  /** `~/.aws/sso/cache`: the registration is cached there. */
  readonly cacheDir: string;
  readonly oidc: SSOOIDCClient;
  readonly clock: Clock;
  /** Bound on each SSO OIDC call, SDK retries included. */
  readonly requestTimeoutMs: number;
  readonly lock: LockOptions;
  readonly logger: Logger | undefined;
  readonly signal: AbortSignal | undefined;
  readonly words: CallerWords | undefined;
  /** Open the browser at the login's URL (else the URL is only shown). */
  readonly openBrowser: boolean;
  readonly browser: (url: string) => Promise<BrowserOpenOutcome>;
  readonly prompt: (prompt: LoginPrompt) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

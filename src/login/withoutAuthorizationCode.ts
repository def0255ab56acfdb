import type { Logger } from "@smithy/types";

/**
 * A logger for the login's SSO OIDC client that hides the authorization code of a CreateToken call.
 * The SDK logs each call's input with its model's sensitive members masked (the client secret, the
 * code verifier), but the model does not mark `code`; with PKCE it is useless without the verifier,
 * yet it has no business in a log either. Every other entry passes as it is (to `redactingLogger`).
 */
export function withoutAuthorizationCode(logger: Logger): Logger {
  const forward =
    (level: keyof Logger) =>
    (...content: unknown[]): void => {
      const method = logger[level] as ((...args: unknown[]) => void) | undefined;
      method?.apply(logger, content.map(hideCode));
    };
  return { trace: forward("trace"), debug: forward("debug"), info: forward("info"), warn: forward("warn"), error: forward("error") };
}

function hideCode(entry: unknown): unknown {
  if (typeof entry !== "object" || entry === null) return entry;
  const { commandName, input } = entry as { commandName?: unknown; input?: unknown };
  if (commandName !== "CreateTokenCommand" || typeof input !== "object" || input === null || !("code" in input)) return entry;
  return { ...entry, input: { ...input, code: "[redacted]" } };
}

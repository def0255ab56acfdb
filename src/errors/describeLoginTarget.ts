import type { LoginTarget } from "./LoginTarget.js";

/** `sso-session "my-sso"`, `profile "legacy"`, or `the configured start URL`: what a login is for, in a message. */
export function describeLoginTarget(target: LoginTarget): string {
  if (target.ssoSession !== undefined) return `sso-session "${target.ssoSession}"`;
  if (target.profile !== undefined) return `profile "${target.profile}"`;
  return "the configured start URL";
}

import type { LoginTarget } from "./LoginTarget.js";

/** The commands that log in for a target: this package's own, and the AWS CLI v2's, with the same scope. */
export interface LoginCommands {
  /** `aws-sso-creds login --sso-session S` (or `--profile P` for a legacy profile). */
  ours: string;
  /** `aws sso login --sso-session S` (AWS CLI v2 only; v1 has no `sso login`). */
  awsCli: string;
}

/** Both login commands for `target`: `--sso-session S` for session profiles, `--profile P` for legacy ones. */
export function loginCommands(target: LoginTarget): LoginCommands {
  let scope = "";
  if (target.ssoSession !== undefined) scope = ` --sso-session ${shellWord(target.ssoSession)}`;
  else if (target.profile !== undefined) scope = ` --profile ${shellWord(target.profile)}`;
  return { ours: `aws-sso-creds login${scope}`, awsCli: `aws sso login${scope}` };
}

/**
 * The fix an error message ends with: our command first (it needs only Node.js), then the AWS CLI
 * v2's. The AWS CLI's comes last, so a message still ends with the exact `aws sso login …` command.
 */
export function loginFixCommand(target: LoginTarget): string {
  const { ours, awsCli } = loginCommands(target);
  return `${ours}, or with the AWS CLI v2: ${awsCli}`;
}

function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:@%+=-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

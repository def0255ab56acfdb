/** Which login fixes a missing or dead token: the session's for `sso_session` profiles, the profile's for legacy ones. */
export interface LoginTarget {
  profile?: string;
  ssoSession?: string;
}

/** The exact AWS CLI command that creates a fresh token for this profile or session. */
export function loginCommand(target: LoginTarget): string {
  if (target.ssoSession !== undefined) return `aws sso login --sso-session ${shellWord(target.ssoSession)}`;
  if (target.profile !== undefined) return `aws sso login --profile ${shellWord(target.profile)}`;
  return "aws sso login";
}

function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:@%+=-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * What `status` reports (and prints with `--json`). Read from the config and the token cache
 * only: nothing is refreshed, nothing goes to the network, and no token or secret is included.
 */
export interface SsoStatusReport {
  /** When the report was made (ISO 8601); the basis of every `expiresInSeconds`. */
  checkedAt: string;
  configFile: string;
  /** False when the config file does not exist (then there are no profiles, and the table says how to create it). */
  configFileExists: boolean;
  cacheDir: string;
  sessions: SessionStatus[];
  profiles: ProfileStatus[];
  /** When the AWS SDK stops supporting the running Node.js, in one line; null when it has announced no end. */
  nodeSupport: string | null;
}

/** The state of a cached SSO token. */
export type TokenState = "valid" | "expired" | "missing" | "unusable";

/** One token cache file: an `[sso-session]`, or the start URL of legacy profiles. */
export interface SessionStatus {
  /** The `[sso-session NAME]`; null for the token of legacy profiles (keyed by start URL). */
  ssoSession: string | null;
  startUrl: string | null;
  ssoRegion: string | null;
  cacheFile: string;
  token: TokenState;
  expiresAt: string | null;
  /** Negative once expired. */
  expiresInSeconds: number | null;
  /** Whether the provider can refresh the token without a login: a refresh token and a valid client registration. */
  canRefresh: boolean;
  /** Why it cannot, when it cannot: "legacy profile", "no refresh token", "client registration expired", "not logged in", "unusable cache file". */
  refreshBlocker: string | null;
  registrationExpiresAt: string | null;
  /** The token is missing or unusable, or expired and cannot be refreshed. */
  needsLogin: boolean;
  /** The command that makes a new token: `aws-sso-creds login --sso-session S` (`--profile P` for legacy tokens). */
  loginCommand: string;
  /** The AWS CLI v2's command for the same login: `aws sso login --sso-session S`. */
  awsCliLoginCommand: string;
  /** How a login can be done: `pkce` (a browser on this machine) and `device` (a code, any device); legacy profiles: `device` only. */
  loginFlows: ("pkce" | "device")[];
  /** What is wrong with an unusable cache file. */
  problem: string | null;
  /** The profiles using this token. */
  profiles: string[];
}

/** One SSO profile of the config, or a profile that assumes a role from one (`role_arn` + `source_profile`). */
export interface ProfileStatus {
  profile: string;
  /** The role a chained profile assumes; null for an SSO profile. */
  roleArn: string | null;
  /** For a chained profile, the profiles its credentials come through, down to the SSO profile; else empty. */
  via: string[];
  ssoSession: string | null;
  startUrl: string | null;
  ssoRegion: string | null;
  accountId: string | null;
  roleName: string | null;
  region: string | null;
  /** What is wrong with the profile's configuration, when something is. */
  error: string | null;
}

import type { SsoProfile } from "./SsoProfile.js";

/** One profile of a chain that assumes a role (`role_arn`) with the credentials of its `source_profile`. */
export interface AssumeRoleHop {
  profileName: string;
  roleArn: string;
  /** `role_session_name`; undefined: a name is made up for each call. */
  roleSessionName: string | undefined;
  externalId: string | undefined;
  /** `mfa_serial`: the MFA device whose code AssumeRole needs. */
  mfaSerial: string | undefined;
  /** `duration_seconds`, when set. */
  durationSeconds: number | undefined;
  /** The profile's `region`: where its STS call goes. */
  region: string | undefined;
  /** `[profile NAME] in PATH`, for messages. */
  source: string;
}

/**
 * What credentials for a profile take: an SSO profile (the root), then, for a profile that chains
 * from one through `role_arn` + `source_profile`, one AssumeRole per profile on the way.
 * A plain SSO profile is a chain without hops.
 */
export interface ProfileChain {
  /** The profile asked for; undefined when the options alone describe the SSO account and role. */
  profileName: string | undefined;
  /** The `region` of the profile asked for (where its AWS calls go). */
  region: string | undefined;
  root: SsoProfile;
  /** The roles to assume, in order: the first with the root's credentials, the last is the profile asked for. */
  hops: readonly AssumeRoleHop[];
}

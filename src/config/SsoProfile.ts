/** Everything the provider needs to know about one SSO profile, validated. */
export interface SsoProfile {
  /** The profile's name; undefined when the options alone described the SSO account and role. */
  profileName: string | undefined;
  /** The `[sso-session NAME]` the profile uses; undefined for legacy profiles (`sso_start_url` in the profile). */
  ssoSession: string | undefined;
  startUrl: string;
  ssoRegion: string;
  accountId: string;
  roleName: string;
  /** The profile's own `region` (where its AWS calls go), when set. */
  region: string | undefined;
  /** The token cache key: the session name, or the start URL for legacy profiles. */
  cacheKey: string;
  /** Where the values came from, for messages: `[profile dev] in /home/me/.aws/config`. */
  source: string;
}

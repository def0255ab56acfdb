/** Which login fixes a missing or dead token: the session's for `sso_session` profiles, the profile's for legacy ones. */
export interface LoginTarget {
  profile?: string;
  ssoSession?: string;
}

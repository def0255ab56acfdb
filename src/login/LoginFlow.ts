/**
 * How a login gets the user's consent:
 * - `pkce`: the authorization code grant with PKCE; a browser on this machine signs in and is
 *   redirected to a loopback server (the AWS CLI v2's default for `[sso-session]` profiles);
 * - `device`: the device authorization grant; the user enters a code on any device (the only flow
 *   for legacy profiles, and `--use-device-code`).
 */
export type LoginFlow = "pkce" | "device";

/** Loopback IP literals as URL hostnames (RFC 8252 §7.3 names the IP literals, not `localhost`). */
const LOOPBACK_HOSTS: readonly string[] = Object.freeze(["127.0.0.1", "[::1]"]);

/**
 * Whether `requested` (given at /authorize or CreateToken) is allowed by the `registered` redirect
 * URI. Exact string match, except for loopback IP redirects (RFC 8252 §7.3): any port is accepted
 * for `http://127.0.0.1/...` or `http://[::1]/...`, so the AWS CLI's registration
 * `http://127.0.0.1/oauth/callback` matches `http://127.0.0.1:54321/oauth/callback`.
 */
export function redirectUriMatches(registered: string, requested: string): boolean {
  if (registered === requested) return true;
  if (!URL.canParse(registered) || !URL.canParse(requested)) return false;
  const a = new URL(registered);
  const b = new URL(requested);
  if (a.protocol !== "http:" || b.protocol !== "http:" || !LOOPBACK_HOSTS.includes(a.hostname)) return false;
  return a.hostname === b.hostname && a.pathname === b.pathname && a.search === b.search && a.username === "" && b.username === "" && b.hash === "";
}

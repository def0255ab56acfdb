/**
 * The path at which the endpoint serves a profile's credentials: `/profiles/<name>`, the name
 * percent-encoded (`/profiles/dev`, `/profiles/team%2Fprod`). The same on every run, so a recipe can
 * name it; only the port and the token change.
 */
export function profilePath(profileName: string): string {
  return `/profiles/${encodeURIComponent(profileName)}`;
}

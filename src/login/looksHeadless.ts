/**
 * Whether a browser opened here is likely not in front of the user: an SSH session (`SSH_CONNECTION`,
 * `SSH_CLIENT`, `SSH_TTY`), or a Linux/BSD machine without a display (no `DISPLAY`, no `WAYLAND_DISPLAY`).
 * The PKCE login then suggests the device code flow, which works from any device.
 */
export function looksHeadless(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform = process.platform): boolean {
  if (env.SSH_CONNECTION || env.SSH_CLIENT || env.SSH_TTY) return true;
  if (platform === "darwin" || platform === "win32") return false;
  return !env.DISPLAY && !env.WAYLAND_DISPLAY;
}

import { readFileSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";

const PACKAGE_NAME = "aws-sso-credential-provider";

/**
 * The version in this package's package.json, found by walking up from the running script
 * (`dist/cjs/cli/bin.js`, through npm's bin link). "unknown" if it cannot be found.
 */
export function findPackageVersion(scriptPath: string | undefined): string {
  if (scriptPath === undefined) return "unknown";
  let dir: string;
  try {
    dir = dirname(realpathSync(scriptPath));
  } catch {
    return "unknown";
  }
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: unknown; version?: unknown };
      if (manifest.name === PACKAGE_NAME && typeof manifest.version === "string") return manifest.version;
    } catch {
      // No package.json here, or not ours: keep going up.
    }
    const parent = dirname(dir);
    if (parent === dir) return "unknown";
    dir = parent;
  }
}

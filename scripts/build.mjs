// Builds the ESM and CommonJS outputs with tsc, so the package loads from both `import` and `require`.
// Each build goes to a fresh temporary directory that replaces dist/ only when complete, so a
// process reading dist/ (a test's child process, a second build) never sees half a build.
import { execFileSync } from "node:child_process";
import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const tsc = require.resolve("typescript/bin/tsc");

const staging = mkdtempSync(".dist-");
try {
  for (const [project, out] of [
    ["tsconfig.build.json", "esm"],
    ["tsconfig.cjs.json", "cjs"],
  ]) {
    execFileSync(process.execPath, [tsc, "-p", project, "--outDir", join(staging, out)], { stdio: "inherit" });
  }
  // The package is "type": "module"; this marks the CommonJS tree as CommonJS.
  writeFileSync(join(staging, "cjs", "package.json"), JSON.stringify({ type: "commonjs" }) + "\n");
  const old = `${staging}-old`;
  try {
    renameSync("dist", old);
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
  }
  renameSync(staging, "dist");
  rmSync(old, { recursive: true, force: true });
} finally {
  rmSync(staging, { recursive: true, force: true });
}

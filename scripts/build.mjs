// Builds the package: one CommonJS implementation (dist/cjs, tsc) and a thin ES module wrapper
// (dist/esm/index.js) that re-exports it by name.
//
// Why one implementation: `import` and `require` then get the same module, so there is no second
// copy of the error classes (no "dual package hazard": `instanceof` holds whichever way the package
// was loaded), and the ESM entry loads as fast as CommonJS. Measured here, a separate ESM build made
// a fresh process about 25 ms slower: Node's ESM loader links each of its ~40 modules one by one,
// and it scans the SDK's CommonJS packages for exports on every import().
//
// The build goes to a fresh temporary directory that replaces dist/ only when complete, so a
// process reading dist/ (a test's child process, a second build) never sees half a build.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

const require = createRequire(import.meta.url);
const tsc = require.resolve("typescript/bin/tsc");

const staging = mkdtempSync(".dist-");
try {
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--outDir", join(staging, "cjs")], { stdio: "inherit" });
  // The package is "type": "module"; this marks the implementation as CommonJS.
  writeFileSync(join(staging, "cjs", "package.json"), JSON.stringify({ type: "commonjs" }) + "\n");

  const names = Object.keys(require(resolve(staging, "cjs", "index.js"))).filter((name) => name !== "__esModule").sort();
  mkdirSync(join(staging, "esm"));
  writeFileSync(
    join(staging, "esm", "index.js"),
    `// The ES module entry: the CommonJS implementation, re-exported by name.\n` +
      `import implementation from "../cjs/index.js";\n\n` +
      `export const {\n${names.map((name) => `  ${name},`).join("\n")}\n} = implementation;\n`,
  );
  writeFileSync(join(staging, "esm", "index.d.ts"), `export * from "../cjs/index.js";\n`);

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

// Builds the package: ONE CommonJS bundle of our own code (dist/cjs/index.js, esbuild), the type
// declarations beside it (tsc), a two-line bin (dist/cjs/cli/bin.js) and a thin ES module wrapper
// (dist/esm/index.js) that re-exports the bundle by name.
//
// Why one bundle: a fresh process loading 40-odd small modules spends about 10 ms resolving, reading
// and compiling them one by one (measured by `npm run bench`, fresh-process part); one file is one
// read and one compile. The SDK packages and proper-lockfile stay external dependencies, loaded with
// import() where they are first needed, so a process that finds its credentials in the role cache
// never loads an SDK client. Nothing is minified and no source map is published: stack traces name
// our functions and point at readable lines of dist/cjs/index.js.
//
// Why one implementation for both module systems: `import` and `require` then get the same module, so
// there is no second copy of the error classes (no "dual package hazard": `instanceof` holds whichever
// way the package was loaded), and the ESM entry loads as fast as CommonJS. The CLI is in the same
// bundle, so the CLI and the library share every class too: the bin only loads the bundle, which runs
// the CLI when that bin is the process's main module.
//
// The build goes to a fresh temporary directory that replaces dist/ only when complete, so a
// process reading dist/ (a test's child process, a second build) never sees half a build.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

import { build } from "esbuild";

const require = createRequire(import.meta.url);
const tsc = require.resolve("typescript/bin/tsc");

const staging = mkdtempSync(".dist-");
try {
  // Declarations only: the JavaScript is the bundle's.
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--emitDeclarationOnly", "--outDir", join(staging, "cjs")], { stdio: "inherit" });

  await build({
    stdin: {
      contents: [
        `export * from "./index.js";`,
        `// dist/cjs/cli/bin.js only loads this bundle: when it is the process's main module, this is the CLI.`,
        `// Imported only then: a program that imports the library never initializes the CLI's modules`,
        `// (the commands, the credentials endpoint, node:http...).`,
        `if (require.main !== undefined && require.main.filename === require("node:path").join(__dirname, "cli", "bin.js")) {`,
        `  void import("./cli/runCliProcess.js").then(({ runCliProcess }) => runCliProcess());`,
        `}`,
      ].join("\n"),
      resolveDir: resolve("src"),
      sourcefile: "src/package-entry.ts",
      loader: "ts",
    },
    outfile: join(staging, "cjs", "index.js"),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    // import() of a dependency becomes require() at the moment it is needed: still lazy, and without
    // Node's ESM loader, which would scan each SDK package for its export names first (measured: the
    // first GetRoleCredentials of a fresh process about 50 ms later).
    supported: { "dynamic-import": false },
    // Every dependency (the SDK packages, proper-lockfile) stays a require()/import() of the installed package.
    packages: "external",
    minify: false,
    sourcemap: false,
    legalComments: "none",
    logLevel: "warning",
  });
  // The package is "type": "module"; this marks the implementation as CommonJS.
  writeFileSync(join(staging, "cjs", "package.json"), JSON.stringify({ type: "commonjs" }) + "\n");
  mkdirSync(join(staging, "cjs", "cli"), { recursive: true });
  const bin = join(staging, "cjs", "cli", "bin.js");
  writeFileSync(
    bin,
    `#!/usr/bin/env node\n"use strict";\n// aws-sso-creds: the CLI is in the package's bundle, beside the library (one copy of every class).\nrequire("../index.js");\n`,
  );
  chmodSync(bin, 0o755);

  const names = Object.keys(require(resolve(staging, "cjs", "index.js"))).filter((name) => name !== "__esModule").sort();
  mkdirSync(join(staging, "esm"));
  writeFileSync(
    join(staging, "esm", "index.js"),
    `// The ES module entry: the CommonJS implementation, re-exported by name. Loaded with require, not\n` +
      `// \`import\`: Node would scan the whole bundle for its export names first (about 9 ms), for nothing.\n` +
      `import { createRequire } from "node:module";\n\n` +
      `const implementation = createRequire(import.meta.url)("../cjs/index.js");\n\n` +
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

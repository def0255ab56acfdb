// The package as a user gets it: `npm pack`, installed into an empty project next to nothing else, then
// used from ES modules, CommonJS and TypeScript (node16/nodenext and bundler resolution), and through
// its installed `aws-sso-creds` bin. What the repository's own dist/ does is not what this checks: a file
// left out of "files", a runtime import of a devDependency or a wrong "exports" path fails here only.
//
// One pack and one install serve every case. The install takes the package's dependencies from the
// local npm cache that `npm ci` filled (--prefer-offline); what is not there comes from the registry.
// `npm run build` first (npm test does): the pack does not build.
import assert from "node:assert/strict";
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";

import { cliWorld, PACKAGE_ROOT } from "./cli/cliHarness.js";

const NAME = "aws-sso-credential-provider";
const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string; bin: Record<string, string> };
const TSC = join(PACKAGE_ROOT, "node_modules", "typescript", "bin", "tsc");
/** Packing, installing and type-checking on a loaded 2-core machine. */
const SLOW = { timeout: 300_000 };

let work: string;
/** The temporary project the tarball is installed into. */
let consumer: string;
let packedFiles: string[];

function npm(args: string[], cwd: string): string {
  return execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: consumer, encoding: "utf8" }).trim();
}

before(() => {
  if (!existsSync(join(PACKAGE_ROOT, "dist", "cjs", "index.js"))) throw new Error("dist/ is missing: run `npm run build` first (npm test does)");
  work = mkdtempSync(join(tmpdir(), "package-test-"));
  const packed = JSON.parse(npm(["pack", "--json", "--ignore-scripts", "--pack-destination", work], PACKAGE_ROOT)) as {
    filename: string;
    files: { path: string }[];
  }[];
  const tarball = join(work, packed[0]!.filename);
  packedFiles = packed[0]!.files.map((file) => file.path).sort();

  consumer = join(work, "consumer");
  mkdirSync(consumer);
  writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }) + "\n");
  npm(["install", tarball, "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], consumer);
}, SLOW);

after(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

test("the tarball: the build, README, LICENSE and package.json; no sources, no tests, no source maps", () => {
  for (const file of ["LICENSE", "README.md", "package.json", "dist/cjs/index.js", "dist/cjs/index.d.ts", "dist/esm/index.js", "dist/esm/index.d.ts", "dist/cjs/cli/bin.js"]) {
    assert.ok(packedFiles.includes(file), `${file} is not in the tarball`);
  }
  const strays = packedFiles.filter((file) => !/^(LICENSE|README\.md|package\.json|dist\/.+\.(js|d\.ts)|dist\/cjs\/package\.json)$/.test(file));
  assert.deepEqual(strays, [], "files that have no business in the tarball");
  const installed = join(consumer, "node_modules", NAME);
  const mapped = packedFiles.filter((file) => file.endsWith(".js") && readFileSync(join(installed, file), "utf8").includes("sourceMappingURL"));
  assert.deepEqual(mapped, [], "files that point at a source map the tarball does not have");
});

test("import from an ES module: the installed copy, every export a value, the same names as require", () => {
  writeFileSync(
    join(consumer, "esm.mjs"),
    `import { fromSSO, SsoTokenNotFoundError } from "${NAME}";
import * as all from "${NAME}";
import { createRequire } from "node:module";
const cjs = createRequire(import.meta.url)("${NAME}");
console.log(JSON.stringify({
  resolved: import.meta.resolve("${NAME}"),
  types: [typeof fromSSO, typeof SsoTokenNotFoundError],
  esmNames: Object.keys(all).sort(),
  cjsNames: Object.keys(cjs).filter((name) => name !== "__esModule").sort(),
  sameClasses: fromSSO === cjs.fromSSO && SsoTokenNotFoundError === cjs.SsoTokenNotFoundError,
}));
`,
  );
  const got = JSON.parse(node(["esm.mjs"])) as { resolved: string; types: string[]; esmNames: string[]; cjsNames: string[]; sameClasses: boolean };
  assert.ok(got.resolved.startsWith(`file://${consumer}/node_modules/${NAME}/dist/esm/`), got.resolved);
  assert.deepEqual(got.types, ["function", "function"]);
  assert.deepEqual(got.esmNames, got.cjsNames);
  assert.ok(got.esmNames.length > 10 && got.esmNames.includes("SsoCredentialsError"), got.esmNames.join(","));
  assert.equal(got.sameClasses, true, "import and require must get one implementation, so instanceof holds across both");
});

test("require from CommonJS: the installed copy, the error classes are subclasses of the base class", () => {
  writeFileSync(
    join(consumer, "cjs.cjs"),
    `const m = require("${NAME}");
console.log(JSON.stringify({
  resolved: require.resolve("${NAME}"),
  fromSSO: typeof m.fromSSO,
  subclass: m.SsoTokenNotFoundError.prototype instanceof m.SsoCredentialsError,
}));
`,
  );
  const got = JSON.parse(node(["cjs.cjs"])) as { resolved: string; fromSSO: string; subclass: boolean };
  assert.equal(got.resolved, join(consumer, "node_modules", NAME, "dist", "cjs", "index.js"));
  assert.equal(got.fromSSO, "function");
  assert.equal(got.subclass, true);
});

test("loading the package loads no SDK client and no lock library until credentials are asked for", () => {
  const loaded = node(["-e", `require("${NAME}"); console.log(Object.keys(require.cache).filter((p) => /client-sso|proper-lockfile/.test(p)).length)`]);
  assert.equal(loaded, "0");
});

// What a TypeScript user writes: the provider as an SDK credentials provider, an error class in a
// catch, and a mistake the types must catch (so they are the package's own and not `any`).
const CONSUMER_TS = `import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { fromSSO, SsoCredentialsError, SsoTokenNotFoundError, type FromSSOInit } from "${NAME}";

const init: FromSSOInit = { profile: "dev" };
export const provider: AwsCredentialIdentityProvider = fromSSO(init);
export function needsLogin(error: unknown): boolean {
  return error instanceof SsoTokenNotFoundError && error instanceof SsoCredentialsError;
}
// @ts-expect-error profile is a string
fromSSO({ profile: 42 });
`;

// ES module (.mts) and CommonJS (.cts) consumers each get their own condition's types.
const RESOLUTIONS = [
  { name: "nodenext", module: "nodenext", files: ["consumer.mts", "consumer.cts"] },
  { name: "node16", module: "node16", files: ["consumer.mts", "consumer.cts"] },
  { name: "bundler", module: "esnext", files: ["consumer.ts"] },
];

test(`TypeScript, moduleResolution ${RESOLUTIONS.map(({ name }) => name).join(", ")}: a consumer type-checks against the installed declarations`, SLOW, () => {
  const projects = RESOLUTIONS.map((resolution) => {
    const dir = join(consumer, `ts-${resolution.name}`);
    mkdirSync(dir);
    for (const file of resolution.files) writeFileSync(join(dir, file), CONSUMER_TS);
    const tsconfig = {
      compilerOptions: {
        module: resolution.module,
        moduleResolution: resolution.name,
        target: "es2022",
        strict: true,
        noEmit: true,
        // The package's own .d.ts files are checked too, not only their use.
        skipLibCheck: false,
        typeRoots: [join(PACKAGE_ROOT, "node_modules", "@types")],
        types: ["node"],
      },
      files: resolution.files,
    };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
    return dir;
  });
  // One tsc process for the three (build mode): it reads the SDK's declarations once, not three times.
  const result = spawnSync(process.execPath, [TSC, "-b", ...projects], { cwd: consumer, encoding: "utf8" });
  assert.equal(result.status, 0, result.stdout + result.stderr);
});

test("the installed aws-sso-creds bin: --version, and credential-process against the emulator", async (t) => {
  const bin = join(consumer, "node_modules", ".bin", Object.keys(pkg.bin)[0]!);
  assert.equal(execFileSync(bin, ["--version"], { encoding: "utf8" }).trim(), pkg.version);

  // A run that creates the SDK clients from the consumer's node_modules: a runtime dependency
  // missing from "dependencies" would fail here.
  const w = await cliWorld(t);
  // Asynchronous: the emulator answers from this process.
  const { stdout } = await promisify(execFile)(bin, ["credential-process", "--profile", "dev"], { env: w.env, encoding: "utf8" });
  assert.equal((JSON.parse(stdout) as { AccessKeyId: string }).AccessKeyId, w.emu.issuedRoleCredentials[0]?.accessKeyId);
});

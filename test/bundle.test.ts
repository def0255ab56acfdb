// The published build: ONE bundle of our own code (dist/cjs/index.js) with the CLI in it, the SDK
// packages and proper-lockfile loaded only where first needed, readable code and stack traces, no
// source maps; a fresh process with a warm role cache loads no SDK client. `npm run build` first.
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { providerWorld } from "./helpers/providerWorld.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const DIST = join(ROOT, "dist");
const BUNDLE = join(DIST, "cjs", "index.js");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [relative(DIST, path)];
  });
}

test("dist: one bundle, a two-line bin, the ESM wrapper, declarations; nothing else runs", () => {
  const js = files(DIST).filter((file) => file.endsWith(".js")).sort();
  assert.deepEqual(js, ["cjs/cli/bin.js", "cjs/index.js", "esm/index.js"]);
  assert.ok(files(DIST).includes("cjs/index.d.ts") && files(DIST).includes("cjs/fromSSO.d.ts"), "declarations are emitted");
  const bin = readFileSync(join(DIST, "cjs", "cli", "bin.js"), "utf8");
  assert.match(bin, /^#!\/usr\/bin\/env node\n/);
  assert.deepEqual(bin.split("\n").filter((line) => line !== "" && !line.startsWith("#!") && !line.startsWith("//") && line !== '"use strict";'), ['require("../index.js");']);
  const bundle = readFileSync(BUNDLE, "utf8");
  assert.doesNotMatch(bundle, /sourceMappingURL/);
  // Not minified: our names are in it, one statement per line.
  // (A module behind a lazy import() is assigned inside its init function: `X = class`, not `var X = class`.)
  for (const name of [/(var )?CredentialResolver = class /, /(var )?RoleCredentialCache = class /, /function fromSSO\(/, /function resolveProfileChain\(/, /function runCli\(/]) {
    assert.match(bundle, name, `${name} is in the bundle as written`);
  }
  // Every non-builtin require names a dependency, and the SDK clients and proper-lockfile are required lazily (inside functions).
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  const required = [...bundle.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1] as string).filter((name) => !name.startsWith("node:"));
  for (const name of required) {
    const base = name.startsWith("@") ? name.split("/").slice(0, 2).join("/") : (name.split("/")[0] as string);
    assert.ok(base in pkg.dependencies, `${name} is a dependency`);
  }
  const topLevel = [...bundle.matchAll(/^var \w+ = (?:__toESM\()?require\("([^"]+)"\)/gm)].map((match) => match[1]);
  // What loads with the bundle (its top-level requires; modules behind a lazy import() are wrapped in
  // init functions instead): at most the error base class's package. The next test checks it at run time.
  assert.deepEqual(
    topLevel.filter((name) => !name?.startsWith("node:") && name !== "@smithy/core/config"),
    [],
    "only the error base class's package loads with the bundle",
  );
});

test("loading the package loads no SDK client, no lock module, no child_process; ESM and CJS share one copy", () => {
  const out = execFileSync(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `const esm = await import(${JSON.stringify(join(DIST, "esm", "index.js"))});
       const { createRequire } = await import("node:module");
       const require = createRequire(import.meta.url);
       const cjs = require(${JSON.stringify(BUNDLE)});
       const loaded = Object.keys(require.cache);
       console.log(JSON.stringify({
         same: esm.SsoCredentialsError === cjs.SsoCredentialsError && esm.fromSSO === cjs.fromSSO,
         clients: loaded.filter((path) => /@aws-sdk|proper-lockfile/.test(path)).length,
         childProcess: process.moduleLoadList.some((name) => name.includes("child_process")),
       }));`,
    ],
    { encoding: "utf8" },
  );
  assert.deepEqual(JSON.parse(out), { same: true, clients: 0, childProcess: false });
});

test("stack traces name our functions in the bundle", async (t) => {
  const w = await providerWorld();
  t.after(() => w.close());
  const out = execFileSync(
    process.execPath,
    ["-e", `require(${JSON.stringify(BUNDLE)}).fromSSO({ profile: "missing", configFilepath: ${JSON.stringify(w.fixture.configPath)} })().catch((error) => console.log(error.stack))`],
    { encoding: "utf8" },
  );
  assert.match(out, /^ProfileNotFoundError: Profile "missing" was not found/);
  assert.match(out, /at resolveSsoProfile \(.*dist\/cjs\/index\.js:\d+:\d+\)/);
});

test("a fresh process with a warm role cache: credentials with no SDK client loaded and no call", async (t) => {
  const w = await providerWorld();
  t.after(() => w.close());
  const init = JSON.stringify({ profile: "dev", configFilepath: w.fixture.configPath, cacheDir: w.fixture.cacheDir, clientConfig: { endpoint: w.emu.url }, roleCredentialCache: join(w.fixture.home, "role-cache") });
  // Not execFileSync: the emulator answers from this process's event loop.
  const run = async (): Promise<{ key: string; clients: number; lock: boolean }> =>
    JSON.parse(
      (
        await promisify(execFile)(
        process.execPath,
        [
          "-e",
          `require(${JSON.stringify(BUNDLE)}).fromSSO(${init})().then((c) => {
             const loaded = Object.keys(require.cache);
             console.log(JSON.stringify({ key: c.accessKeyId, clients: loaded.filter((p) => /@aws-sdk[\\\\/](client-|nested-clients)/.test(p)).length, lock: loaded.some((p) => p.includes("proper-lockfile")) }));
           })`,
        ],
          { encoding: "utf8", env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" } },
        )
      ).stdout,
    );
  const cold = await run();
  assert.ok(cold.clients > 0 && cold.lock, "the first process fetched (SSO client, lock)");
  const warm = await run();
  assert.deepEqual(warm, { key: cold.key, clients: 0, lock: false });
  assert.equal(w.emu.calls.GetRoleCredentials, 1);
});

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: root, encoding: "utf8" }).trim();
}

test("the built package loads with import and with require, under its own name", () => {
  const esm = node(["--input-type=module", "-e", `import * as m from "aws-sso-credential-provider"; console.log(typeof m.fromSSO, typeof m.SsoTokenNotFoundError)`]);
  assert.equal(esm, "function function");
  const cjs = node(["-e", `const m = require("aws-sso-credential-provider"); console.log(typeof m.fromSSO, typeof m.SsoTokenNotFoundError)`]);
  assert.equal(cjs, "function function");
});

test("ESM and CommonJS builds export the same names, each with type declarations", () => {
  const esm = node(["--input-type=module", "-e", `import * as m from "aws-sso-credential-provider"; console.log(Object.keys(m).sort().join(","))`]);
  const cjs = node(["-e", `console.log(Object.keys(require("aws-sso-credential-provider")).sort().join(","))`]);
  assert.equal(esm, cjs);
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  const types = (condition: string) => readFileSync(new URL(`../${pkg.exports["."][condition].types}`, import.meta.url), "utf8");
  assert.match(types("require"), /export \{ fromSSO \}/);
  assert.equal(types("import").trim(), 'export * from "../cjs/index.js";');
});

test("import and require get one implementation: the same classes, so instanceof holds across both", () => {
  const same = node([
    "--input-type=module",
    "-e",
    `import { createRequire } from "node:module";
     import * as esm from "aws-sso-credential-provider";
     const cjs = createRequire(process.cwd() + "/package.json")("aws-sso-credential-provider");
     console.log(esm.fromSSO === cjs.fromSSO && esm.SsoLoginRequiredError === cjs.SsoLoginRequiredError);`,
  ]);
  assert.equal(same, "true");
});

test("loading the package loads no SDK client and no lock library until credentials are asked for", () => {
  const loaded = node([
    "-e",
    `require("aws-sso-credential-provider"); console.log(Object.keys(require.cache).filter((p) => /client-sso|proper-lockfile/.test(p)).length)`,
  ]);
  assert.equal(loaded, "0");
});

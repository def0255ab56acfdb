// sdkNodeSupportNotice: the one line `status` shows about the running Node.js and the AWS SDK's support for it.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";

import { sdkNodeSupportNotice } from "../../src/cli/sdkNodeSupportNotice.js";

const BEFORE = Date.UTC(2026, 10, 30, 12); // 2026-11-30
const FIRST_WEEK_END = Date.UTC(2027, 0, 7, 23, 59, 59, 999);
const AFTER = Date.UTC(2027, 0, 8);

test("Node.js 20 before January 2027: releases after early January 2027 need Node.js 22", () => {
  assert.equal(
    sdkNodeSupportNotice("20.20.2", BEFORE),
    "Node.js 20.20.2: AWS SDK for JavaScript releases after early January 2027 need Node.js 22 or later",
  );
  assert.equal(
    sdkNodeSupportNotice("21.7.3", FIRST_WEEK_END),
    "Node.js 21.7.3: AWS SDK for JavaScript releases after early January 2027 need Node.js 22 or later",
  );
});

test("Node.js 20 from the second week of January 2027 on: releases since then need Node.js 22", () => {
  assert.equal(
    sdkNodeSupportNotice("20.19.0", AFTER),
    "Node.js 20.19.0: AWS SDK for JavaScript releases since early January 2027 need Node.js 22 or later",
  );
});

test("below Node.js 20: the SDK releases installed today already need Node.js 20", () => {
  for (const now of [BEFORE, AFTER]) {
    assert.equal(sdkNodeSupportNotice("18.20.8", now), "Node.js 18.20.8: current AWS SDK for JavaScript releases need Node.js 20 or later");
  }
});

test("Node.js 22 and later: the SDK has announced no end, so nothing to say", () => {
  for (const version of ["22.0.0", "24.11.1", "26.10.0", "100.0.0"]) {
    assert.equal(sdkNodeSupportNotice(version, AFTER), undefined, version);
  }
});

test("process.version's leading v is accepted; something that is not a version says nothing", () => {
  assert.equal(
    sdkNodeSupportNotice("v20.20.2", BEFORE),
    "Node.js 20.20.2: AWS SDK for JavaScript releases after early January 2027 need Node.js 22 or later",
  );
  for (const version of ["", "twenty", "20"]) assert.equal(sdkNodeSupportNotice(version, BEFORE), undefined, version);
});

test("the facts agree with the SDK installed here: its engines and the rule and date of its warning", () => {
  const require = createRequire(import.meta.url);
  const engines = (path: string) => (JSON.parse(readFileSync(require.resolve(path), "utf8")) as { engines: { node: string } }).engines.node;
  for (const client of ["@aws-sdk/client-sso", "@aws-sdk/client-sso-oidc", "@aws-sdk/core"]) {
    assert.equal(engines(`${client}/package.json`), ">=20.0.0", client);
  }
  // @aws-sdk/core's emitWarningIfUnsupportedVersion: the major it requires and the date it names.
  const source = readFileSync(require.resolve("@aws-sdk/core/client"), "utf8");
  const warning = source.slice(source.indexOf("const emitWarningIfUnsupportedVersion"));
  assert.match(warning, /const vv = 22;/);
  assert.match(warning, /versions published after the first week of January 2027/);
  assert.match(warning, /process\.env\.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === "true"/);
});

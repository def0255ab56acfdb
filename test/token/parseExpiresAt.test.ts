import assert from "node:assert/strict";
import { test } from "node:test";

import { formatExpiresAt, parseExpiresAt } from "../../src/token/parseExpiresAt.js";

const INSTANT = Date.UTC(2026, 10, 24, 16, 5, 7);

test("reads every timestamp form the AWS CLI, botocore and the JS SDK write", () => {
  for (const text of [
    "2026-11-24T16:05:07Z",
    "2026-11-24T16:05:07.000Z",
    "2026-11-24T16:05:07UTC",
    "2026-11-24T16:05:07+00:00",
    "2026-11-24T16:05:07+0000",
    "2026-11-24T16:05:07",
    "2026-11-24 16:05:07Z",
    " 2026-11-24T16:05:07Z ",
    "2026-11-24T17:05:07+01:00",
  ]) {
    assert.equal(parseExpiresAt(text)?.getTime(), INSTANT, text);
  }
  assert.equal(parseExpiresAt("2026-11-24T16:05:07.123456Z")?.getTime(), INSTANT + 123);
});

test("rejects what is not a timestamp", () => {
  for (const text of ["", "tomorrow", "2026-11-24", "1732464307", "2026-13-45T99:99:99Z", "2026-11-24T16:05:07Zjunk"]) {
    assert.equal(parseExpiresAt(text), undefined, text);
  }
});

test("writes the AWS CLI's own form: whole seconds, Z", () => {
  assert.equal(formatExpiresAt(new Date(INSTANT + 999)), "2026-11-24T16:05:07Z");
});

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

test("rejects impossible calendar dates and times, which Date would roll over into the next month or day", () => {
  for (const text of [
    "2026-02-31T00:00:00Z",
    "2026-02-29T00:00:00Z",
    "2026-04-31T12:00:00Z",
    "2026-00-10T12:00:00Z",
    "2026-01-00T12:00:00Z",
    "2026-01-01T24:00:00Z",
    "2026-01-01T23:60:00Z",
    "2026-01-01T23:59:60Z",
    "2026-01-01T12:00:00+24:00",
  ]) {
    assert.equal(parseExpiresAt(text), undefined, text);
  }
  assert.equal(parseExpiresAt("2028-02-29T00:00:00Z")?.toISOString(), "2028-02-29T00:00:00.000Z", "a leap day in a leap year");
  assert.equal(parseExpiresAt("2026-01-01T00:30:00-01:30")?.toISOString(), "2026-01-01T02:00:00.000Z");
});

test("writes the AWS CLI's own form: whole seconds, Z", () => {
  assert.equal(formatExpiresAt(new Date(INSTANT + 999)), "2026-11-24T16:05:07Z");
});

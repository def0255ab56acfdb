// The CLI's pure parts, in-process: quoting, argument splitting, the child's environment, exit codes.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  ClientRegistrationExpiredError,
  ProfileNotFoundError,
  RoleCredentialsFailedError,
  SsoTokenCacheLockTimeoutError,
  SsoTokenNotFoundError,
} from "../../src/index.js";
import { childEnvironment, CONFLICTING_VARIABLES } from "../../src/cli/childEnvironment.js";
import { COMMON_OPTIONS } from "../../src/cli/commonOptions.js";
import { exitCodeForError } from "../../src/cli/exitCodeForError.js";
import { ExitCode } from "../../src/cli/ExitCode.js";
import { formatDuration } from "../../src/cli/formatDuration.js";
import { formatEnvironment, quoteDotenv, quoteFish, quotePowerShell, quoteSh } from "../../src/cli/formatEnvironment.js";
import { splitCommandArgs } from "../../src/cli/splitCommandArgs.js";
import { UsageError } from "../../src/cli/UsageError.js";

describe("quoting", () => {
  test("sh: single quotes, a quote closed, escaped and reopened", () => {
    assert.equal(quoteSh("abc"), "'abc'");
    assert.equal(quoteSh("it's $HOME `x` \\ \"q\""), `'it'\\''s $HOME \`x\` \\ "q"'`);
    assert.equal(quoteSh(""), "''");
  });

  test("fish: only \\\\ and \\' are escapes inside single quotes", () => {
    assert.equal(quoteFish("a'b\\c$d"), "'a\\'b\\\\c$d'");
  });

  test("powershell: quotes doubled, typographic single quotes too", () => {
    assert.equal(quotePowerShell("a'b\u2019c$d"), "'a''b\u2019\u2019c$d'");
  });

  test("dotenv: plain when safe, quoted when it can be, refused otherwise", () => {
    assert.equal(quoteDotenv("X", "AKIA/abc+def=="), "AKIA/abc+def==");
    assert.equal(quoteDotenv("X", "2030-01-01T00:00:00.000Z"), "2030-01-01T00:00:00.000Z");
    assert.equal(quoteDotenv("X", "a b#c"), "'a b#c'");
    assert.equal(quoteDotenv("X", "it's"), `"it's"`);
    assert.throws(() => quoteDotenv("X", `it's "$x"`), UsageError);
  });

  test("every format carries every variable", () => {
    const variables = [
      ["A", "1"],
      ["B", "two"],
    ] as const;
    assert.equal(formatEnvironment(variables, "sh"), "export A='1'\nexport B='two'\n");
    assert.equal(formatEnvironment(variables, "fish"), "set -gx A '1'\nset -gx B 'two'\n");
    assert.equal(formatEnvironment(variables, "powershell"), "$env:A = '1'\n$env:B = 'two'\n");
    assert.equal(formatEnvironment(variables, "dotenv"), "A=1\nB=two\n");
    assert.deepEqual(JSON.parse(formatEnvironment(variables, "json")), { A: "1", B: "two" });
    assert.deepEqual(JSON.parse(formatEnvironment(variables, "sam")), { Parameters: { A: "1", B: "two" } });
  });
});

describe("exec's arguments", () => {
  test("split at --, or at the first argument that is not an option or its value", () => {
    assert.deepEqual(splitCommandArgs(["--profile", "dev", "--", "ls", "-la"], COMMON_OPTIONS), {
      own: ["--profile", "dev"],
      command: ["ls", "-la"],
    });
    assert.deepEqual(splitCommandArgs(["--profile", "dev", "ls", "-la", "--", "x"], COMMON_OPTIONS), {
      own: ["--profile", "dev"],
      command: ["ls", "-la", "--", "x"],
    });
    assert.deepEqual(splitCommandArgs(["--profile=dev", "--verbose", "node", "--verbose"], COMMON_OPTIONS), {
      own: ["--profile=dev", "--verbose"],
      command: ["node", "--verbose"],
    });
    assert.deepEqual(splitCommandArgs(["--", "--weird-command"], COMMON_OPTIONS), { own: [], command: ["--weird-command"] });
    assert.deepEqual(splitCommandArgs(["--help"], COMMON_OPTIONS), { own: ["--help"], command: [] });
  });
});

describe("exec's environment", () => {
  test("conflicting variables go, the credentials come, everything else stays", () => {
    const parent: NodeJS.ProcessEnv = { PATH: "/bin", KEEP: "me", AWS_CONFIG_FILE: "/c" };
    for (const name of CONFLICTING_VARIABLES) parent[name] = "old";
    const env = childEnvironment(parent, [
      ["AWS_ACCESS_KEY_ID", "new"],
      ["AWS_ACCOUNT_ID", "1"],
    ], "linux");
    assert.deepEqual(env, { PATH: "/bin", KEEP: "me", AWS_CONFIG_FILE: "/c", AWS_ACCESS_KEY_ID: "new", AWS_ACCOUNT_ID: "1" });
  });

  test("on Windows, names match whatever their case", () => {
    const env = childEnvironment({ Aws_Profile: "dev", Path: "C:\\", aws_access_key_id: "old" }, [["AWS_ACCESS_KEY_ID", "new"]], "win32");
    assert.deepEqual(env, { Path: "C:\\", AWS_ACCESS_KEY_ID: "new" });
  });
});

describe("exit codes", () => {
  test("one per error family, distinct", () => {
    assert.equal(exitCodeForError(new UsageError("x")), ExitCode.Usage);
    assert.equal(exitCodeForError(new ProfileNotFoundError({ profile: "p", path: "/c", ssoProfiles: [] })), ExitCode.Config);
    assert.equal(exitCodeForError(new SsoTokenNotFoundError({ path: "/t", target: { ssoSession: "s" } })), ExitCode.LoginRequired);
    assert.equal(exitCodeForError(new ClientRegistrationExpiredError({ path: "/t", registrationExpiresAt: new Date(0), target: { ssoSession: "s" } })), ExitCode.LoginRequired);
    assert.equal(exitCodeForError(new RoleCredentialsFailedError({ accountId: "1", roleName: "r", problem: "x" })), ExitCode.Service);
    assert.equal(exitCodeForError(new SsoTokenCacheLockTimeoutError({ path: "/t.lock", waitedMs: 1 })), ExitCode.TokenCache);
    assert.equal(exitCodeForError(new Error("bug")), ExitCode.Internal);
    const codes = Object.values(ExitCode);
    assert.equal(new Set(codes).size, codes.length);
  });
});

test("durations", () => {
  assert.equal(formatDuration(5), "5s");
  assert.equal(formatDuration(-125), "2m");
  assert.equal(formatDuration(3 * 3600 + 20 * 60 + 7), "3h 20m");
  assert.equal(formatDuration(2 * 86400 + 5 * 3600), "2d 5h");
});

// `aws-sso-creds completion bash|zsh|fish`, sourced in the real shells: bash (always), fish and zsh when
// installed (.ci/run installs them). Bash is driven as readline drives it: COMP_WORDS and COMP_CWORD set,
// the completion function called, COMPREPLY read. Fish answers `complete -C`; zsh's candidates function
// is called on its own (the completion system's glue around it only hands the list to compadd).
// The scripts call back `aws-sso-creds __complete` for the config's names: the built CLI, on PATH.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { appendFile, mkdir, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { test, type TestContext } from "node:test";

import { ENV_FORMATS } from "../../src/cli/formatEnvironment.js";
import { COMMANDS } from "../../src/cli/runCli.js";
import { SERVE_FORMATS } from "../../src/cli/serveCommand.js";
import { sessionProfileConfig } from "../helpers/ssoFixture.js";
import { BIN, cliWorld, START_URL, which } from "./cliHarness.js";

const VISIBLE = COMMANDS.filter((command) => command.hidden !== true).map((command) => command.name);

const CONFIG = [
  sessionProfileConfig({ startUrl: START_URL, region: "eu-west-1" }),
  "[profile ops]",
  "sso_session = my-sso",
  "sso_account_id = 444455556666",
  "sso_role_name = Admin",
  "",
  "[profile dev-process]",
  "credential_process = aws-sso-creds credential-process --profile dev",
  "",
  "[sso-session other-sso]",
  "sso_start_url = https://other.awsapps.com/start",
  "sso_region = eu-central-1",
  "",
].join("\n");

interface Shells {
  env: NodeJS.ProcessEnv;
  home: string;
  configPath: string;
  /** The script as the CLI prints it for `shell`. */
  script(shell: "bash" | "zsh" | "fish"): Promise<string>;
}

/** A config with profiles dev, ops, dev-process and sessions my-sso, other-sso, and aws-sso-creds on PATH. */
async function shells(t: TestContext): Promise<Shells> {
  const w = await cliWorld(t, { config: CONFIG });
  const bin = join(w.fixture.home, "bin");
  await mkdir(bin);
  // As npm install --global makes it: a link to the bin file, run by the node on PATH.
  await symlink(BIN, join(bin, "aws-sso-creds"));
  const env = { ...w.env, PATH: `${bin}:${dirname(process.execPath)}:${w.env.PATH ?? ""}` };
  return {
    env,
    home: w.fixture.home,
    configPath: w.fixture.configPath,
    script: async (shell) => {
      const result = await w.run(["completion", shell]);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stderr, "");
      const path = join(w.fixture.home, `completion.${shell}`);
      await writeFile(path, result.stdout);
      return path;
    },
  };
}

function run(program: string, args: string[], env: NodeJS.ProcessEnv): string {
  const result = spawnSync(program, args, { env, encoding: "utf8", timeout: 60_000 });
  assert.equal(result.status, 0, `${program} ${args.join(" ")}: ${result.stderr}`);
  assert.equal(result.stderr, "", `${program}: nothing on stderr`);
  return result.stdout;
}

test("bash: commands, options of each command, formats, and the config's profile and session names", async (t) => {
  const s = await shells(t);
  const script = await s.script("bash");
  /** What Tab offers for the words typed, the last being the one completed. */
  const complete = (...words: string[]): string[] => {
    const out = run("bash", ["--norc", "--noprofile", "-c", `source "$0" || exit 9; COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _aws_sso_creds; printf '%s\\n' "\${COMPREPLY[@]}"`, script, "aws-sso-creds", ...words], s.env);
    return [...new Set(out.split("\n").filter((line) => line !== ""))];
  };
  assert.match(run("bash", ["-c", `source "$0"; complete -p aws-sso-creds`, script], s.env), /complete -F _aws_sso_creds aws-sso-creds/);

  assert.deepEqual(complete(""), VISIBLE, "every command, and not the hidden __complete");
  assert.deepEqual(complete("st"), ["status"]);
  assert.deepEqual(complete("lo"), ["login", "logout"]);
  assert.deepEqual(complete("--profile", ""), ["dev", "ops", "dev-process"], "the config's profiles, read when Tab is pressed");
  assert.deepEqual(complete("--profile", "dev", "e"), ["env", "exec"], "a global option before the command");
  assert.deepEqual(complete("--"), ["--profile", "--verbose", "--no-color", "--help", "--version"]);
  for (const command of COMMANDS.filter((candidate) => candidate.hidden !== true)) {
    assert.deepEqual(complete(command.name, "--"), Object.keys(command.options).map((name) => `--${name}`), `${command.name}'s options`);
  }
  assert.deepEqual(complete("env", "--format", ""), [...ENV_FORMATS]);
  assert.deepEqual(complete("env", "-f", "p"), ["powershell"]);
  assert.deepEqual(complete("env", "--profile", "dev", "--format", "=", ""), [...ENV_FORMATS], "--format= split at = by COMP_WORDBREAKS");
  assert.deepEqual(complete("env", "--format", "=", "d"), ["dotenv"]);
  assert.deepEqual(complete("env", "--format=js"), ["--format=json"], "--format=js as one word");
  assert.deepEqual(complete("serve", "--format", ""), [...SERVE_FORMATS]);
  assert.deepEqual(complete("serve", "--profile", "o"), ["ops"]);
  assert.deepEqual(complete("login", "--sso-session", ""), ["my-sso", "other-sso"]);
  assert.deepEqual(complete("logout", "--sso-session", "o"), ["other-sso"]);
  assert.deepEqual(complete("list", "--profile", "ops", "--sso-session", ""), ["my-sso", "other-sso"]);
  assert.deepEqual(complete("serve", "--port", ""), [], "a port has no values to offer");
  assert.deepEqual(complete("completion", ""), ["bash", "zsh", "fish"]);
  assert.deepEqual(complete("completion", "bash", ""), []);
  assert.deepEqual(complete("status", ""), [], "status takes no operands");
  assert.ok(complete("exec", "--profile", "dev", "--", "ech").includes("echo"), "exec's command: the commands on PATH");
  assert.ok(complete("exec", "ech").includes("echo"));
  assert.deepEqual(complete("exec", "--profile", "dev", "--", "sh", "--profile", ""), complete("exec", "--", "sh", "--profile", ""), "after exec's command its options are its own");

  await appendFile(s.configPath, "\n[profile added-later]\nsso_session = my-sso\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\n");
  assert.deepEqual(complete("env", "--profile", "add"), ["added-later"], "a profile added after the script was loaded");
});

test("__complete lists the names quickly: the config files only, no SDK client; silent on a broken config", async (t) => {
  const s = await shells(t);
  // A preload that reports, at exit, whether any AWS SDK client package was loaded.
  const probe = join(s.home, "probe.cjs");
  await writeFile(probe, `process.on("exit", () => { const sdk = Object.keys(require.cache).filter((path) => /@aws-sdk[\\\\/]client-/.test(path)); process.stderr.write("sdk:" + sdk.length + "\\n"); });\n`);
  const names = (kind: string) => spawnSync(process.execPath, ["--require", probe, BIN, "__complete", kind], { env: s.env, encoding: "utf8" });
  const profiles = names("profiles");
  assert.equal(profiles.status, 0, profiles.stderr);
  assert.equal(profiles.stdout, "dev\nops\ndev-process\n");
  assert.equal(profiles.stderr, "sdk:0\n", "no SDK client was loaded");
  assert.equal(names("sso-sessions").stdout, "my-sso\nother-sso\n");
  await writeFile(s.configPath, "[profile broken\n");
  const broken = spawnSync(process.execPath, [BIN, "__complete", "profiles"], { env: s.env, encoding: "utf8" });
  assert.equal(broken.status, 0);
  assert.equal(broken.stdout, "");
  assert.equal(broken.stderr, "", "nothing is printed into the command line being typed");
  const help = spawnSync(process.execPath, [BIN, "--help"], { env: s.env, encoding: "utf8" });
  assert.doesNotMatch(help.stdout, /__complete/, "hidden from the help");
  assert.match(help.stdout, /^ {2}completion {10}print a tab-completion script for bash, zsh or fish$/m);
});

test("fish: the same completions through complete -C", async (t) => {
  if (which("fish") === undefined) {
    t.skip("fish is not installed");
    return;
  }
  const s = await shells(t);
  const script = await s.script("fish");
  const complete = (line: string): string[] =>
    run("fish", ["--no-config", "-c", `source $argv[1]; complete -C $argv[2]`, script, line], s.env)
      .split("\n")
      .filter((entry) => entry !== "")
      .map((entry) => entry.split("\t")[0] as string);
  assert.deepEqual(complete("aws-sso-creds ").sort(), [...VISIBLE].sort());
  assert.match(run("fish", ["--no-config", "-c", `source $argv[1]; complete -C 'aws-sso-creds st'`, script], s.env), /^status\tshow SSO sessions/m, "with the summary");
  assert.deepEqual(complete("aws-sso-creds --profile ").sort(), ["dev", "dev-process", "ops"]);
  assert.deepEqual(complete("aws-sso-creds --profile dev e").sort(), ["env", "exec"]);
  assert.deepEqual(complete("aws-sso-creds env --format ").sort(), [...ENV_FORMATS].sort());
  assert.deepEqual(complete("aws-sso-creds env --format=d"), ["--format=dotenv"]);
  assert.deepEqual(complete("aws-sso-creds login --sso-session ").sort(), ["my-sso", "other-sso"]);
  assert.deepEqual(complete("aws-sso-creds completion ").sort(), ["bash", "fish", "zsh"]);
  assert.deepEqual(complete("aws-sso-creds status --").sort(), Object.keys(COMMANDS.find((c) => c.name === "status")?.options ?? {}).map((name) => `--${name}`).sort());
  assert.ok(complete("aws-sso-creds exec --profile dev -- ech").includes("echo"), "exec's command: fish's own completion");
});

test("zsh: the candidates function, and the script registered with compinit", async (t) => {
  if (which("zsh") === undefined) {
    t.skip("zsh is not installed");
    return;
  }
  const s = await shells(t);
  const script = await s.script("zsh");
  const load = `autoload -Uz compinit && compinit -u -D -d "$HOME/.zcompdump" && source "$1" || exit 9; shift`;
  const candidates = (...words: string[]): { kind: string; values: string[]; child: number } => {
    const out = run("zsh", ["-f", "-c", `${load}; _aws_sso_creds_candidates $# "$@"; print -r -- "$REPLY"; print -r -- "$_aws_sso_creds_child"; (( $#reply )) && print -rl -- "\${reply[@]}"; true`, "zsh", script, "aws-sso-creds", ...words], s.env);
    const [kind = "", child = "0", ...values] = out.split("\n").slice(0, -1);
    return { kind, values, child: Number(child) };
  };
  assert.equal(run("zsh", ["-f", "-c", `${load}; print -r -- $_comps[aws-sso-creds]`, "zsh", script], s.env), "_aws_sso_creds\n", "compdef registered it");

  const commands = candidates("");
  assert.equal(commands.kind, "commands");
  assert.deepEqual(commands.values.map((value) => value.split(":")[0]), VISIBLE);
  assert.match(commands.values.find((value) => value.startsWith("status:")) ?? "", /^status:show SSO sessions/, "with the summary");
  assert.deepEqual(candidates("--profile", "").values, ["dev", "ops", "dev-process"]);
  assert.equal(candidates("--profile", "dev", "").kind, "commands");
  assert.deepEqual(candidates("env", "--format", "").values, [...ENV_FORMATS]);
  assert.deepEqual(candidates("env", "--format=").values, [...ENV_FORMATS]);
  assert.equal(candidates("env", "--format=").kind, "equals");
  assert.deepEqual(candidates("login", "--sso-session", "").values, ["my-sso", "other-sso"]);
  assert.deepEqual(candidates("completion", "").values, ["bash", "zsh", "fish"]);
  assert.deepEqual(candidates("env", "--").values, Object.keys(COMMANDS.find((c) => c.name === "env")?.options ?? {}).map((name) => `--${name}`));
  assert.deepEqual(candidates("exec", "--profile", "dev", "--", "ech"), { kind: "child", values: [], child: 6 }, "exec's command: zsh's own completion from word 6");
});

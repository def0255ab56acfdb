// The README's commands are real: every `aws-sso-creds` command line in it names a command that
// exists and options that command takes (checked against its --help), every `npm run` script exists,
// any other program it shows is one we know we are pointing at, and its TypeScript snippets compile
// against the package.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const README = readFileSync(join(ROOT, "README.md"), "utf8");
const BIN = join(ROOT, "dist", "cjs", "cli", "bin.js");

/** Programs the README shows that are not ours: the tools our users run beside it. */
const OTHER_PROGRAMS = new Set(["aws", "sam", "docker", "npm", "npx", "python3", "eval", "source"]);

interface CodeBlock {
  language: string;
  text: string;
}

function codeBlocks(markdown: string): CodeBlock[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => ({ language: match[1] ?? "", text: match[2] ?? "" }));
}

/** The simple commands of a shell line: split at pipes, `&&`, `||`, `;` and `$(…)`, comments and prompts dropped. */
function simpleCommands(line: string): string[][] {
  // In a synopsis, `[--a | --b]` lists alternatives: that `|` is not a pipe.
  const withoutComment = line
    .replace(/(^|\s)#.*$/, "")
    .replace(/^\$ /, "")
    .replace(/\[[^\]]*\]/g, (group) => group.replaceAll("|", " "));
  return withoutComment
    .replace(/\$\(([^)]*)\)/g, " ; $1 ; ")
    .split(/\|\||&&|\||;/)
    .map((part) => part.trim().split(/\s+/).filter(Boolean))
    // `VAR=value command …` runs the command; `VAR=value` alone runs nothing.
    .map((words) => {
      const first = words.findIndex((word) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word));
      return first === -1 ? [] : words.slice(first);
    })
    .filter((words) => words.length > 0);
}

/** Every command line of the README: shell blocks, plus `credential_process = …` in ini blocks. */
function readmeCommands(): string[][] {
  const commands: string[][] = [];
  for (const block of codeBlocks(README)) {
    for (const line of block.text.split("\n")) {
      if (block.language === "sh" || (block.language === "console" && line.startsWith("$ "))) commands.push(...simpleCommands(line));
      if (block.language === "ini") {
        const process = /^credential_process\s*=\s*(.*)$/.exec(line);
        if (process?.[1] !== undefined) commands.push(...simpleCommands(process[1]));
      }
    }
  }
  return commands;
}

function help(command: string): string {
  const result = spawnSync(process.execPath, [BIN, command, "--help"], { encoding: "utf8" });
  assert.equal(result.status, 0, `aws-sso-creds ${command} --help: ${result.stderr}`);
  return result.stdout;
}

test("every aws-sso-creds command line in the README names a real command and options it takes", () => {
  const ours = readmeCommands().filter((words) => words[0] === "aws-sso-creds");
  assert.ok(ours.length >= 15, `found ${ours.length} aws-sso-creds lines`);
  const helps = new Map<string, string>();
  for (const words of ours) {
    const [, command, ...rest] = words;
    assert.ok(command !== undefined && !command.startsWith("-"), `a command first: ${words.join(" ")}`);
    const text = helps.get(command) ?? help(command);
    helps.set(command, text);
    // Options up to `--` (what follows belongs to the command exec runs), brackets and alternatives of a synopsis stripped.
    const own = rest.slice(0, rest.includes("--") ? rest.indexOf("--") : undefined);
    for (const word of own) {
      const option = /^\[?(--?[a-z][a-z-]*)/.exec(word)?.[1];
      if (option === undefined) continue;
      assert.ok(new RegExp(`(^|[\\s,\\[|])${option}\\b`, "m").test(text), `aws-sso-creds ${command} takes ${option} (README: ${words.join(" ")})`);
    }
  }
});

test("every other program the README shows is a known one, and every npm script it runs exists", () => {
  const scripts = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  for (const words of readmeCommands()) {
    const [program, ...args] = words;
    if (program === "aws-sso-creds" || program === undefined) continue;
    assert.ok(OTHER_PROGRAMS.has(program), `the README runs ${program}: ours, or a tool we mean to point at? (${words.join(" ")})`);
    if (program === "npm" && args[0] === "run") assert.ok(args[1] !== undefined && args[1] in scripts, `npm run ${args[1]} is a script`);
    if (program === "npm" && args[0] === "test") assert.ok("test" in scripts);
  }
});

test("the README's TypeScript snippets compile against the package", () => {
  const snippets = codeBlocks(README).filter((block) => block.language === "ts");
  assert.ok(snippets.length >= 2);
  const dir = mkdtempSync(join(ROOT, ".readme-snippets-"));
  try {
    snippets.forEach((snippet, i) => writeFileSync(join(dir, `snippet${i}.ts`), `export {};\n${snippet.text}`));
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({ extends: "../tsconfig.json", compilerOptions: { noEmit: true, noUnusedLocals: false }, include: ["*.ts"] }),
    );
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    try {
      execFileSync(process.execPath, [tsc, "-p", join(dir, "tsconfig.json")], { encoding: "utf8", cwd: ROOT });
    } catch (error) {
      assert.fail(`a README snippet does not compile:\n${(error as { stdout?: string }).stdout ?? String(error)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

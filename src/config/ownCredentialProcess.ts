import type { OwnCredentialProcess } from "../errors/NotSsoProfileError.js";

/** The ways a command line names the aws-sso-creds program: its bin, with or without a path, an npx version, or the bin file. */
const PROGRAM = /(^|[\\/])aws-sso-creds(@[^\\/]*)?(\.(cmd|exe|ps1|js))?$|[\\/]aws-sso-credential-provider[\\/]dist[\\/]cjs[\\/]cli[\\/]bin\.js$/;

/**
 * Whether a `credential_process` command runs aws-sso-creds (`aws-sso-creds credential-process --profile dev`,
 * `npx aws-sso-creds ...`, `/usr/local/bin/aws-sso-creds ...`), and the `--profile` it passes. Undefined
 * for any other command. Words are split as a POSIX shell would (quotes and backslashes), which is how the
 * AWS CLI and the SDKs run it on Linux and macOS.
 */
export function ownCredentialProcess(command: string): OwnCredentialProcess | undefined {
  const words = shellWords(command);
  const start = words.findIndex((word) => PROGRAM.test(word));
  if (start === -1) return undefined;
  let profile: string | undefined;
  for (let index = start + 1; index < words.length && profile === undefined; index++) {
    const word = words[index] as string;
    if (word === "--") break;
    if (word === "--profile") profile = words[index + 1];
    else if (word.startsWith("--profile=")) profile = word.slice("--profile=".length);
  }
  return { command, profile: profile === "" ? undefined : profile };
}

function shellWords(command: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let index = 0; index < command.length; index++) {
    const char = command[index] as string;
    const next = command[index + 1];
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else word += char;
    } else if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === "\\" && next !== undefined && '"\\$`'.includes(next)) word += command[++index] ?? "";
      else word += char;
    } else if (char === " " || char === "\t" || char === "\n") {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      inWord = true;
      if (char === "'" || char === '"') quote = char;
      else if (char === "\\" && next !== undefined) word += command[++index] ?? "";
      else word += char;
    }
  }
  if (inWord) words.push(word);
  return words;
}

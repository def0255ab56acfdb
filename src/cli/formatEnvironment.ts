import type { EnvironmentVariable } from "./credentialVariables.js";
import { UsageError } from "./UsageError.js";

/** The output formats of `env`. */
export const ENV_FORMATS = ["sh", "fish", "powershell", "dotenv", "json", "sam"] as const;
export type EnvFormat = (typeof ENV_FORMATS)[number];

/**
 * The `--format` a command was given (default `sh`), checked against the formats it offers;
 * anything else is a usage error of `command` that lists them.
 */
export function parseFormatOption<F extends EnvFormat>(value: string | undefined, formats: readonly F[], command: string): F {
  const format = value ?? "sh";
  if (!(formats as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format "${format}": use one of ${formats.join(", ")}`, command);
  }
  return format as F;
}

/**
 * The variables as text for one consumer. Every value is quoted so that the consumer reads it
 * back exactly, whatever it holds:
 * - `sh`: `export NAME='value'` for `eval` in sh, bash, zsh, dash, ksh;
 * - `fish`: `set -gx NAME 'value'` for `... | source`;
 * - `powershell`: `$env:NAME = 'value'` for `... | Invoke-Expression`;
 * - `dotenv`: `NAME=value` lines for `.env` files (quoted only when a value needs it);
 * - `json`: `{"NAME": "value"}`;
 * - `sam`: `{"Parameters": {"NAME": "value"}}`, the `sam local invoke --env-vars` file.
 */
export function formatEnvironment(variables: readonly EnvironmentVariable[], format: EnvFormat): string {
  switch (format) {
    case "sh":
      return lines(variables.map(([name, value]) => `export ${name}=${quoteSh(value)}`));
    case "fish":
      return lines(variables.map(([name, value]) => `set -gx ${name} ${quoteFish(value)}`));
    case "powershell":
      return lines(variables.map(([name, value]) => `$env:${name} = ${quotePowerShell(value)}`));
    case "dotenv":
      return lines(variables.map(([name, value]) => `${name}=${quoteDotenv(name, value)}`));
    case "json":
      return `${JSON.stringify(Object.fromEntries(variables), null, 2)}\n`;
    case "sam":
      return `${JSON.stringify({ Parameters: Object.fromEntries(variables) }, null, 2)}\n`;
  }
}

function lines(items: string[]): string {
  return items.map((item) => `${item}\n`).join("");
}

/** POSIX sh: nothing is special inside single quotes; a quote is closed, escaped and reopened. */
export function quoteSh(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** fish: inside single quotes only `\'` and `\\` are escapes. */
export function quoteFish(value: string): string {
  return `'${value.replace(/[\\']/g, (char) => `\\${char}`)}'`;
}

/**
 * PowerShell: inside single quotes a quote is doubled. PowerShell also takes the typographic
 * single quotes (U+2018 to U+201B) as quotes, so those are doubled too.
 */
export function quotePowerShell(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201A\u201B]/g, (char) => char + char)}'`;
}

/** Characters every .env reader takes literally without quotes. Credentials and regions are made of these. */
const DOTENV_PLAIN = /^[A-Za-z0-9_./:+=@,-]*$/;

/**
 * `.env` readers (dotenv, python-dotenv, Docker Compose) agree only on a few forms: a plain value,
 * a single-quoted one without `'` or a line break, and a double-quoted one without `"`, `\`, `$`,
 * backquotes or line breaks. A value that fits none of them is refused rather than written in a
 * form some reader would change.
 */
export function quoteDotenv(name: string, value: string): string {
  if (DOTENV_PLAIN.test(value)) return value;
  if (!/['\r\n]/.test(value)) return `'${value}'`;
  if (!/["\\$`\r\n]/.test(value)) return `"${value}"`;
  throw new UsageError(`the value of ${name} holds characters that no .env format keeps as they are; use --format json or sh instead`, "env");
}

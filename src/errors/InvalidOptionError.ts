import { SsoConfigError } from "./SsoConfigError.js";

export interface InvalidOptionErrorOptions {
  /** The option's name as the caller writes it: `requestTimeoutMs`, `lock.staleMs`. */
  option: string;
  /** What was passed. Options are never secrets: it is shown as it is. */
  value: unknown;
  /** What it must be, as a phrase: "a whole number of milliseconds from 100 to 600000". */
  expected: string;
  /** The value used when the option is left out, for the message. */
  defaultValue?: unknown;
}

/** An option of `fromSSO` (or another factory of this library) has a value it cannot work with. */
export class InvalidOptionError extends SsoConfigError {
  override name = "InvalidOptionError";
  readonly option: string;
  readonly value: unknown;

  constructor(options: InvalidOptionErrorOptions) {
    const { option, value, expected, defaultValue } = options;
    super(
      `The \`${option}\` option is ${show(value)}; it must be ${expected}. ` +
        `Pass such a value${defaultValue === undefined ? "" : `, or leave the option out for the default (${show(defaultValue)})`}.`,
    );
    this.option = option;
    this.value = value;
  }
}

function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint" || value === null || value === undefined) {
    return String(value);
  }
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

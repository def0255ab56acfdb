/*
 * Our own line parser for the AWS shared config and credentials files, rule for rule as the
 * cross-SDK profile-parser suite (test/fixtures/conformance/profile-parser-tests.json) says.
 *
 * Why not the `ini` package: measured against the suite's 65 cases, ini@5.0.0 passes 33 with only
 * the section names mapped, and 41 with every reasonable post-processing step (identifier checks,
 * lower-cased property names, the default-profile rules, an error for properties before any section).
 * What it gets wrong:
 * - `[profile foo] # comment` and `[profile foo];` are not section lines to it (6 cases);
 * - it cuts a value at any `;` or `#`, while the spec only at one preceded by whitespace (1 case);
 * - indented continuation and sub-property lines become new `key = true` properties (14 cases);
 * - it never reports an error (`= value`, `key : value` are silently dropped: 2 cases);
 * - it splits section names at dots into nested sections (1 case);
 * and, outside the suite, it unquotes quoted values and turns `true`/`false`/`null` into non-strings.
 */
import { ConfigFileParseError } from "../errors/ConfigFileParseError.js";
import type { SharedConfig } from "./SharedConfig.js";

/** Which of the two files the text comes from: they name their sections differently. */
export type SharedConfigFileKind = "config" | "credentials";

type MutableSection = Map<string, string | Map<string, string>>;

/** Profile, session and property names: anything else is ignored (with its properties), never an error. */
const IDENTIFIER = /^[A-Za-z0-9_\-/.%@:+]+$/;

interface SectionKey {
  readonly type: "profile" | "sso-session" | "unprefixed-default";
  readonly name: string;
}

/** The property the next indented line continues. */
interface OpenProperty {
  /** Where it is stored; undefined when its section or its name is ignored (its lines are still checked). */
  readonly section: MutableSection | undefined;
  readonly name: string;
  /** `name =` with nothing after it: the indented lines that follow are `sub-name = value`. */
  readonly hasSubProperties: boolean;
}

/**
 * The profiles and sso-sessions of one shared config or credentials file.
 *
 * Config file: `[profile NAME]`, `[default]` and `[sso-session NAME]`; a `[profile default]` anywhere in
 * the file replaces every `[default]` of that file. Credentials file: `[NAME]` only. Sections named
 * otherwise (`[foo]` in the config file, `[profile foo]` in the credentials file, `[services foo]`,
 * names with characters outside `A-Za-z0-9_-/.%@:+`) are ignored with their properties, as are
 * properties with such names. Property names are lower-cased; sections met twice are merged, the last
 * value of a property wins.
 *
 * Throws `ConfigFileParseError` (path and line number, never the line's text) when the file breaks the format.
 */
export function parseSharedConfigFile(text: string, kind: SharedConfigFileKind, path: string): SharedConfig {
  const profiles = new Map<string, MutableSection>();
  const ssoSessions = new Map<string, MutableSection>();
  // Kept apart until the end: a `[profile default]` in the same file replaces it whole.
  let unprefixedDefault: MutableSection | undefined;

  // undefined before the first section line, null inside a section the spec ignores.
  let section: MutableSection | null | undefined;
  let property: OpenProperty | undefined;

  // A byte order mark (Windows editors write one) is not part of the first line.
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  for (const [index, rawLine] of lines.entries()) {
    const line = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
    const fail = (problem: string): ConfigFileParseError => new ConfigFileParseError({ path, line: index + 1, problem });

    // Only a comment character in the first column makes a comment line: an indented one is a continuation.
    if (trimBlanks(line) === "" || line.startsWith("#") || line.startsWith(";")) continue;

    if (line.startsWith("[")) {
      // After a section name any `#` or `;` starts a comment, with or without whitespace before it.
      const header = stripComment(line, false);
      if (!header.endsWith("]")) throw fail("Profile definition must end with ']' (only a comment may follow it)");
      const key = classifySection(header.slice(1, -1), kind);
      if (key === undefined) {
        section = null;
      } else if (key.type === "unprefixed-default") {
        section = unprefixedDefault ??= new Map();
      } else {
        section = getOrCreate(key.type === "profile" ? profiles : ssoSessions, key.name);
      }
      property = undefined;
    } else if (line.startsWith(" ") || line.startsWith("\t")) {
      if (section === undefined) throw fail(missingSectionProblem(kind));
      if (property === undefined) {
        throw fail('Expected a property definition, found continuation: an indented line must follow a "name = value" line');
      }
      // Continuation lines are taken as written: `#` and `;` in them are not comments.
      continueProperty(property, trimBlanks(line), fail);
    } else {
      if (section === undefined) throw fail(missingSectionProblem(kind));
      // In a property line a `#` or `;` starts a comment only after whitespace: `a = b;c` is the value `b;c`.
      const [name, value] = splitNameValue(stripComment(line, true), "property", fail);
      const target = section !== null && IDENTIFIER.test(name) ? section : undefined;
      const key = name.toLowerCase();
      target?.set(key, value);
      property = { section: target, name: key, hasSubProperties: value === "" };
    }
  }

  if (unprefixedDefault !== undefined && !profiles.has("default")) profiles.set("default", unprefixedDefault);
  return { profiles, ssoSessions };
}

/**
 * What a section line names. `[ profile  foo ]` is `profile foo`: the prefix is the first word, the name
 * the rest, both trimmed.
 */
function classifySection(header: string, kind: SharedConfigFileKind): SectionKey | undefined {
  const trimmed = trimBlanks(header);
  const blank = /[ \t]/.exec(trimmed);
  const prefix = blank === null ? undefined : trimmed.slice(0, blank.index);
  const name = blank === null ? trimmed : trimBlanks(trimmed.slice(blank.index + 1));

  if (kind === "credentials") {
    // `[profile foo]`, `[sso-session foo]` and any other `[type name]` belong in the config file only.
    return prefix === undefined && IDENTIFIER.test(name) ? { type: "profile", name } : undefined;
  }
  // In the config file `[default]` is the one section without a prefix; `[foo]` and `[profilefoo]` are ignored.
  if (prefix === undefined) return name === "default" ? { type: "unprefixed-default", name } : undefined;
  if (!IDENTIFIER.test(name)) return undefined;
  if (prefix === "profile") return { type: "profile", name };
  if (prefix === "sso-session") return { type: "sso-session", name };
  // `[services NAME]` and other typed sections: nothing in this library reads them.
  return undefined;
}

function continueProperty(
  property: OpenProperty,
  content: string,
  fail: (problem: string) => ConfigFileParseError,
): void {
  if (property.hasSubProperties) {
    // Checked even when the property is ignored, as a sub-property line without `=` is a format error.
    const [subName, subValue] = splitNameValue(content, "sub-property", fail);
    if (property.section === undefined) return;
    const current = property.section.get(property.name);
    const subProperties = current instanceof Map ? current : new Map<string, string>();
    subProperties.set(subName, subValue);
    property.section.set(property.name, subProperties);
  } else if (property.section !== undefined) {
    const current = property.section.get(property.name);
    property.section.set(property.name, `${typeof current === "string" ? current : ""}\n${content}`);
  }
}

/** `name = value` split at its first `=`, both sides trimmed. The value may be empty, the name may not. */
function splitNameValue(
  content: string,
  what: "property" | "sub-property",
  fail: (problem: string) => ConfigFileParseError,
): [name: string, value: string] {
  const equals = content.indexOf("=");
  if (equals === -1) throw fail(`Expected an '=' sign defining a ${what} ("name = value")`);
  const name = trimBlanks(content.slice(0, equals));
  if (name === "") throw fail(`${what === "property" ? "Property" : "Sub-property"} did not have a name`);
  return [name, trimBlanks(content.slice(equals + 1))];
}

function missingSectionProblem(kind: SharedConfigFileKind): string {
  const example = kind === "config" ? "[profile NAME] or [default]" : "[NAME]";
  return `Expected a profile definition: properties must come after a section line such as ${example}`;
}

/** The line up to its comment, trimmed. */
function stripComment(line: string, commentNeedsWhitespace: boolean): string {
  const comment = (commentNeedsWhitespace ? /\s[#;]/ : /[#;]/).exec(line);
  return trimBlanks(comment === null ? line : line.slice(0, comment.index));
}

/**
 * The format trims spaces and tabs only. Index scans, not a regex: `/[ \t]+$/` retries from every
 * blank of a long run that is followed by other text, which is quadratic in the run's length.
 */
function trimBlanks(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

function getOrCreate(sections: Map<string, MutableSection>, name: string): MutableSection {
  let section = sections.get(name);
  if (section === undefined) {
    section = new Map();
    sections.set(name, section);
  }
  return section;
}

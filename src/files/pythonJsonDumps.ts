/** The two separator styles of Python's `json.dumps`: its default, and the compact one botocore asks for. */
export type PythonJsonSeparators = "default" | "compact";

/** Options of {@link pythonJsonDumps}. */
export interface PythonJsonDumpsOptions {
  /**
   * `sort_keys=True` (the default here, as the cache keys need it); false keeps the objects' own key
   * order, as botocore's JSONFileCache writes a cache file's content.
   */
  sortKeys?: boolean;
}

/**
 * The text Python's `json.dumps(value, sort_keys=True[, separators=(',', ':')])` makes, byte for byte:
 * the AWS CLI and botocore name their cache files after the SHA-1 of it, so ours must match to share them.
 * With `sortKeys: false`, the text of `json.dumps(value)` (what JSONFileCache writes into those files).
 *
 * - `default` separators are `", "` and `": "`; `compact` are `","` and `":"`;
 * - keys are sorted by code point (Python sorts str keys that way);
 * - non-ASCII characters are escaped as `\uXXXX` (ensure_ascii), astral ones as surrogate pairs;
 * - `null`, booleans, strings, arrays and objects as JSON has them; integers as digits.
 * Non-integer numbers are refused: Python's float repr differs from JavaScript's, and no key needs one.
 */
export function pythonJsonDumps(value: unknown, separators: PythonJsonSeparators = "default", options: PythonJsonDumpsOptions = {}): string {
  const sortKeys = options.sortKeys ?? true;
  const [item, key] = separators === "compact" ? [",", ":"] : [", ", ": "];
  const dump = (current: unknown): string => {
    if (current === null) return "null";
    if (typeof current === "boolean") return current ? "true" : "false";
    if (typeof current === "number") {
      if (!Number.isSafeInteger(current)) throw new TypeError(`pythonJsonDumps: ${current} is not an integer Python would print the same way`);
      return String(current);
    }
    if (typeof current === "string") return quote(current);
    if (Array.isArray(current)) return `[${current.map(dump).join(item)}]`;
    if (typeof current === "object") {
      const entries = Object.entries(current as Record<string, unknown>).filter(([, v]) => v !== undefined);
      if (sortKeys) entries.sort(([a], [b]) => compareCodePoints(a, b));
      return `{${entries.map(([k, v]) => `${quote(k)}${key}${dump(v)}`).join(item)}}`;
    }
    throw new TypeError(`pythonJsonDumps: cannot encode a ${typeof current}`);
  };
  return dump(value);
}

function quote(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const char = text[i] as string;
    if (char === '"') out += '\\"';
    else if (char === "\\") out += "\\\\";
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else if (char === "\b") out += "\\b";
    else if (char === "\f") out += "\\f";
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += char;
  }
  return `${out}"`;
}

/** Python orders str keys by code point; JavaScript's default sort compares UTF-16 units, which differs only for astral characters. */
function compareCodePoints(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const difference = (left[i] as string).codePointAt(0)! - (right[i] as string).codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

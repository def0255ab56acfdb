import { pythonJsonDumps } from "../files/pythonJsonDumps.js";

/** A value of a cache record the AWS CLI writes: strings, and lists of strings (scopes, grant types). */
export type AwsCliJsonValue = string | readonly string[];

/**
 * The text the AWS CLI writes for a cache record: Python's `json.dumps(record)` with its default
 * separators (`", "`, `": "`), keys in the order given (no sort_keys), non-ASCII escaped, no newline
 * at the end (botocore `JSONFileCache` with `_sso_json_dumps`). Fields left undefined are left out.
 */
export function awsCliJson(record: Readonly<Record<string, AwsCliJsonValue | undefined>>): string {
  const fields = Object.entries(record).filter((entry): entry is [string, AwsCliJsonValue] => entry[1] !== undefined);
  return `{${fields.map(([key, value]) => `${pythonJsonDumps(key)}: ${pythonJsonDumps(value)}`).join(", ")}}`;
}

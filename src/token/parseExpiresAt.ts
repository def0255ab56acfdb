/**
 * Parses a cache timestamp the way the tools that write the cache write it:
 * `2026-01-02T03:04:05Z` (AWS CLI v2, botocore), `2026-01-02T03:04:05.678Z` (the JS SDK),
 * `2026-01-02T03:04:05UTC` (older AWS CLI releases) and explicit offsets (`+00:00`, `+0000`).
 * A missing zone means UTC. Returns undefined for anything else.
 */
export function parseExpiresAt(value: string): Date | undefined {
  const match = TIMESTAMP.exec(value.trim());
  if (!match) return undefined;
  const [, date, time, fraction = "", zone = "Z"] = match;
  const offset = zone.toUpperCase() === "UTC" || zone.toUpperCase() === "Z" ? "Z" : normalizeOffset(zone);
  const millis = fraction === "" ? "" : `.${fraction.slice(0, 3).padEnd(3, "0")}`;
  const parsed = new Date(`${date}T${time}${millis}${offset}`);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i;

function normalizeOffset(zone: string): string {
  return zone.includes(":") ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}

/** The AWS CLI's own format: whole seconds, `Z`. botocore and the JS SDK both read it. */
export function formatExpiresAt(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * Parses a cache timestamp the way the tools that write the cache write it:
 * `2026-01-02T03:04:05Z` (AWS CLI v2, botocore), `2026-01-02T03:04:05.678Z` (the JS SDK),
 * `2026-01-02T03:04:05UTC` (older AWS CLI releases) and explicit offsets (`+00:00`, `+0000`).
 * A missing zone means UTC. Returns undefined for anything else, impossible dates and times
 * included: `2026-02-31` is not March 3rd, and `25:61` is not the next day.
 */
export function parseExpiresAt(value: string): Date | undefined {
  const match = TIMESTAMP.exec(value.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction = "", zone = "Z"] = match.map((part) => part ?? "") as string[];
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  const offsetMinutes = zoneOffsetMinutes(zone);
  if (offsetMinutes === undefined) return undefined;
  const millis = fraction === "" ? 0 : Number(fraction.slice(0, 3).padEnd(3, "0"));
  const utc = new Date(Date.UTC(2000, mo - 1, d, h, mi, s, millis));
  // setUTCFullYear, not Date.UTC's year: Date.UTC reads 0000-0099 as 1900-1999.
  utc.setUTCFullYear(y);
  return new Date(utc.getTime() - offsetMinutes * 60_000);
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i;

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `Z`/`UTC` → 0; `+01:00`/`-0130` → minutes east of UTC; an offset beyond ±23:59 → undefined. */
function zoneOffsetMinutes(zone: string): number | undefined {
  const upper = zone.toUpperCase();
  if (upper === "Z" || upper === "UTC") return 0;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (hours > 23 || minutes > 59) return undefined;
  return (zone.startsWith("-") ? -1 : 1) * (hours * 60 + minutes);
}

/** The AWS CLI's own format: whole seconds, `Z`. botocore and the JS SDK both read it. */
export function formatExpiresAt(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

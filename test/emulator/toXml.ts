/** A value rendered as XML elements: text, or nested elements in insertion order. */
export type XmlValue = string | number | { readonly [element: string]: XmlValue | undefined };

/** `text` escaped for XML character data. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** The child elements of `value` (undefined members are left out), or its escaped text. */
export function toXml(value: XmlValue): string {
  if (typeof value === "string") return escapeXml(value);
  if (typeof value === "number") return String(value);
  return Object.entries(value)
    .filter((entry): entry is [string, XmlValue] => entry[1] !== undefined)
    .map(([name, child]) => `<${name}>${toXml(child)}</${name}>`)
    .join("");
}

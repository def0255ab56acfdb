import type { CliIo } from "./CliIo.js";

/** How colour is decided, for the help texts. */
export const COLOUR_HELP = `Colours (status and list tables): on when stdout is a terminal, else off. In order, first match wins:
  --no-color                  off
  FORCE_COLOR=0 or =false     off
  FORCE_COLOR=<anything else> on, even in a pipe or file (as in Node.js, it wins over NO_COLOR)
  NO_COLOR=<anything>         off (https://no-color.org)
  TERM=dumb                   off`;

/**
 * Whether a command's output gets ANSI colours, as {@link COLOUR_HELP} says: the command line first,
 * then FORCE_COLOR (Node.js's rule: it wins over NO_COLOR; `0` and `false` mean off), then NO_COLOR,
 * then a terminal that is not dumb. Empty variables count as unset.
 */
export function colourEnabled(io: Pick<CliIo, "env" | "stdoutIsTTY">, noColorFlag: boolean | undefined): boolean {
  if (noColorFlag === true) return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== "") return force !== "0" && force.toLowerCase() !== "false";
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  if (io.env.TERM === "dumb") return false;
  return io.stdoutIsTTY;
}

// Kept only so that code importing the LoginTarget type from here (other branches) still compiles;
// the login command renderer is `loginFixCommand` (./loginFixCommand.ts). Import from ./LoginTarget.js.
export type { LoginTarget } from "./LoginTarget.js";

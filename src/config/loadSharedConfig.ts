import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { join, sep } from "node:path";
import type { CallerWords } from "../errors/CallerWords.js";
import { SharedConfigFileReadError } from "../errors/SharedConfigFileReadError.js";
import { mergeSharedConfigFiles } from "./mergeSharedConfigFiles.js";
import { parseSharedConfigFile } from "./parseSharedConfigFile.js";
import { resolveHomeDir } from "./resolveHomeDir.js";
import type { SharedConfig } from "./SharedConfig.js";

export interface LoadSharedConfigOptions {
  /** The config file; else AWS_CONFIG_FILE; else `~/.aws/config`. */
  configFilepath?: string;
  /** The credentials file; else AWS_SHARED_CREDENTIALS_FILE; else `~/.aws/credentials`. */
  filepath?: string;
  /** The home directory, for the default paths and for a leading `~/`; found as the SDKs find it when not given. */
  homeDir?: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** For the errors' advice: the caller's own names for settings. */
  words?: CallerWords;
}

export interface LoadedSharedConfig {
  /** The config file read (or found missing), `~/` expanded. */
  readonly configPath: string;
  /** Whether the config file exists: a missing one reads as empty. */
  readonly configExists: boolean;
  /** The credentials file read (or found missing), `~/` expanded. */
  readonly credentialsPath: string;
  readonly config: SharedConfig;
}

/**
 * Reads the shared config and credentials files (concurrently) and merges them. A missing file reads as
 * an empty one. Throws `SharedConfigFileReadError` when a file exists but cannot be read,
 * `ConfigFileParseError` when one breaks the format, and `HomeDirectoryNotFoundError` when a path needs
 * the home directory and there is none.
 */
export async function loadSharedConfig(options: LoadSharedConfigOptions = {}): Promise<LoadedSharedConfig> {
  const env = options.env ?? process.env;
  // Looked up only when a path needs it: explicit absolute paths work without a home directory.
  let home: string | undefined;
  const homeDir = (): string => (home ??= resolveHomeDir({ homeDir: options.homeDir, env, words: options.words }));

  const configPath = expandHome(options.configFilepath || env.AWS_CONFIG_FILE, "config", homeDir);
  const credentialsPath = expandHome(options.filepath || env.AWS_SHARED_CREDENTIALS_FILE, "credentials", homeDir);
  const [configText, credentialsText] = await Promise.all([
    readOptionalFile(configPath, options.words),
    readOptionalFile(credentialsPath, options.words),
  ]);
  const merged = mergeSharedConfigFiles(
    parseSharedConfigFile(configText ?? "", "config", configPath),
    parseSharedConfigFile(credentialsText ?? "", "credentials", credentialsPath),
  );
  const configExists = configText !== undefined;
  const config = { ...merged, configFile: { exists: configExists, unprefixedSections: unprefixedSections(configText ?? "") } };
  return { configPath, configExists, credentialsPath, config };
}

/**
 * The `[NAME]` section lines of a config file, `[default]` apart: the format reads them as nothing (a
 * profile there is `[profile NAME]`), and a "profile not found" says so when one has the name asked for.
 */
function unprefixedSections(text: string): string[] {
  return [...text.matchAll(/^\[[ \t]*([^\s\]]+)[ \t]*\]/gm)].map((match) => match[1] as string).filter((name) => name !== "default");
}

function expandHome(path: string | undefined, defaultName: string, homeDir: () => string): string {
  if (!path) return join(homeDir(), ".aws", defaultName);
  if (path.startsWith("~/") || (sep === "\\" && path.startsWith("~\\"))) return join(homeDir(), path.slice(2));
  return path;
}

/** The file's text, or undefined when there is no such file. */
async function readOptionalFile(path: string, words: CallerWords | undefined): Promise<string | undefined> {
  try {
    // O_NONBLOCK: a FIFO would otherwise block the open until a writer came, forever.
    const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) {
        const code = stats.isDirectory() ? "EISDIR" : "not a regular file";
        throw new SharedConfigFileReadError({ path, cause: Object.assign(new Error(`${path}: ${code}`), { code }), words });
      }
      return await handle.readFile("utf8");
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof SharedConfigFileReadError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTDIR: a parent of the path is a file, so the file cannot exist either.
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw new SharedConfigFileReadError({ path, cause: error, words });
  }
}

import type { CallerWords } from "../errors/CallerWords.js";
import { SsoTokenCacheWriteError } from "../errors/SsoTokenCacheWriteError.js";
import { writeFileAtomic } from "../files/writeFileAtomic.js";

/** Writes a token cache file atomically (0600, in a 0700 directory); a failure is an {@link SsoTokenCacheWriteError}. */
export async function writeTokenFile(path: string, text: string, words?: CallerWords): Promise<void> {
  try {
    await writeFileAtomic(path, text);
  } catch (error) {
    throw new SsoTokenCacheWriteError({ path, cause: error, words });
  }
}

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { settings } from '../../runtime/settings.ts';
import { exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, importSPKI, type CryptoKey } from 'jose';

// The local development key pair: made on first use under `.data/dev-keys` (never committed), so
// `npm run token` and `npm start` agree without any set-up. Production never uses it.

export const DEV_ALGORITHM = 'ES256';
export const DEV_KEY_DIR = '.data/dev-keys';

export interface DevelopmentKeys {
  directory: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The public key as PEM (SPKI), for an API that trusts it through AUTH_PUBLIC_KEY_FILE (`npm run token -- --public-key`). */
  publicKeyPem: string;
}

export async function developmentKeys(directory = settings().AUTH_DEV_KEY_DIR ?? DEV_KEY_DIR): Promise<DevelopmentKeys> {
  const path = join(directory, 'keys.json');
  let stored: { privateKey: string; publicKey: string };
  try {
    stored = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const pair = await generateKeyPair(DEV_ALGORITHM, { extractable: true });
    stored = { privateKey: await exportPKCS8(pair.privateKey), publicKey: await exportSPKI(pair.publicKey) };
    await mkdir(directory, { recursive: true });
    try {
      // One file, created only if absent: two processes starting at once end up with one pair.
      await writeFile(path, JSON.stringify(stored), { mode: 0o600, flag: 'wx' });
    } catch (raced) {
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
      stored = JSON.parse(await readFile(path, 'utf8'));
    }
  }
  return {
    directory,
    privateKey: await importPKCS8(stored.privateKey, DEV_ALGORITHM),
    publicKey: await importSPKI(stored.publicKey, DEV_ALGORITHM),
    publicKeyPem: stored.publicKey,
  };
}

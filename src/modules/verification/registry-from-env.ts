import { FilePersonRegistry } from './file-registry.ts';
import { DEFAULT_TIMEOUT_MS, HttpPersonRegistry } from './http-registry.ts';
import type { PersonRegistry } from './person-registry.ts';

/**
 * The person registry the environment configures: `PERSON_REGISTRY_URL` (HTTP, with
 * `PERSON_REGISTRY_TIMEOUT_MS`, default 3000) or `PERSON_REGISTRY_FILE` (development); null when
 * neither is set. Throws for a configuration that cannot work, so a server never starts half-configured.
 */
export async function registryFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<PersonRegistry | null> {
  const url = env.PERSON_REGISTRY_URL?.trim();
  const file = env.PERSON_REGISTRY_FILE?.trim();
  if (url && file) throw new Error('Set PERSON_REGISTRY_URL or PERSON_REGISTRY_FILE, not both');
  if (file) return FilePersonRegistry.load(file);
  if (!url) return null;
  const timeout = env.PERSON_REGISTRY_TIMEOUT_MS?.trim();
  const timeoutMs = timeout ? Number(timeout) : DEFAULT_TIMEOUT_MS;
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0) throw new Error('PERSON_REGISTRY_TIMEOUT_MS must be a whole number of milliseconds above 0');
  return new HttpPersonRegistry({ baseUrl: url, timeoutMs });
}

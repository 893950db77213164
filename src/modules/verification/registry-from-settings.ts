import { FilePersonRegistry } from './file-registry.ts';
import { HttpPersonRegistry } from './http-registry.ts';
import { settings, type Settings } from '../../runtime/settings.ts';
import type { PersonRegistry } from './person-registry.ts';

/**
 * The person registry the settings configure: `PERSON_REGISTRY_URL` (HTTP, with
 * `PERSON_REGISTRY_TIMEOUT_MS`) or `PERSON_REGISTRY_FILE` (development); null when neither is set.
 * Both set is refused by the settings' own rules; a file that is not a registry stops the start here.
 */
export async function registryFrom(from: Settings = settings()): Promise<PersonRegistry | null> {
  if (from.PERSON_REGISTRY_FILE) return FilePersonRegistry.load(from.PERSON_REGISTRY_FILE);
  if (!from.PERSON_REGISTRY_URL) return null;
  return new HttpPersonRegistry({ baseUrl: from.PERSON_REGISTRY_URL, timeoutMs: from.PERSON_REGISTRY_TIMEOUT_MS });
}

import { settings, type Settings } from '../../runtime/settings.ts';
import { FileLabourContractRegistry } from './file-registry.ts';
import { HttpLabourContractRegistry } from './http-registry.ts';
import type { LabourContractRegistry } from './labour-contract-registry.ts';

/**
 * The labour-contract register the settings configure: `LABOUR_CONTRACT_REGISTRY_URL` (HTTP, with
 * `LABOUR_CONTRACT_REGISTRY_TIMEOUT_MS`) or `LABOUR_CONTRACT_REGISTRY_FILE` (development); null
 * when neither is set. Both set is refused by the settings' own rules; a file that is not a
 * register stops the start here.
 */
export async function labourContractRegistryFrom(from: Settings = settings()): Promise<LabourContractRegistry | null> {
  if (from.LABOUR_CONTRACT_REGISTRY_FILE) return FileLabourContractRegistry.load(from.LABOUR_CONTRACT_REGISTRY_FILE);
  if (!from.LABOUR_CONTRACT_REGISTRY_URL) return null;
  return new HttpLabourContractRegistry({ baseUrl: from.LABOUR_CONTRACT_REGISTRY_URL, timeoutMs: from.LABOUR_CONTRACT_REGISTRY_TIMEOUT_MS });
}

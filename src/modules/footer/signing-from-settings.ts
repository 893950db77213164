import { settings, type Settings } from '../../runtime/settings.ts';
import { HttpExternalVerifier } from './external-verifier.ts';
import type { Signing } from './signature-verification.ts';
import { TrustStore } from './trust-store.ts';

/**
 * What signing is checked against, as the settings configure it: the CA certificates of
 * `SIGNATURE_TRUST_DIR` and the verifier at `SIGNATURE_VERIFIER_URL` (if set); null without a
 * trust folder (signing is then refused). A folder without certificates stops the start here.
 */
export async function signingFrom(from: Settings = settings()): Promise<Signing | null> {
  if (!from.SIGNATURE_TRUST_DIR) return null;
  const trust = await TrustStore.load(from.SIGNATURE_TRUST_DIR);
  const external = from.SIGNATURE_VERIFIER_URL ? new HttpExternalVerifier({ url: from.SIGNATURE_VERIFIER_URL, timeoutMs: from.SIGNATURE_VERIFIER_TIMEOUT_MS }) : null;
  return { trust, external };
}

import type { SqlEntityManager } from '@mikro-orm/sql';
import { byId, entriesByCard } from '../../db/loaders.ts';
import { CardSignature } from './footer.entity.ts';

export function footerLoaders(em: SqlEntityManager) {
  return {
    // Signatures are never voided: they are evidence of what was signed.
    signaturesByCard: entriesByCard(em, CardSignature, { orderBy: { signedAt: 'asc', id: 'asc' }, voidable: false }),
    signatureById: byId(em, CardSignature),
  };
}

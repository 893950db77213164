import type { SqlEntityManager } from '@mikro-orm/sql';
import { byId, entriesByCard } from '../../db/loaders.ts';
import { CardSignature } from './footer.entity.ts';

export function footerLoaders(em: SqlEntityManager) {
  return {
    signaturesByCard: entriesByCard(em, CardSignature, { orderBy: ['signedAt', 'id'] }),
    signatureById: byId(em, CardSignature),
  };
}

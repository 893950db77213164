import type { Context } from '../../api/context.ts';
import { payload } from '../../api/payload.ts';
import { idOf } from '../../api/relay.ts';
import type { Resolvers } from '../../generated/graphql.ts';
import type { Card } from '../card/card.entity.ts';
import { cardDocument, sha256 } from '../card/card-document.ts';
import { viewOf } from '../card/card-view.ts';
import { cards } from '../card/card.store.ts';
import { changeDeps } from '../card/mutation.ts';
import { wholeCardIn } from '../card/whole-card.ts';
import type { CardSignature } from './footer.entity.ts';
import { signCard, takeOverCard, updateFooter } from './footer.service.ts';
import { signatures } from './section.ts';

// The document is read by two fields of one status object; made once per card object.
const documents = new WeakMap<Card, Promise<string>>();
const documentOf = (context: Context, card: Card) => {
  if (!documents.has(card)) documents.set(card, wholeCardIn(viewOf(context, card), card).then(cardDocument));
  return documents.get(card)!;
};

const signaturesOf = (context: Context, card: Card) => viewOf(context, card).list(signatures, card.id);

/** The card version a signature is compared with: the current one, or the one shown as of a past moment. */
async function versionNow(context: Context, signature: CardSignature): Promise<number> {
  const past = viewOf(context, signature).asOf;
  return past ? past.card.version : (await context.loaders.get(cards.byId).load(signature.card))!.version;
}

const latestIn = async (context: Context, card: Card, role: 'EXECUTOR' | 'HEAD') =>
  (await signaturesOf(context, card)).findLast((s) => s.role === role) ?? null;

const ofCurrentVersion = async (context: Context, card: Card, role: 'EXECUTOR' | 'HEAD') =>
  (await signaturesOf(context, card)).findLast((s) => s.role === role && s.cardVersion === card.version) ?? null;

export const footerResolvers: Resolvers = {
  Card: {
    footer: (card) => card,
    signatures: (card) => card,
  },
  CardFooter: {
    organisation: (card) => card.organisation ?? null,
    keptBy: (card) => (card.executorSubject || card.executorName ? { userId: card.executorSubject ?? null, fullName: card.executorName ?? null } : null),
    // The names come from the signers; before any signature, the executor who keeps the card, or the head's name typed before signing was verified.
    executor: async (card, _, context) => {
      const fullName = (await latestIn(context, card, 'EXECUTOR'))?.signerName ?? card.executorName;
      return fullName ? { card, role: 'EXECUTOR', fullName } : null;
    },
    head: async (card, _, context) => {
      const fullName = (await latestIn(context, card, 'HEAD'))?.signerName ?? card.headName;
      return fullName ? { card, role: 'HEAD', fullName } : null;
    },
    filledOn: (card) => card.filledOn ?? null,
    signatures: (card, _, context) => signaturesOf(context, card),
  },
  Signatory: {
    signature: ({ card, role }, _, context) => latestIn(context, card, role),
  },
  CardSignature: {
    signerId: (signature) => signature.signerSubject ?? null,
    coversCurrentVersion: async (signature, _, context) => signature.cardVersion === (await versionNow(context, signature)),
  },
  CardSignatureStatus: {
    currentVersion: (card) => card.version,
    document: (card, _, context) => documentOf(context, card),
    digest: async (card, _, context) => sha256(await documentOf(context, card)),
    executor: (card, _, context) => ofCurrentVersion(context, card, 'EXECUTOR'),
    head: (card, _, context) => ofCurrentVersion(context, card, 'HEAD'),
    covered: async (card, _, context) => Boolean((await ofCurrentVersion(context, card, 'EXECUTOR')) && (await ofCurrentVersion(context, card, 'HEAD'))),
    all: (card, _, context) => signaturesOf(context, card),
  },
  Mutation: {
    cardUpdateFooter: async (_, { id, version, input }, context) =>
      payload(context, await updateFooter(changeDeps(context), idOf(id, ['Card'], 'id'), version, input), () => ({})),
    cardTakeOver: async (_, { id, version }, context) =>
      payload(context, await takeOverCard(changeDeps(context), idOf(id, ['Card'], 'id'), version), () => ({})),
    cardSign: async (_, { id, version, input }, context) =>
      payload(context, await signCard(changeDeps(context, 'sign'), idOf(id, ['Card'], 'id'), version, input), (signature) => ({ signature })),
  },
};

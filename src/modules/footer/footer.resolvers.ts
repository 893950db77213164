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
import { signCard, updateFooter } from './footer.service.ts';
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

const ofCurrentVersion = async (context: Context, card: Card, role: 'EXECUTOR' | 'HEAD') =>
  (await signaturesOf(context, card)).findLast((s) => s.role === role && s.cardVersion === card.version) ?? null;

export const footerResolvers: Resolvers = {
  Card: {
    footer: (card) => card,
    signatures: (card) => card,
  },
  CardFooter: {
    organisation: (card) => card.organisation ?? null,
    executor: (card) => (card.executorName ? { card, role: 'EXECUTOR', fullName: card.executorName } : null),
    head: (card) => (card.headName ? { card, role: 'HEAD', fullName: card.headName } : null),
    filledOn: (card) => card.filledOn ?? null,
    signatures: (card, _, context) => signaturesOf(context, card),
  },
  Signatory: {
    signature: async ({ card, role }, _, context) => (await signaturesOf(context, card)).findLast((s) => s.role === role) ?? null,
  },
  CardSignature: {
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
    cardSign: async (_, { id, version, input }, context) =>
      payload(context, await signCard(changeDeps(context, 'sign'), idOf(id, ['Card'], 'id'), version, input), (signature) => ({ signature })),
  },
};

import type { Resolvers } from '../../generated/graphql.ts';
import { sectionsOf, type Context } from '../../graphql/context.ts';
import { changeDeps, payload } from '../../api/payload.ts';
import { idOf, toGlobalId } from '../../api/relay.ts';
import type { Card } from '../card/card.entity.ts';
import type { CardSections } from '../card/card-sections.ts';
import type { CardSignature } from './footer.entity.ts';
import { canonicalDocument, sha256, signCard, updateFooter, type CardContent } from './footer.service.ts';

const WHOLE_LIST = Number.MAX_SAFE_INTEGER - 1;

/** A card's content read through its sections (live, or as of a past moment). */
async function contentOf(sections: CardSections, card: Card): Promise<CardContent> {
  const all = { cardId: card.id, size: WHOLE_LIST, after: null, filter: null, includeVoided: true };
  const activeMeasures = (await sections.activeMeasures(all)).rows;
  const families = await Promise.all(activeMeasures.filter((m) => m.kind === 'RELOCATION').map((m) => sections.familyMembers(m.id)));
  return {
    card,
    education: await sections.education(card.id),
    registrations: await sections.registrations(card.id),
    careerGuidance: await sections.careerGuidance(card.id),
    referrals: (await sections.referrals(all)).rows,
    activeMeasures,
    familyMembers: families.flat(),
    specialWorkplaces: await sections.specialWorkplaces(card.id),
    visits: (await sections.visits(all)).rows,
    employmentPlan: await sections.employmentPlan(card.id),
  };
}

// The document is read by two fields of one status object; compute it once per card object.
const documents = new WeakMap<Card, Promise<string>>();
const documentOf = (context: Context, card: Card) => {
  if (!documents.has(card)) documents.set(card, contentOf(sectionsOf(context, card), card).then(canonicalDocument));
  return documents.get(card)!;
};

/** The card version a signature is compared with: the current one, or the one shown as of a past moment. */
async function versionNow(context: Context, signature: CardSignature): Promise<number> {
  const past = sectionsOf(context, signature).asOf;
  return past ? past.card.version : (await context.loaders.cardById.load(signature.card))!.version;
}

const ofCurrentVersion = async (context: Context, card: Card, role: 'EXECUTOR' | 'HEAD') =>
  (await sectionsOf(context, card).signatures(card.id)).findLast((s) => s.role === role && s.cardVersion === card.version) ?? null;

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
    signatures: (card, _, context) => sectionsOf(context, card).signatures(card.id),
  },
  Signatory: {
    signature: async ({ card, role }, _, context) =>
      (await sectionsOf(context, card).signatures(card.id)).findLast((s) => s.role === role) ?? null,
  },
  CardSignature: {
    id: (signature) => toGlobalId('CardSignature', signature.id),
    coversCurrentVersion: async (signature, _, context) => signature.cardVersion === (await versionNow(context, signature)),
  },
  CardSignatureStatus: {
    currentVersion: (card) => card.version,
    document: (card, _, context) => documentOf(context, card),
    digest: async (card, _, context) => sha256(await documentOf(context, card)),
    executor: (card, _, context) => ofCurrentVersion(context, card, 'EXECUTOR'),
    head: (card, _, context) => ofCurrentVersion(context, card, 'HEAD'),
    covered: async (card, _, context) =>
      Boolean((await ofCurrentVersion(context, card, 'EXECUTOR')) && (await ofCurrentVersion(context, card, 'HEAD'))),
    all: (card, _, context) => sectionsOf(context, card).signatures(card.id),
  },
  Mutation: {
    cardUpdateFooter: async (_, { id, version, input }, context) =>
      payload(context, await updateFooter(changeDeps(context), idOf(id, ['Card'], 'id'), version, input), () => ({})),
    cardSign: async (_, { id, version, input }, context) =>
      payload(context, await signCard(changeDeps(context, 'sign'), idOf(id, ['Card'], 'id'), version, input), (signature) => ({ signature })),
  },
};

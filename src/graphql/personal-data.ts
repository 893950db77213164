import { defaultFieldResolver, isObjectType, type GraphQLSchema } from 'graphql';
import type { Context } from '../api/context.ts';
import { EMBEDDED_MASKS } from '../modules/access/embedded-masks.ts';
import { JsonMasker, masked, personalDataOf } from '../modules/access/personal-data.ts';
import { Card } from '../modules/card/card.entity.ts';

// The schema's `@personalData`, applied to every field it marks, in one place:
//  - the read audit: a field of a card or of one of its entries notes its card as it resolves;
//  - masking: a caller who sees personal data masked (`access.masked`, an analyst) gets the
//    field's `masking` instead of the value, inside recorded JSON too.
// No resolver masks or audits by hand; a field marked INSIDE with no way to mask inside stops the server.

/** The card an object belongs to: a card, an entry (which names its card), or a part of a card (which holds it). */
function cardIdOf(parent: unknown): string | null {
  if (parent instanceof Card) return parent.id;
  const card = (parent as { card?: unknown } | null)?.card;
  if (typeof card === 'string') return card;
  return card instanceof Card ? card.id : null;
}

const isPromise = (value: unknown): value is Promise<unknown> => typeof (value as Promise<unknown> | null)?.then === 'function';

export function applyPersonalData(schema: GraphQLSchema): GraphQLSchema {
  const json = new JsonMasker(schema);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const { personal, masking } = personalDataOf(type, field);
      if (!personal) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      let mask: ((value: unknown, parent: unknown) => unknown) | null = null;
      if (masking === 'INSIDE') {
        const inside = EMBEDDED_MASKS[`${type.name}.${field.name}`];
        if (!inside) throw new Error(`${type.name}.${field.name} is masked INSIDE, but nothing says what its JSON records`);
        mask = (value, parent) => (value == null ? value : inside(value, parent, json));
      } else if (masking) {
        mask = (value) => masked(masking, value, field);
      }
      field.resolve = (parent, args, context: Context, info) => {
        const cardId = cardIdOf(parent);
        if (cardId) context.cardsRead.saw(cardId);
        const value = resolve(parent, args, context, info);
        if (!mask || !context.access.masked) return value;
        return isPromise(value) ? value.then((resolved) => mask(resolved, parent)) : mask(value, parent);
      };
    }
  }
  return schema;
}

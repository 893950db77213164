import { defaultFieldResolver, type GraphQLInterfaceType, type GraphQLSchema } from 'graphql';
import type { Context } from '../../graphql/context.ts';
import { Card } from '../card/card.entity.ts';

// Which cards a request returned personal data of, seen where the data leaves: every field of a
// card or of an entry of one (the types implementing Node, career centers aside) notes its card
// as it resolves. Ids alone are not personal data. Everything else of a card is reached through
// these types (the schema test keeps it so), so no route escapes the audit.

/** Types that implement Node without belonging to a card. */
const NOT_CARD_DATA = new Set(['CareerCenter']);

const cardIdOf = (parent: Card | { card: string }) => (parent instanceof Card ? parent.id : parent.card);

/** Wraps the resolvers of card data so that each notes its card in `context.cardsRead`. */
export function auditCardReads(schema: GraphQLSchema): GraphQLSchema {
  for (const type of schema.getPossibleTypes(schema.getType('Node') as GraphQLInterfaceType)) {
    if (NOT_CARD_DATA.has(type.name)) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.name === 'id') continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (parent, args, context: Context, info) => {
        context.cardsRead.saw(cardIdOf(parent));
        return resolve(parent, args, context, info);
      };
    }
  }
  return schema;
}

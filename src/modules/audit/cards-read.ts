// The cards a request has returned personal data of: noted by every field the schema marks
// `@personalData` as it resolves (src/graphql/personal-data.ts), written once at the end.

/** The cards whose data one request has returned so far. */
export class CardsRead {
  readonly ids = new Set<string>();

  saw(cardId: string): void {
    this.ids.add(cardId);
  }
}

import { defineEntity, p } from '@mikro-orm/core';

const ConsentSchema = defineEntity({
  name: 'Consent',
  embeddable: true,
  properties: {
    givenOn: p.date(),
    /** `ConsentScope` codes; checked by the API's enum on the way in. */
    scope: p.array(),
    withdrawnOn: p.date().nullable(),
  },
});
/** Law No. 94-V on personal data — the consent to the processing of personal data, as last recorded. */
export class Consent extends ConsentSchema.class {}
ConsentSchema.setClass(Consent);

import type { UserErrorCode } from '../../generated/graphql.ts';

// Expected failures of a mutation are data, not exceptions: a service returns them (or throws
// `Rejected` from deep inside a change, which rolls the transaction back) and the resolver puts
// them in the payload's `userErrors`.

export interface UserErrorData {
  field: string[] | null;
  code: UserErrorCode;
  message: string;
}

/** Thrown inside a change to abandon it: the transaction rolls back and the errors are reported. */
export class Rejected extends Error {
  readonly errors: UserErrorData[];

  constructor(errors: UserErrorData[]) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'Rejected';
    this.errors = errors;
  }
}

export function userError(field: string[] | null, code: UserErrorCode, message: string): UserErrorData {
  return { field, code, message };
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; errors: UserErrorData[] };

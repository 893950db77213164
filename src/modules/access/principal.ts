// Who calls the API, as a verified token says (roles). Services see only this.

export const ROLES = ['CASEWORKER', 'HEAD', 'ANALYST', 'CITIZEN', 'INTEGRATION'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** The token's subject: a user id, or for a CITIZEN their own IIN. */
  subject: string;
  role: Role;
  /** CASEWORKER and HEAD: the code of the career center they work at. */
  careerCenter: string | null;
  /** For the history: how the user is called. */
  name: string | null;
  /**
   * The person's IIN: a staff token's `iin` claim, a CITIZEN's subject; null when the token names
   * none. A signature's certificate must name the same IIN (footer: signing).
   */
  iin: string | null;
}

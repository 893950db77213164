/**
 * A request argument that cannot be used: malformed id or cursor, unknown code, impossible range.
 * Thrown by services; the GraphQL layer reports it as BAD_USER_INPUT naming the argument.
 */
export class InvalidInput extends Error {
  readonly argument: string;

  constructor(argument: string, problem: string) {
    super(`Invalid value for argument "${argument}": ${problem}`);
    this.name = 'InvalidInput';
    this.argument = argument;
  }
}

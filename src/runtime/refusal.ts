/**
 * A start refused for a reason the operator can fix (a bad setting, a port or database in use):
 * the command says it in one line and exits with `status` (sysexits.h), no stack.
 */
export class Refusal extends Error {
  readonly status: number;

  constructor(message: string, status: number) {
    super(message);
    this.name = 'Refusal';
    this.status = status;
  }
}

/** sysexits.h: the configuration is wrong. */
export const EX_CONFIG = 78;
/** sysexits.h: something the command needs is busy now; try again later. */
export const EX_TEMPFAIL = 75;
/** sysexits.h: the input data is wrong (a command's input file, not its arguments). */
export const EX_DATAERR = 65;
/** sysexits.h: an input file does not exist or cannot be read. */
export const EX_NOINPUT = 66;

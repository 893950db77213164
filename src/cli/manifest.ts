import { refuse, startCommand } from './command.ts';
import { EX_DATAERR, EX_NOINPUT } from '../runtime/refusal.ts';

// npm run manifest: the trusted-documents manifest (Apollo's persisted-query manifest format) of a
// client's operations, one operation per file, each checked against the schema first. Serve it
// with TRUSTED_DOCUMENTS=<file>: then only these operations run.

const { values, positionals: files } = startCommand({
  usage: 'npm run manifest -- [--out FILE] OPERATION.graphql…',
  summary: 'Writes the trusted-documents manifest of a client\'s operations (one named operation per file, each checked against the schema);\n'
    + 'the API run with TRUSTED_DOCUMENTS=FILE runs only these.\n'
    + `Exit status: 0 done; ${EX_DATAERR} a file that is not one valid operation; ${EX_NOINPUT} a file that cannot be read; 1 failure; 64 bad arguments.`,
  options: {
    out: { type: 'string', value: 'FILE', help: 'where to write the manifest (default: standard output)' },
  },
  positionals: { min: 1, max: Number.MAX_SAFE_INTEGER },
  settings: ['LOG_LEVEL'],
});

const [{ readFile, writeFile }, { Kind, parse, validate }, { TrustedDocuments }, { buildSchema }] = await Promise.all([
  import('node:fs/promises'), import('graphql'), import('../http/persisted-queries.ts'), import('../graphql/schema.ts'),
]);

const schema = buildSchema();
const operations = [];
for (const file of files) {
  const body = (await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => refuse(`${file}: cannot be read (${error.code ?? error.message})`, EX_NOINPUT))).trim();
  let document;
  try {
    document = parse(body);
  } catch (error) {
    refuse(`${file}: ${(error as Error).message}`, EX_DATAERR);
  }
  const errors = validate(schema, document);
  if (errors.length) refuse(`${file}: ${errors.map((e) => e.message).join('; ')}`, EX_DATAERR);
  const defined = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (defined.length !== 1 || !defined[0]!.name) refuse(`${file}: must hold exactly one named operation`, EX_DATAERR);
  operations.push({ name: defined[0]!.name.value, type: defined[0]!.operation, body });
}
const manifest = JSON.stringify(TrustedDocuments.manifest(operations), null, 2);
if (values.out) {
  await writeFile(values.out, `${manifest}\n`);
  process.stdout.write(`Wrote ${operations.length} operations to ${values.out}\n`);
} else {
  process.stdout.write(`${manifest}\n`);
}

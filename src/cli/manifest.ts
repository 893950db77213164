import { refuse, startCommand } from './command.ts';
import { EX_DATAERR, EX_NOINPUT } from '../runtime/refusal.ts';

// npm run manifest: the trusted-documents manifest of a client's operation files, written by the
// standard tool — the codegen client preset, configured as for the apps of clients/ (codegen.ts),
// which `npm run codegen` gives theirs (clients/<app>/generated/persisted-documents.json). Ids are
// the SHA-256 of each printed operation. Each file is checked against the schema first, so a
// wrong one is named. Serve the manifest with TRUSTED_DOCUMENTS=<file>: then only these operations run.

const { values, positionals: files } = startCommand({
  usage: 'npm run manifest -- [--out FILE] OPERATION.graphql…',
  summary: 'Writes the trusted-documents manifest of a client\'s operations (named operations, each file checked against the schema) with the codegen client preset;\n'
    + 'the API run with TRUSTED_DOCUMENTS=FILE runs only these. The apps under clients/ get theirs from `npm run codegen`.\n'
    + `Exit status: 0 done; ${EX_DATAERR} a file that is not valid operations; ${EX_NOINPUT} a file that cannot be read; 1 failure; 64 bad arguments.`,
  options: {
    out: { type: 'string', value: 'FILE', help: 'where to write the manifest (default: standard output)' },
  },
  positionals: { min: 1, max: Number.MAX_SAFE_INTEGER },
  settings: ['LOG_LEVEL'],
});

const [{ readFile, writeFile }, { Kind, parse, validate }, { buildSchema }] = await Promise.all([
  import('node:fs/promises'), import('graphql'), import('../graphql/schema.ts'),
]);

const schema = buildSchema();
for (const file of files) {
  const body = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => refuse(`${file}: cannot be read (${error.code ?? error.message})`, EX_NOINPUT));
  let document;
  try {
    document = parse(body);
  } catch (error) {
    refuse(`${file}: ${(error as Error).message}`, EX_DATAERR);
  }
  const errors = validate(schema, document);
  if (errors.length) refuse(`${file}: ${errors.map((e) => e.message).join('; ')}`, EX_DATAERR);
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operations.length || operations.some((operation) => !operation.name)) refuse(`${file}: must hold named operations only`, EX_DATAERR);
}

// The preset writes persisted-documents.json beside the typed operations; only the manifest is kept.
const [{ generate }, { clientTarget, SCHEMA }] = await Promise.all([import('@graphql-codegen/cli'), import('../../codegen.ts')]);
const outputs = await generate({ schema: SCHEMA, silent: true, generates: { 'manifest/': clientTarget(files) } }, false);
const manifest = outputs.find((output: { filename: string; content: string }) => output.filename.endsWith('persisted-documents.json'))!.content;
if (values.out) {
  await writeFile(values.out, `${manifest}\n`);
  process.stdout.write(`Wrote ${Object.keys(JSON.parse(manifest)).length} operations to ${values.out}\n`);
} else {
  process.stdout.write(`${manifest}\n`);
}

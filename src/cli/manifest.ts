import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Kind, parse, validate } from 'graphql';
import { TrustedDocuments } from '../http/persisted-queries.ts';
import { buildSchema } from '../graphql/schema.ts';

// npm run manifest -- dev/mobile/*.graphql --out trusted-documents.json
// Writes the trusted-documents manifest (Apollo's persisted-query manifest format) of a client's
// operations, one operation per file, each checked against the schema first. Serve it with
// TRUSTED_DOCUMENTS=<file>: then only these operations run.

const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' } } });
if (!positionals.length) {
  console.error('usage: npm run manifest -- <operation.graphql>… [--out manifest.json]');
  process.exit(1);
}
const schema = buildSchema();
const operations = [];
for (const file of positionals) {
  const body = (await readFile(file, 'utf8')).trim();
  const document = parse(body);
  const errors = validate(schema, document);
  if (errors.length) throw new Error(`${file}: ${errors.map((e) => e.message).join('; ')}`);
  const defined = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (defined.length !== 1 || !defined[0]!.name) throw new Error(`${file}: must hold exactly one named operation`);
  operations.push({ name: defined[0]!.name.value, type: defined[0]!.operation, body });
}
const manifest = JSON.stringify(TrustedDocuments.manifest(operations), null, 2);
if (values.out) {
  await writeFile(values.out, `${manifest}\n`);
  console.log(`Wrote ${operations.length} operations to ${values.out}`);
} else {
  console.log(manifest);
}

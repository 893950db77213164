import { writeFileSync } from 'node:fs';
import { buildASTSchema, parse } from 'graphql';
import { readTypeDefs } from '../graphql/schema.ts';
import { importRecordSchema, printRecordSchema, RECORD_SCHEMA_URL } from '../modules/import/record-schema.ts';

// Writes the import format (schema/import/card-record.schema.json) from the SDL; part of
// `npm run codegen`. The SDL alone, without the resolvers, as graphql-codegen reads it: the file
// follows the contract even while the resolvers are being brought in line with a change to it.

writeFileSync(RECORD_SCHEMA_URL, printRecordSchema(importRecordSchema(buildASTSchema(parse(readTypeDefs().join('\n'))))));

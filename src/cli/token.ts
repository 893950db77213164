import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { authFrom } from '../modules/access/auth-config.ts';
import { developmentKeys } from '../modules/access/dev-keys.ts';
import { ROLES, type Role } from '../modules/access/principal.ts';
import { signToken } from '../modules/access/tokens.ts';

// npm run token -- --role CASEWORKER --center CC-KZ-75-002 [--sub caseworker-1] [--name "…"] [--expires-in 8h]
// npm run token -- --role CITIZEN --sub <IIN>
// npm run token -- --public-key     (writes the development key's public half, for compose.yaml)
// Signs a token with the local development key, for demos and tests. Only an API that trusts the
// development key accepts it (no AUTH_JWKS_URL or AUTH_PUBLIC_KEY_FILE configured).

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    center: { type: 'string' },
    sub: { type: 'string' },
    name: { type: 'string' },
    'expires-in': { type: 'string', default: '8h' },
    'public-key': { type: 'boolean', default: false },
  },
});
// The API in compose.yaml trusts the public half through AUTH_PUBLIC_KEY_FILE (a secret mounted from
// this file), so these tokens work there while the private half never leaves this machine. Written
// here, not printed for a redirect: `npm run` adds its own lines to stdout.
if (values['public-key']) {
  const keys = await developmentKeys();
  const file = join(keys.directory, 'public.pem');
  await writeFile(file, keys.publicKeyPem);
  console.log(file);
  process.exit(0);
}
const role = values.role?.toUpperCase() as Role;
if (!ROLES.includes(role)) {
  console.error(`usage: npm run token -- --role ${ROLES.join('|')} [--center <career center code>] [--sub <id, or a citizen's IIN>] [--name <name>] [--expires-in 8h]`);
  process.exit(1);
}
if ((role === 'CASEWORKER' || role === 'HEAD') && !values.center) {
  console.error(`a ${role} works at a career center: give --center <code> (e.g. CC-KZ-75-002)`);
  process.exit(1);
}
if (role === 'CITIZEN' && !/^\d{12}$/.test(values.sub ?? '')) {
  console.error('a CITIZEN is known by their IIN: give --sub <IIN>');
  process.exit(1);
}
if (process.env.AUTH_JWKS_URL || process.env.AUTH_PUBLIC_KEY_FILE) {
  console.error('This API is configured to trust another issuer; the development key would not be accepted.');
  process.exit(1);
}
const settings = await authFrom();
const { privateKey } = await developmentKeys();
const token = await signToken(privateKey, {
  subject: values.sub ?? `${role.toLowerCase()}-dev`, role, careerCenter: values.center ?? null, name: values.name ?? null,
}, { issuer: settings.issuer, audience: settings.audience, expiresIn: values['expires-in'] });
console.log(token);
console.error(`Send it as the header   Authorization: Bearer <token>   (GraphiQL: Headers tab, {"Authorization": "Bearer …"})`);

import { refuse, startCommand } from './command.ts';
import { EX_CONFIG } from '../runtime/refusal.ts';
import { ROLES, type Role } from '../modules/access/principal.ts';

// npm run token: a development token signed with the local development key, for demos and tests.
// Only an API that trusts the development key (no AUTH_JWKS_URL or AUTH_PUBLIC_KEY_FILE) accepts it.
// The work's modules load only once the arguments and the settings are good (as in main.ts).

const { values, settings } = startCommand({
  usage: 'npm run token -- --role ROLE [--center CODE] [--sub ID] [--name NAME] [--iin IIN] [--expires-in 8h] | npm run token -- --public-key',
  summary: 'Prints a token signed with the development key (.data/dev-keys), which an API without AUTH_JWKS_URL or AUTH_PUBLIC_KEY_FILE trusts.\n'
    + 'A CASEWORKER or HEAD needs --center; a CITIZEN is known by their IIN (--sub).\n'
    + '--public-key writes the key\'s public half to public.pem beside it instead, for compose.yaml.\n'
    + 'Exit status: 0 done; 1 failure; 64 bad arguments; 78 a bad setting, or the API configured to trust another issuer.',
  options: {
    role: { type: 'string', value: 'ROLE', help: `the role: ${ROLES.join(', ')}` },
    center: { type: 'string', value: 'CODE', help: 'the career center a CASEWORKER or HEAD works at, e.g. CC-KZ-75-002' },
    sub: { type: 'string', value: 'ID', help: "the subject: a user id, or a citizen's IIN (default: ROLE-dev)" },
    name: { type: 'string', value: 'NAME', help: "the user's name, as the history records it" },
    iin: { type: 'string', value: 'IIN', help: "a CASEWORKER's or HEAD's IIN (12 digits), which their signing certificate names" },
    'expires-in': { type: 'string', default: '8h', value: 'TIME', help: 'how long the token is valid (jose: 30m, 8h, 7d)' },
    'public-key': { type: 'boolean', default: false, help: "write the development key's public half and print where" },
  },
  settings: ['AUTH_JWKS_URL', 'AUTH_PUBLIC_KEY_FILE', 'AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_DEV_KEY_DIR', 'LOG_LEVEL'],
});

const [{ writeFile }, { join }, { authFrom }, { developmentKeys }, { signToken }] = await Promise.all([
  import('node:fs/promises'), import('node:path'), import('../modules/access/auth-config.ts'), import('../modules/access/dev-keys.ts'), import('../modules/access/tokens.ts'),
]);

// The API in compose.yaml trusts the public half through AUTH_PUBLIC_KEY_FILE (a secret mounted from
// this file), so these tokens work there while the private half never leaves this machine. Written
// here, not printed for a redirect: `npm run` adds its own lines to stdout.
if (values['public-key']) {
  const keys = await developmentKeys();
  const file = join(keys.directory, 'public.pem');
  await writeFile(file, keys.publicKeyPem);
  process.stdout.write(`${file}\n`);
  process.exit(0);
}
const role = values.role?.toUpperCase() as Role;
if (!ROLES.includes(role)) refuse(`--role must be one of ${ROLES.join(', ')}${values.role ? `, not "${values.role}"` : ''}. See --help.`);
if ((role === 'CASEWORKER' || role === 'HEAD') && !values.center) refuse(`A ${role} works at a career center: give --center CODE (e.g. CC-KZ-75-002).`);
if (role === 'CITIZEN' && !/^\d{12}$/.test(values.sub ?? '')) refuse('A CITIZEN is known by their IIN: give --sub IIN (12 digits).');
if (values.iin !== undefined && !/^\d{12}$/.test(values.iin)) refuse('--iin is an IIN: 12 digits.');
if (settings.AUTH_JWKS_URL || settings.AUTH_PUBLIC_KEY_FILE) {
  refuse('Configuration: AUTH_JWKS_URL or AUTH_PUBLIC_KEY_FILE is set: the API trusts another issuer and would not accept the development key.', EX_CONFIG);
}
const auth = await authFrom(settings);
const { privateKey } = await developmentKeys();
const token = await signToken(privateKey, {
  subject: values.sub ?? `${role.toLowerCase()}-dev`, role, careerCenter: values.center ?? null, name: values.name ?? null, iin: values.iin ?? null,
}, { issuer: auth.issuer, audience: auth.audience, expiresIn: values['expires-in'] });
process.stdout.write(`${token}\n`);
process.stderr.write('Send it as the header   Authorization: Bearer <token>   (GraphiQL: Headers tab, {"Authorization": "Bearer …"})\n');

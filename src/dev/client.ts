import type { Settings } from '../runtime/settings.ts';

// How the API reaches the development identity provider (identity-provider.ts), apart from the
// provider itself: this file imports no oidc-provider (a development dependency), so a production
// install can load it.

export const DEV_CLIENT_ID = 'employment-card-dev';
/** Not a secret: the development provider accepts nothing else and runs only in development. */
export const DEV_CLIENT_SECRET = 'development-only-client-secret';

/**
 * Whether `npm start` runs the development provider: no OIDC_ISSUER_URL, NODE_ENV not production,
 * DEV_OIDC_PORT not 0.
 */
export const runsDevProvider = (from: Settings): boolean => !from.OIDC_ISSUER_URL && from.NODE_ENV !== 'production' && from.DEV_OIDC_PORT > 0;

/** The development provider's issuer. */
export const devIssuer = (from: Settings): string => `http://localhost:${from.DEV_OIDC_PORT}`;

/** The API's address as the browser reaches it: PUBLIC_URL, or in development http://localhost:PORT. */
export const publicUrlOf = (from: Settings): string => from.PUBLIC_URL ?? `http://localhost:${from.PORT}`;

import type { ApolloServerPlugin } from '@apollo/server';

// HTTP caching of answers. Only a query sent by GET (a persisted query's hash in the URL: what a
// mobile app's HTTP cache keys on) may be kept, and only by the caller's own cache: the answers
// carry personal data, so never `public` (no proxy or CDN keeps them), and they vary by who asks
// (the token, or the session cookie of a browser) and in which language (labels, messages).
// Everything else — POSTs, mutations, answers with errors — is `no-store`. A fixed policy, not
// Apollo's cache-control plugin: that one reads per-field hints we would have to give every type,
// and wraps every resolver to do so (14 % of the CPU on the deep list when it was on).
// Express answers with an ETag, so a kept answer past its age is revalidated (304) cheaply.

/** What a kept answer depends on besides its URL. */
export const VARY = 'Authorization, Cookie, Accept-Language';

/** `Cache-Control` on every GraphQL answer: `private, max-age=<maxAgeSeconds>` for a successful query by GET (0: none), else `no-store`. */
export function httpCachePlugin<TContext extends object>(maxAgeSeconds: number): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response, operation }) {
          const { body, http } = response;
          const succeeded = body.kind === 'single' && !body.singleResult.errors?.length && http.status === undefined;
          if (maxAgeSeconds > 0 && succeeded && request.http?.method === 'GET' && operation?.operation === 'query') {
            http.headers.set('cache-control', `private, max-age=${maxAgeSeconds}`);
            http.headers.set('vary', VARY);
          } else {
            http.headers.set('cache-control', 'no-store');
          }
        },
      };
    },
  };
}

/**
 * The base URL of an outside service the API calls (a registry, a gateway, a verifier), checked
 * at start-up: http(s) only, else a configuration error naming `what`. `name` (host and path) is
 * what the history and logs record: never the URL's credentials or query.
 */
export function httpEndpoint(baseUrl: string, what: string): { base: string; name: string } {
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`the ${what} URL must be http(s), not ${url.protocol}`);
  const path = url.pathname.replace(/\/+$/, '');
  return { base: url.origin + path, name: url.host + path };
}

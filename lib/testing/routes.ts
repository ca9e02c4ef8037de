/**
 * What a request path and method address on the mock server.
 * @internal
 */
export type Route =
  | { kind: 'chat' }
  | { kind: 'responses' }
  | { kind: 'retrieve-response'; id: string }
  | { kind: 'cancel-response'; id: string }
  | { kind: 'models' }
  | { kind: 'not-found' }
  | { kind: 'method-not-allowed'; allow: string };

/**
 * Maps a method and path (with or without the `/v1` prefix) to a route.
 * @internal
 */
export function matchRoute(method: string, pathname: string): Route {
  const path = pathname.replace(/^\/v1(?=\/)/, '').replace(/\/+$/, '');
  const allow = (allowed: string, route: Route): Route =>
    method === allowed ? route : { kind: 'method-not-allowed', allow: allowed };
  if (path === '/chat/completions') return allow('POST', { kind: 'chat' });
  if (path === '/responses') return allow('POST', { kind: 'responses' });
  if (path === '/models') return allow('GET', { kind: 'models' });
  const cancel = /^\/responses\/([^/]+)\/cancel$/.exec(path);
  if (cancel) return allow('POST', { kind: 'cancel-response', id: decodeURIComponent(cancel[1]!) });
  const retrieve = /^\/responses\/([^/]+)$/.exec(path);
  if (retrieve) return allow('GET', { kind: 'retrieve-response', id: decodeURIComponent(retrieve[1]!) });
  return { kind: 'not-found' };
}

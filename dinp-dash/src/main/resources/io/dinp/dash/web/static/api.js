// Calls the public REST API as the signed-in session: JSON in and out, the session's CSRF token on
// every change, and back to the login page when the session has ended.

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error) || ('HTTP ' + status));
    this.status = status;
    this.fields = (body && body.fields) || [];
  }
}

let csrf = null;

/** Remembers the token the sign-in answered with, saving a request. */
export function useCsrfToken(token) {
  csrf = Promise.resolve(token);
}

/** The session's CSRF token, asked once per page (GET /api/v1/session tells it). */
export function csrfToken() {
  if (!csrf) {
    csrf = fetch('/api/v1/session', { headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then(r => (r.ok ? r.json() : {}))
      .then(b => b.csrfToken || '');
  }
  return csrf;
}

export function toLogin() {
  location.assign('/login?next=' + encodeURIComponent(location.pathname + location.search));
}

export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  const signingIn = method === 'POST' && path === '/api/v1/session';
  if (method !== 'GET' && !signingIn) headers['X-CSRF-Token'] = await csrfToken();
  const init = { method, headers, cache: 'no-store', credentials: 'same-origin' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const r = await fetch(path, init);
  const text = await r.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch (e) { json = { error: text.slice(0, 300) }; }
  }
  if (r.status === 401 && !signingIn && path !== '/api/v1/me') {
    toLogin();
  }
  if (!r.ok) throw new ApiError(r.status, json);
  return json;
}

export const get = path => api('GET', path);
export const post = (path, body) => api('POST', path, body);
export const patch = (path, body) => api('PATCH', path, body);
export const del = path => api('DELETE', path);

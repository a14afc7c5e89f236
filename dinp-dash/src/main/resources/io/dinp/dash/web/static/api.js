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

/**
 * How long a call may go unanswered, body included. Browsers wait for ever by default; a request
 * stuck on a connection that will never answer would then freeze the page. Past this it is given
 * up (which also closes that connection), and a GET is asked once more.
 */
export const ANSWER_WITHIN_MS = 20000;

/** Thrown when a call got no (whole) answer within its time. */
export class NoAnswer extends Error {
  constructor(method, path, within) {
    super(method + ' ' + path + ' got no answer in ' + within / 1000 + ' s');
    this.name = 'NoAnswer';
    this.status = 0;
  }
}

/**
 * fetch, and the body as text, within `within` ms. A GET that gets no answer in time, or fails on
 * the network, is asked once more: Chrome fails every request in flight when the machine's network
 * changes (net::ERR_NETWORK_CHANGED), which a DINP agent on the same machine causes whenever it
 * creates an app's Docker network. A change (POST, PATCH, DELETE) is never sent twice.
 */
export async function fetchText(path, init = {}, within = ANSWER_WITHIN_MS) {
  const method = init.method || 'GET';
  for (let attempt = 1; ; attempt++) {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), within);
    let failure;
    try {
      const r = await fetch(path, { ...init, signal: ctl.signal });
      return { r, text: await r.text() };
    } catch (e) {
      if (e.name !== 'AbortError' && !(e instanceof TypeError)) throw e;
      failure = e.name === 'AbortError' ? new NoAnswer(method, path, within) : e;
    } finally {
      clearTimeout(timer);
    }
    const again = method === 'GET' && attempt === 1;
    // in the browser's console (and a test's browser log): which call failed, and what was done
    console.warn('dinp: ' + (failure instanceof NoAnswer ? failure.message : method + ' ' + path + ' failed: ' + failure.message)
      + (again ? '; asking again' : '; given up'));
    if (!again) throw failure;
    if (!(failure instanceof NoAnswer)) await new Promise(resolve => setTimeout(resolve, 500));
  }
}

/** Remembers the token the sign-in answered with, saving a request. */
export function useCsrfToken(token) {
  csrf = Promise.resolve(token);
}

/** The session's CSRF token, asked once per page (GET /api/v1/session tells it). */
export function csrfToken() {
  if (!csrf) {
    csrf = fetchText('/api/v1/session', { headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then(({ r, text }) => (r.ok ? JSON.parse(text) : {}))
      .then(b => b.csrfToken || '', e => { csrf = null; throw e; });
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
  const { r, text } = await fetchText(path, init);
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

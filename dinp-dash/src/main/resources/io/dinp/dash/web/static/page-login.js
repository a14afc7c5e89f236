// The sign-in page: name and password for a session cookie, then on to where the user was going.
import { h, fill } from './dom.js';
import { api, get, useCsrfToken } from './api.js';

/** Only a path of this site, never another origin. */
function nextPath() {
  const next = new URLSearchParams(location.search).get('next') || '/apps';
  return /^\/(?![\/\\])[A-Za-z0-9\-._~\/?=&%]*$/.test(next) && !next.startsWith('/login') ? next : '/apps';
}

async function main() {
  const root = document.getElementById('main');
  try {
    await get('/api/v1/me');
    location.replace(nextPath());
    return;
  } catch (e) { /* not signed in: show the form */ }
  const error = h('p', { class: 'error-text', id: 'login-error', role: 'alert' });
  const name = h('input', { name: 'name', id: 'name', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { name: 'password', id: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { class: 'primary', type: 'submit', id: 'sign-in' }, 'Sign in');
  const form = h('form', { class: 'stack', on: { submit: async ev => {
    ev.preventDefault();
    submit.disabled = true;
    fill(error);
    try {
      const s = await api('POST', '/api/v1/session', { name: name.value, password: password.value });
      useCsrfToken(s.csrfToken);
      location.assign(nextPath());
    } catch (e) {
      fill(error, e.status === 401 ? 'Wrong name or password.' : e.message);
      submit.disabled = false;
    }
  } } },
  h('label', null, 'Name', name), h('label', null, 'Password', password), submit, error);
  fill(root, h('div', { class: 'card login' }, h('h1', null, 'Sign in to DINP'), form,
    h('p', { class: 'muted small' }, 'First time? The user is admin; dinp up wrote the password to DATA_DIR/admin-password.')));
  fill(document.getElementById('top'), h('span', { class: 'brand' }, 'DINP'));
}

main();

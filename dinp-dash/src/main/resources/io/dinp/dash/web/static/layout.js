// The frame of every signed-in page: the top bar (sections, who is signed in, sign out) and one
// banner for problems and results.
import { h, fill } from './dom.js';
import { get, del, toLogin } from './api.js';

const SECTIONS = [['/apps', 'Apps'], ['/nodes', 'Nodes'], ['/accounts', 'Teams & tokens'], ['/audit', 'Audit log']];
const problems = new Map();
let noteTimer = null;

/** Shows who is signed in, then lets render(main, me) build the page. */
export async function start(render) {
  let me;
  try {
    me = await get('/api/v1/me');
  } catch (e) {
    if (e.status === 401) toLogin(); else problem('me', 'Cannot reach DINP: ' + e.message);
    return;
  }
  topBar(me);
  const main = document.getElementById('main');
  fill(main);
  try {
    await render(main, me);
  } catch (e) {
    if (e.status !== 401) fill(main, h('div', { class: 'card' }, h('p', { class: 'error-text', id: 'page-error' }, e.message)));
  }
}

function topBar(me) {
  const here = location.pathname;
  const signOut = h('button', { type: 'button', id: 'sign-out', on: { click: async () => {
    try { await del('/api/v1/session'); } finally { location.assign('/login'); }
  } } }, 'Sign out');
  fill(document.getElementById('top'),
    h('a', { class: 'brand', href: '/apps' }, 'DINP'),
    h('nav', null, SECTIONS.map(([path, label]) =>
      h('a', { href: path, class: here === path || here.startsWith(path + '/') ? 'here' : null }, label))),
    h('span', { class: 'who' }, h('span', { id: 'me' }, me.name + (me.admin ? ' (admin)' : '')), signOut));
}

function showBanner() {
  const b = document.getElementById('banner');
  const list = [...problems.values()];
  if (list.length) {
    b.className = 'banner';
    fill(b, list.join(' · '));
    b.hidden = false;
  } else if (!noteTimer) {
    b.hidden = true;
  }
}

/** A problem that lasts until solved(key), e.g. a view that cannot refresh. */
export function problem(key, message) {
  problems.set(key, message);
  showBanner();
}

export function solved(key) {
  if (problems.delete(key)) showBanner();
}

/** A short message about an action, e.g. "Scaled to 3". */
export function note(message) {
  if (problems.size) return;
  const b = document.getElementById('banner');
  b.className = 'banner note';
  fill(b, message);
  b.hidden = false;
  clearTimeout(noteTimer);
  noteTimer = setTimeout(() => { noteTimer = null; showBanner(); }, 4000);
}

/**
 * Runs an action from a button or form: disables it meanwhile and puts the API's answer (or the
 * reason it refused) next to it.
 */
export async function act(control, errorEl, fn) {
  if (control) control.disabled = true;
  if (errorEl) fill(errorEl);
  try {
    return await fn();
  } catch (e) {
    const text = e.fields && e.fields.length ? e.fields.map(f => f.field + ': ' + f.reason).join('; ') : e.message;
    if (errorEl) fill(errorEl, text); else problem('action', text);
    return undefined;
  } finally {
    if (control) control.disabled = false;
  }
}

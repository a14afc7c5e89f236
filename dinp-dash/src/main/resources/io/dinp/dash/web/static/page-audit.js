// The audit log the user may see, newest first, a page at a time; the first page stays live.
import { h, fill, table, card } from './dom.js';
import { get } from './api.js';
import { start } from './layout.js';
import { poll } from './poll.js';
import { when } from './format.js';

start(async main => {
  const body = h('div', { id: 'audit' });
  const older = h('button', { type: 'button', id: 'older' }, 'Older');
  const newest = h('button', { type: 'button', id: 'newest', hidden: true }, 'Newest');
  main.append(h('h1', { class: 'section' }, 'Audit log'), card(null, body, h('div', { class: 'row' }, newest, older)));
  let before = null;
  let next = null;
  async function load() {
    const page = await get('/api/v1/audit?limit=50' + (before ? '&before=' + encodeURIComponent(before) : ''));
    next = page.nextBefore;
    older.disabled = next == null;
    newest.hidden = before == null;
    fill(body, table(['When', 'Who', 'What', 'App / team', 'Details'], page.entries.map(e => h('tr', null,
      h('td', { class: 'small' }, when(e.at)),
      h('td', null, e.actor, e.address ? h('div', { class: 'muted small' }, e.address) : null),
      h('td', null, h('b', null, e.kind)),
      h('td', null, e.app || '', e.team ? h('div', { class: 'muted small' }, e.team) : null),
      h('td', { class: 'small wrap' }, e.message))), 'Nothing recorded yet.'));
  }
  const live = poll(async () => { if (before == null) await load(); }, 3000);
  older.addEventListener('click', () => { before = next; load(); });
  newest.addEventListener('click', () => { before = null; live.now(); });
});

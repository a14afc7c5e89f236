// What happened to an app, newest first: changes, deploys, rollbacks, builds, who did them.
import { h, fill, table, card } from './dom.js';
import { when } from './format.js';

export function events() {
  const body = h('div', { id: 'events' });
  return {
    el: card('Events', body),
    update(list) {
      const entries = Array.isArray(list) ? list : (list.entries || []);
      fill(body, table(['When', 'What', 'Who'], entries.slice(0, 30).map(e => h('tr', null,
        h('td', { class: 'small' }, when(e.at)),
        h('td', null, h('b', null, e.kind), h('div', { class: 'small wrap' }, e.message)),
        h('td', { class: 'small' }, e.actor))), 'Nothing yet.'));
    },
  };
}

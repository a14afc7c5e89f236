// The instances of an app: where each runs, its address, state, health and how long it has been up.
import { h, fill, badge, table, card } from './dom.js';
import { since } from './format.js';

export function instances() {
  const body = h('div', { id: 'instances' });
  return {
    el: card('Instances', body),
    update(list) {
      const rows = list.map(i => h('tr', { dataset: { instance: i.id, state: i.state } },
        h('td', { class: 'mono' }, i.id),
        h('td', null, i.node),
        h('td', { class: 'mono' }, i.address || '–'),
        h('td', null, badge(i.state), i.exitCode != null ? h('div', { class: 'muted small' }, 'exit ' + i.exitCode) : null,
          i.error ? h('div', { class: 'error-text' }, i.error) : null),
        h('td', null, badge(i.health), h('div', { class: 'muted small' }, i.healthReason || '')),
        h('td', { class: 'num' }, since(i.assignedAt))));
      fill(body, table(['Instance', 'Node', 'Address', 'State', 'Health', { label: 'Up for', class: 'num' }], rows,
        'No instances.'));
    },
  };
}

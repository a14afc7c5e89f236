// The nodes, live: capacity, what instances reserve, how many run, whether each is up; and their
// memory and instances over the last minutes.
import { h, fill, badge, table, card } from './dom.js';
import { get } from './api.js';
import { start } from './layout.js';
import { poll } from './poll.js';
import { chartOrNote } from './chart.js';
import { mb, ago } from './format.js';

function meter(used, total) {
  const bar = h('span');
  bar.style.width = Math.min(100, total ? 100 * used / total : 0).toFixed(1) + '%';
  return h('div', { class: 'meter', title: mb(used) + ' of ' + mb(total) }, bar);
}

start(async main => {
  const list = h('div', { id: 'nodes' });
  const pictures = h('div', { class: 'grid', id: 'node-charts' });
  main.append(h('h1', { class: 'section' }, 'Nodes'), card(null, list), pictures);
  poll(async () => {
    const nodes = await get('/api/v1/nodes');
    fill(list, table(['Node', 'State', 'Address', { label: 'Memory', class: 'num' }, 'Reserved', { label: 'Instances', class: 'num' }, 'Last report'],
      nodes.map(n => h('tr', { dataset: { node: n.id } },
        h('td', { class: 'mono' }, n.id), h('td', null, badge(n.status)), h('td', { class: 'mono' }, n.address),
        h('td', { class: 'num' }, mb(n.memoryMb)),
        h('td', null, meter(n.allocatedMb, n.memoryMb), h('div', { class: 'muted small' }, mb(n.allocatedMb))),
        h('td', { class: 'num' }, n.instances), h('td', { class: 'small' }, ago(n.lastSeen)))), 'No node has reported yet.'));
  }, 2000);
  poll(async () => {
    const m = await get('/api/v1/nodes/metrics');
    const width = Math.max(240, (pictures.clientWidth || 600) / Math.max(1, Math.min(m.nodes.length, 2)) - 40);
    fill(pictures, m.nodes.map(n => card('Node ' + n.id,
      chartOrNote('Collecting…', { title: 'Memory of ' + n.id, t: n.t, windowMs: m.windowMs, unit: 'MB', width, series: [
        { name: 'reserved', values: n.allocatedMb, color: '#1f5fbf' },
        { name: 'capacity', values: n.memoryMb, color: '#9aa3b2' }] }),
      chartOrNote('Collecting…', { title: 'Instances on ' + n.id, t: n.t, windowMs: m.windowMs, width, series: [
        { name: 'instances', values: n.instances, color: '#5a3fc0' }] }))));
  }, 2000);
});

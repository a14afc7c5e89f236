// An app's pictures: requests per second, latency, and instances over the last minutes.
import { h, fill } from './dom.js';
import { chartOrNote } from './chart.js';

export function charts() {
  const traffic = h('div');
  const latency = h('div');
  const counts = h('div');
  const el = h('div', { class: 'grid section', id: 'app-charts' },
    h('section', { class: 'card' }, h('h2', null, 'Requests per second'), traffic),
    h('section', { class: 'card' }, h('h2', null, 'Latency'), latency),
    h('section', { class: 'card' }, h('h2', null, 'Instances'), counts));
  return {
    el,
    update(m) {
      const why = m.trafficKnown ? 'Collecting: the first point comes after two samples.'
        : 'No router counters reach this dash (see docs: dashboard charts).';
      fill(traffic, chartOrNote(why, { title: 'Requests per second', t: m.t, windowMs: m.windowMs, unit: '/s', width: traffic.clientWidth, series: [
        { name: 'all', values: m.rps, color: '#1f5fbf' },
        { name: '5xx', values: m.errorRps, color: '#c5221f' }] }));
      fill(latency, chartOrNote(why, { title: 'Latency', t: m.t, windowMs: m.windowMs, unit: 'ms', width: latency.clientWidth, series: [
        { name: 'p50', values: m.p50Ms, color: '#1e8e3e' },
        { name: 'p99', values: m.p99Ms, color: '#b26a00' }] }));
      fill(counts, chartOrNote('Collecting…', { title: 'Instances', t: m.t, windowMs: m.windowMs, width: counts.clientWidth, series: [
        { name: 'serving', values: m.running, color: '#1e8e3e' },
        { name: 'in all', values: m.total, color: '#5a3fc0' },
        { name: 'wanted', values: m.desired, color: '#9aa3b2' }] }));
    },
  };
}

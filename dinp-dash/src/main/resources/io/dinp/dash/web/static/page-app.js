// One app, live: state and scale, charts, instances, releases (deploy, roll back), env, health
// check, domains, events and the log tail. Each part refreshes on its own, while the tab is shown.
import { h, seg } from './dom.js';
import { get } from './api.js';
import { start } from './layout.js';
import { poll } from './poll.js';
import { summary } from './app-summary.js';
import { charts } from './app-charts.js';
import { instances } from './app-instances.js';
import { releases } from './app-releases.js';
import { events } from './app-events.js';
import { env } from './app-env.js';
import { health } from './app-health.js';
import { domains } from './app-domains.js';
import { logTail } from './logtail.js';

start(async main => {
  const name = decodeURIComponent(location.pathname.split('/')[2] || '');
  const base = '/api/v1/apps/' + seg(name);
  const first = await get(base);
  document.title = name + ' · DINP';
  const pollers = [];
  const ctx = { name, base, refresh: () => pollers.forEach(p => p.now()) };

  const head = summary(ctx);
  const pictures = charts();
  const inst = instances();
  const rel = releases(ctx);
  const ev = events();
  const vars = env(ctx);
  const check = health(ctx);
  const dom = domains(ctx);
  const log = logTail();
  main.append(head.el, pictures.el, inst.el,
    h('div', { class: 'grid section' }, rel.el, ev.el),
    h('div', { class: 'grid section' }, vars.el, check.el),
    h('div', { class: 'grid section' }, dom.el, log.el));

  const showApp = a => [head, vars, check, dom, log].forEach(part => part.update(a));
  showApp(first);
  pollers.push(
    poll(async () => showApp(await get(base)), 1500),
    poll(async () => inst.update(await get(base + '/instances')), 1500),
    poll(async () => pictures.update(await get(base + '/metrics')), 2000),
    poll(async () => rel.update(await get(base + '/releases')), 2500),
    poll(async () => ev.update(await get(base + '/events')), 3000));
});

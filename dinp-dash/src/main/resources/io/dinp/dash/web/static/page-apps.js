// The apps the signed-in user may see, live: state, instances, memory, current image, URL; and a
// form to create one.
import { h, fill, seg, badge, table, card } from './dom.js';
import { get, post } from './api.js';
import { start, act, note } from './layout.js';
import { poll } from './poll.js';
import { mb, shortImage } from './format.js';

function row(a) {
  return h('tr', { dataset: { app: a.name } },
    h('td', null, h('a', { href: '/apps/' + seg(a.name), class: 'app-link' }, a.name),
      a.team ? h('div', { class: 'muted small' }, a.team) : null),
    h('td', null, badge(a.state), h('div', { class: 'muted small' }, a.reason)),
    h('td', { class: 'num instances' }, a.counts.running + ' / ' + a.counts.desired),
    h('td', { class: 'num' }, mb(a.memory)),
    h('td', { class: 'wrap mono small hide-narrow' }, shortImage(a.image)),
    h('td', { class: 'wrap' }, h('a', { href: a.url, rel: 'noopener' }, a.url.replace(/^https?:\/\//, ''))));
}

function createForm(me, refresh) {
  const teams = me.teams.map(t => t.name);
  const name = h('input', { name: 'name', id: 'new-app-name', required: true, placeholder: 'hello', pattern: '[a-z][a-z0-9\\-]{0,62}' });
  const instances = h('input', { name: 'instances', id: 'new-app-instances', type: 'number', min: 0, max: 1000, value: '1' });
  const memory = h('input', { name: 'memory', id: 'new-app-memory', type: 'number', min: 32, max: 65536, value: '256' });
  const team = h('select', { name: 'team', id: 'new-app-team' }, teams.map(t => h('option', { value: t }, t)));
  const error = h('div', { class: 'error-text', id: 'new-app-error' });
  const submit = h('button', { class: 'primary', type: 'submit', id: 'create-app' }, 'Create app');
  const form = h('form', { class: 'inline', on: { submit: ev => {
    ev.preventDefault();
    act(submit, error, async () => {
      const body = { name: name.value.trim(), instances: Number(instances.value), memory: Number(memory.value) };
      if (teams.length) body.team = team.value;
      const created = await post('/api/v1/apps', body);
      note('Created ' + created.name + ': upload a build to give it an image.');
      name.value = '';
      refresh();
    });
  } } },
  h('label', null, 'Name', name), h('label', null, 'Instances', instances), h('label', null, 'Memory (MB)', memory),
  teams.length > 1 ? h('label', null, 'Team', team) : null, submit);
  return card('New app', form, error,
    teams.length ? null : h('p', { class: 'muted small' }, 'You belong to no team yet: create one under Teams & tokens first.'));
}

start(async (main, me) => {
  const list = h('div', { id: 'apps' });
  main.append(h('div', { class: 'row spread section' }, h('h1', null, 'Apps')), card(null, list));
  const p = poll(async () => {
    const apps = await get('/api/v1/apps');
    fill(list, table(['App', 'State', { label: 'Running / wanted', class: 'num' }, { label: 'Memory', class: 'num' },
      { label: 'Image', class: 'hide-narrow' }, 'URL'], apps.map(row), 'No apps yet: create one below.'));
  }, 1500);
  main.append(createForm(me, () => p.now()));
});

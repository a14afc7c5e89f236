// The head of an app's page: state, URL, image, and the scale form (instances and memory).
import { h, fill, seg, badge } from './dom.js';
import { patch, del } from './api.js';
import { act, note } from './layout.js';
import { mb, shortImage } from './format.js';

export function summary(ctx) {
  const state = h('span', { id: 'app-state' });
  const reason = h('span', { class: 'muted', id: 'app-reason' });
  const facts = h('dl', { class: 'kv' });
  const instances = h('input', { type: 'number', id: 'scale-instances', min: 0, max: 1000, name: 'instances' });
  const memory = h('input', { type: 'number', id: 'scale-memory', min: 32, max: 65536, name: 'memory' });
  const error = h('div', { class: 'error-text', id: 'scale-error' });
  const submit = h('button', { class: 'primary', type: 'submit', id: 'scale' }, 'Apply');
  let dirty = false;
  const form = h('form', { class: 'inline', on: {
    input: () => { dirty = true; },
    submit: ev => {
      ev.preventDefault();
      act(submit, error, async () => {
        const a = await patch(ctx.base, { instances: Number(instances.value), memory: Number(memory.value) });
        dirty = false;
        note('Wanted: ' + a.instances + ' × ' + mb(a.memory));
        ctx.refresh();
      });
    } } },
  h('label', null, 'Instances', instances), h('label', null, 'Memory (MB)', memory), submit);
  const remove = h('button', { class: 'danger', type: 'button', id: 'delete-app', on: { click: () => {
    if (!confirm('Delete ' + ctx.name + '? Its instances stop and its releases are forgotten.')) return;
    act(remove, error, async () => { await del(ctx.base); location.assign('/apps'); });
  } } }, 'Delete app');
  const el = h('section', { class: 'card' },
    h('div', { class: 'row spread' },
      h('div', null, h('h1', null, ctx.name), h('div', { class: 'row' }, state, reason)),
      h('div', { class: 'row' }, h('a', { class: 'button', href: '/apps/' + seg(ctx.name) + '/build', id: 'new-build' }, 'New build'), remove)),
    facts, h('h2', { class: 'section' }, 'Scale'), form, error);
  return {
    el,
    update(a) {
      fill(state, badge(a.state));
      fill(reason, a.reason);
      fill(facts,
        h('dt', null, 'URL'), h('dd', null, h('a', { href: a.url, rel: 'noopener', id: 'app-url' }, a.url)),
        h('dt', null, 'Team'), h('dd', null, a.team || '–'),
        h('dt', null, 'Image'), h('dd', { class: 'mono small' }, shortImage(a.image)),
        h('dt', null, 'Instances'), h('dd', { id: 'app-counts' },
          a.counts.running + ' serving of ' + a.counts.desired + ' wanted (' + a.counts.total + ' in all)'),
        h('dt', null, 'Memory'), h('dd', null, mb(a.memory) + ' per instance'));
      if (!dirty && document.activeElement !== instances && document.activeElement !== memory) {
        instances.value = a.instances;
        memory.value = a.memory;
      }
    },
  };
}

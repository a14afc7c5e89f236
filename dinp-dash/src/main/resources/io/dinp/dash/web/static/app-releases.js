// An app's releases, newest first: deploy any of them, or roll back to the one before the current.
import { h, fill, seg, badge, table, card } from './dom.js';
import { post } from './api.js';
import { act, note } from './layout.js';
import { ago, shortImage } from './format.js';

export function releases(ctx) {
  const body = h('div', { id: 'releases' });
  const error = h('div', { class: 'error-text', id: 'release-error' });
  const rollback = h('button', { type: 'button', id: 'rollback', on: { click: () => act(rollback, error, async () => {
    const r = await post(ctx.base + '/rollback');
    note('Rolling back to release ' + r.release);
    ctx.refresh();
  }) } }, 'Roll back');
  function deployButton(r) {
    const b = h('button', { type: 'button', class: 'deploy', dataset: { version: r.version }, on: { click: () => act(b, error, async () => {
      await post(ctx.base + '/releases/' + seg(r.version) + '/deploy');
      note('Deploying release ' + r.version);
      ctx.refresh();
    }) } }, 'Deploy');
    return b;
  }
  return {
    el: card(null, h('div', { class: 'row spread' }, h('h2', null, 'Releases'), rollback), body, error),
    update(list) {
      const rows = list.map(r => h('tr', { dataset: { release: r.version, current: String(r.current) } },
        h('td', null, h('b', null, r.version), r.note ? h('div', { class: 'muted small' }, r.note) : null),
        h('td', null, r.current ? badge('current') : null, r.failedAt ? badge('failed') : null,
          r.pruned ? h('span', { class: 'muted small' }, 'image deleted') : null,
          r.failure ? h('div', { class: 'error-text' }, r.failure) : null),
        h('td', { class: 'mono small wrap hide-narrow' }, shortImage(r.image)),
        h('td', { class: 'small' }, ago(r.createdAt), h('div', { class: 'muted' }, r.createdBy)),
        h('td', null, r.current || r.pruned ? null : deployButton(r))));
      fill(body, table(['Version', 'State', { label: 'Image', class: 'hide-narrow' }, 'Made', ''], rows,
        'No releases yet: upload a build.'));
    },
  };
}

// Custom domains routed to an app besides <app>.<apps-domain>.
import { h, fill, seg, card } from './dom.js';
import { post, del } from './api.js';
import { act, note } from './layout.js';

export function domains(ctx) {
  const list = h('ul', { id: 'domains' });
  const error = h('div', { class: 'error-text', id: 'domain-error' });
  const input = h('input', { name: 'domain', id: 'new-domain', placeholder: 'www.example.com', required: true });
  const add = h('button', { type: 'submit', id: 'add-domain' }, 'Add domain');
  const form = h('form', { class: 'inline', on: { submit: ev => {
    ev.preventDefault();
    act(add, error, async () => {
      const r = await post(ctx.base + '/domains', { domain: input.value.trim() });
      input.value = '';
      note(r.domain + ' now routes to ' + ctx.name);
      ctx.refresh();
    });
  } } }, input, add);
  return {
    el: card('Domains', list, form, error),
    update(a) {
      const names = a.domains || [];
      fill(list, names.length ? names.map(d => {
        const b = h('button', { type: 'button', class: 'danger', on: { click: () => act(b, error, async () => {
          await del(ctx.base + '/domains/' + seg(d));
          ctx.refresh();
        }) } }, 'Remove');
        return h('li', { class: 'row' }, h('span', { class: 'mono' }, d), b);
      }) : h('li', { class: 'muted' }, 'Only ' + a.url.replace(/^https?:\/\//, '')));
    },
  };
}

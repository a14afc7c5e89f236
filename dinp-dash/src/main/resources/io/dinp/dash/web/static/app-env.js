// An app's environment: shown as text, edited as rows of name and value. Saving replaces the
// whole env, which rolls the instances one by one.
import { h, fill, card } from './dom.js';
import { patch } from './api.js';
import { act, note } from './layout.js';

export function env(ctx) {
  const body = h('div', { id: 'env' });
  const error = h('div', { class: 'error-text', id: 'env-error' });
  let editing = false;
  let current = {};

  function view() {
    const names = Object.keys(current).sort();
    const list = names.length
      ? h('dl', { class: 'kv', id: 'env-view' }, names.map(k => [h('dt', { class: 'mono' }, k), h('dd', { class: 'mono', dataset: { env: k } }, current[k])]))
      : h('p', { class: 'muted', id: 'env-view' }, 'No variables.');
    fill(body, list, h('button', { type: 'button', id: 'edit-env', on: { click: edit } }, 'Edit'));
  }

  function rowOf(k, v) {
    const tr = h('tr', { class: 'env-row' },
      h('td', null, h('input', { class: 'env-name mono', value: k, placeholder: 'NAME', 'aria-label': 'name' })),
      h('td', null, h('input', { class: 'env-value mono', value: v, placeholder: 'value', 'aria-label': 'value' })),
      h('td', null, h('button', { type: 'button', on: { click: () => tr.remove() } }, 'Remove')));
    return tr;
  }

  function edit() {
    editing = true;
    const rows = h('tbody', null, Object.keys(current).sort().map(k => rowOf(k, current[k])));
    const save = h('button', { class: 'primary', type: 'submit', id: 'save-env' }, 'Save');
    const form = h('form', { on: { submit: ev => {
      ev.preventDefault();
      const next = {};
      for (const tr of rows.querySelectorAll('tr')) {
        const k = tr.querySelector('.env-name').value.trim();
        if (k) next[k] = tr.querySelector('.env-value').value;
      }
      act(save, error, async () => {
        const a = await patch(ctx.base, { env: next });
        current = a.env;
        editing = false;
        view();
        note('Env saved: instances are being replaced one by one.');
        ctx.refresh();
      });
    } } },
    h('div', { class: 'table-wrap' }, h('table', null, rows)),
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'add-env', on: { click: () => rows.append(rowOf('', '')) } }, 'Add variable'),
      save,
      h('button', { type: 'button', on: { click: () => { editing = false; view(); } } }, 'Cancel')));
    if (!rows.children.length) rows.append(rowOf('', ''));
    fill(body, form);
  }

  return {
    el: card('Environment', body, error),
    update(a) {
      if (editing) return;
      current = a.env || {};
      view();
    },
  };
}

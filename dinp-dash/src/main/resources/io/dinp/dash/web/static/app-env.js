// An app's environment: shown as text, edited as rows of name, value and a "secret" box. Saving
// replaces the whole env, which rolls the instances one by one. A secret's value never reaches
// the browser: the API sends "********" for it, the view shows that, and the editor leaves the
// field empty — an empty secret field sends the mask back, which keeps the stored value.
import { h, fill, card } from './dom.js';
import { patch } from './api.js';
import { act, note } from './layout.js';

const MASK = '********';

export function env(ctx) {
  const body = h('div', { id: 'env' });
  const error = h('div', { class: 'error-text', id: 'env-error' });
  let editing = false;
  let current = {};
  let secret = new Set();

  function view() {
    const names = Object.keys(current).sort();
    const list = names.length
      ? h('dl', { class: 'kv', id: 'env-view' }, names.map(k => [
          h('dt', { class: 'mono' }, k, secret.has(k) ? h('span', { class: 'badge secret' }, 'secret') : null),
          h('dd', { class: 'mono', dataset: { env: k } }, secret.has(k) ? MASK : current[k])]))
      : h('p', { class: 'muted', id: 'env-view' }, 'No variables.');
    fill(body, list, h('button', { type: 'button', id: 'edit-env', on: { click: edit } }, 'Edit'));
  }

  // A stored secret's row starts with an empty password field: nothing of the value is on the page.
  function rowOf(k, v, isSecret, stored) {
    const value = h('input', { class: 'env-value mono', type: isSecret ? 'password' : 'text', value: isSecret ? '' : v,
      placeholder: stored ? 'unchanged (secret)' : 'value', autocomplete: 'off', 'aria-label': 'value' });
    const box = h('input', { type: 'checkbox', class: 'env-secret', checked: isSecret, 'aria-label': 'secret',
      on: { change: () => { value.type = box.checked ? 'password' : 'text'; } } });
    const tr = h('tr', { class: 'env-row', dataset: stored ? { stored: 'secret' } : {} },
      h('td', null, h('input', { class: 'env-name mono', value: k, placeholder: 'NAME', 'aria-label': 'name' })),
      h('td', null, value),
      h('td', null, h('label', { class: 'inline' }, box, ' secret')),
      h('td', null, h('button', { type: 'button', on: { click: () => tr.remove() } }, 'Remove')));
    return tr;
  }

  function edit() {
    editing = true;
    const rows = h('tbody', null, Object.keys(current).sort().map(k => rowOf(k, current[k], secret.has(k), secret.has(k))));
    const save = h('button', { class: 'primary', type: 'submit', id: 'save-env' }, 'Save');
    const form = h('form', { on: { submit: ev => {
      ev.preventDefault();
      const next = {};
      const names = [];
      for (const tr of rows.querySelectorAll('tr')) {
        const k = tr.querySelector('.env-name').value.trim();
        if (!k) continue;
        const typed = tr.querySelector('.env-value').value;
        const isSecret = tr.querySelector('.env-secret').checked;
        // the stored secret of this name stays unless a new value was typed
        next[k] = typed === '' && tr.dataset.stored === 'secret' && current[k] !== undefined ? MASK : typed;
        if (isSecret) names.push(k);
      }
      act(save, error, async () => {
        const a = await patch(ctx.base, { env: next, secretEnv: names });
        for (const input of rows.querySelectorAll('.env-value')) input.value = '';
        current = a.env;
        secret = new Set(a.secretEnv || []);
        editing = false;
        view();
        note('Env saved: instances are being replaced one by one.');
        ctx.refresh();
      });
    } } },
    h('div', { class: 'table-wrap' }, h('table', null, rows)),
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'add-env', on: { click: () => rows.append(rowOf('', '', false, false)) } }, 'Add variable'),
      save,
      h('button', { type: 'button', on: { click: () => { editing = false; view(); } } }, 'Cancel')));
    if (!rows.children.length) rows.append(rowOf('', '', false, false));
    fill(body, form);
  }

  return {
    el: card('Environment', body, error),
    update(a) {
      if (editing) return;
      current = a.env || {};
      secret = new Set(a.secretEnv || []);
      view();
    },
  };
}

// An app's health check: what is requested, what passes, how often and how patient DINP is.
import { h, card } from './dom.js';
import { patch } from './api.js';
import { act, note } from './layout.js';

const FIELDS = [
  ['path', 'Path', 'text'], ['minStatus', 'Lowest passing status', 'number'], ['maxStatus', 'Highest passing status', 'number'],
  ['bodyContains', 'Body contains', 'text'], ['intervalMs', 'Interval (ms)', 'number'], ['timeoutMs', 'Timeout (ms)', 'number'],
  ['rise', 'Passes to be healthy', 'number'], ['fall', 'Failures to be unhealthy', 'number'],
  ['startupGraceMs', 'Start-up grace (ms)', 'number']];

export function health(ctx) {
  const inputs = {};
  let dirty = false;
  const error = h('div', { class: 'error-text', id: 'health-error' });
  const save = h('button', { class: 'primary', type: 'submit', id: 'save-health' }, 'Save health check');
  const form = h('form', { class: 'stack', on: {
    input: () => { dirty = true; },
    submit: ev => {
      ev.preventDefault();
      const body = {};
      for (const [k, , type] of FIELDS) {
        const v = inputs[k].value.trim();
        body[k] = type === 'number' ? Number(v) : (v === '' && k === 'bodyContains' ? null : v);
      }
      act(save, error, async () => {
        await patch(ctx.base, { health: body });
        dirty = false;
        note('Health check saved: nothing restarts.');
        ctx.refresh();
      });
    } } },
  h('div', { class: 'fields' }, FIELDS.map(([k, label, type]) => {
    inputs[k] = h('input', { name: k, id: 'health-' + k, type, min: type === 'number' ? 0 : null });
    return h('label', null, label, inputs[k]);
  })), save);
  return {
    el: card('Health check', form, error),
    update(a) {
      if (dirty || (document.activeElement.tagName === 'INPUT' && form.contains(document.activeElement))) return;
      for (const [k] of FIELDS) inputs[k].value = a.health[k] == null ? '' : a.health[k];
    },
  };
}

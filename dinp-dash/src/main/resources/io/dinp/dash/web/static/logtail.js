// The live log tail of an app's page. For now it shows the last lines DINP keeps of an app whose
// instances exit (lastLog in the app's status), refreshed with the app. Kept apart so that it can
// switch to the streaming logs endpoint (GET /api/v1/apps/{app}/logs) without touching the page.
import { h, fill, card } from './dom.js';

export function logTail() {
  const pre = h('pre', { class: 'log', id: 'log-tail' });
  const hint = h('p', { class: 'muted small' });
  let shown = '';
  return {
    el: card('Log', hint, pre),
    update(app) {
      const lines = app.lastLog || [];
      fill(hint, lines.length ? 'The last lines of the instance that exited most recently.'
        : 'Lines appear here when an instance exits; use the CLI for the full log.');
      const text = lines.join('\n');
      if (text !== shown) {
        shown = text;
        pre.textContent = text;
        pre.scrollTop = pre.scrollHeight;
      }
    },
  };
}

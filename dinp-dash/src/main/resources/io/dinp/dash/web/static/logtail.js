// The live log tail of an app's page: follows GET /api/v1/apps/{app}/logs (newline-delimited
// JSON, merged from every instance through the agents) and shows the newest lines, each after its
// instance. Lines are added as text nodes only, and at most MAX_LINES stay in the page. When the
// stream cannot be read, it falls back to the last lines DINP keeps of an exited instance
// (lastLog in the app's status) and tries the stream again a little later.
import { h, fill, card } from './dom.js';

const MAX_LINES = 500;
const RETRY_MS = 3000;

export function logTail() {
  const pre = h('pre', { class: 'log', id: 'log-tail' });
  const hint = h('p', { class: 'muted small' });
  let name = null;
  let streaming = false;
  let since = null; // time of the newest line shown, to resume from after a break
  let fallback = '';

  function append(text) {
    const atEnd = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
    pre.append(document.createTextNode(text + '\n'));
    while (pre.childNodes.length > MAX_LINES) pre.removeChild(pre.firstChild);
    if (atEnd) pre.scrollTop = pre.scrollHeight;
  }

  function show(event) {
    if (event.type === 'keepalive') return;
    if (event.type === 'dropped') {
      append(short(event.instance) + ' [dinp: ' + event.count + ' lines dropped]');
    } else if (event.type === 'error') {
      append('[dinp: ' + (event.message || 'part of the log cannot be read') + ']');
    } else if (typeof event.line === 'string') {
      if (event.time) since = event.time;
      append(short(event.instance) + ' ' + event.line);
    }
  }

  async function follow() {
    streaming = true;
    fill(hint, 'Every instance, live: stdout and stderr, newest last.');
    const query = since ? 'follow=true&tail=0&since=' + encodeURIComponent(since) : 'follow=true&tail=50';
    try {
      const r = await fetch('/api/v1/apps/' + encodeURIComponent(name) + '/logs?' + query, { cache: 'no-store' });
      if (!r.ok || !r.body) throw new Error('HTTP ' + r.status);
      const reader = r.body.getReader();
      const decoder = new TextDecoder();
      let rest = '';
      for (;;) {
        const { value, done } = await reader.read();
        rest += decoder.decode(value || new Uint8Array(), { stream: !done });
        let nl;
        while ((nl = rest.indexOf('\n')) >= 0) {
          const line = rest.slice(0, nl);
          rest = rest.slice(nl + 1);
          if (line.trim()) {
            try { show(JSON.parse(line)); } catch (e) { /* a line cut short by a break: skip it */ }
          }
        }
        if (done) break;
      }
    } catch (e) {
      fill(hint, 'The live log cannot be read right now (' + e.message + '); trying again.');
      if (!pre.childNodes.length && fallback) pre.textContent = fallback;
    }
    streaming = false;
    setTimeout(() => { if (!streaming) follow(); }, RETRY_MS);
  }

  return {
    el: card('Log', hint, pre),
    update(app) {
      fallback = (app.lastLog || []).join('\n');
      if (name === null) {
        name = app.name;
        follow();
      }
    },
  };
}

/** An instance id short enough to prefix every line, as `dinp logs` does. */
function short(instance) {
  return String(instance || '-').slice(0, 12);
}

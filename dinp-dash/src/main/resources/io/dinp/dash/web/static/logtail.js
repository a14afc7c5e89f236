// The live log tail of an app's page: every instance's stdout and stderr, newest last, each line
// after its instance, refreshed every two seconds (while the tab is shown) from
// GET /api/v1/apps/{app}/logs — the merged logs of every node, newline-delimited JSON — asking
// each time only for the lines since the newest one shown. It asks rather than holding the
// followed stream open, as `dinp logs -f` does: a page talks HTTP/1.1 to dash, where a browser
// keeps six connections per host, and the page's other cards already poll five things. Lines are
// added as text nodes only, and at most MAX_LINES stay in the page. When the logs cannot be read,
// it says so and shows the last lines DINP keeps of an exited instance (lastLog in the app's status).
import { h, fill, card } from './dom.js';
import { poll } from './poll.js';
import { fetchText } from './api.js';

const MAX_LINES = 500;
/** Lines asked per instance and turn; more than that in two seconds is for `dinp logs -f`. */
const PER_TURN = 200;
const EVERY_MS = 2000;

export function logTail() {
  const pre = h('pre', { class: 'log', id: 'log-tail' });
  const hint = h('p', { class: 'muted small' });
  let name = null;
  let newest = null; // the time of the newest line shown, as the API wrote it
  let atNewest = new Set(); // the lines shown with exactly that time: asked again, not shown again
  let fallback = '';
  let showingFallback = false;
  let said = '';

  function append(text) {
    const atEnd = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
    pre.append(document.createTextNode(text + '\n'));
    while (pre.childNodes.length > MAX_LINES) pre.removeChild(pre.firstChild);
    if (atEnd) pre.scrollTop = pre.scrollHeight;
  }

  async function turn() {
    const query = newest === null ? 'tail=50' : 'tail=' + PER_TURN + '&since=' + encodeURIComponent(newest);
    let events;
    try {
      const { r, text } = await fetchText('/api/v1/apps/' + encodeURIComponent(name) + '/logs?' + query,
        { cache: 'no-store', credentials: 'same-origin' });
      if (!r.ok) throw new Error('HTTP ' + r.status);
      events = parse(text);
    } catch (e) {
      fill(hint, 'The log cannot be read right now (' + e.message + '); trying again.');
      if (!pre.childNodes.length && fallback) {
        pre.textContent = fallback;
        showingFallback = true;
      }
      return;
    }
    fill(hint, 'Every instance, live: stdout and stderr, newest last.');
    const lines = events.filter(e => typeof e.line === 'string' && e.time)
      .map(e => ({ e, at: sortable(e.time), key: e.instance + '\u0000' + e.time + '\u0000' + e.line }))
      .filter(l => !atNewest.has(l.key))
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    if (showingFallback) {
      pre.replaceChildren();
      showingFallback = false;
    }
    for (const l of lines) append(short(l.e.instance) + ' ' + l.e.line);
    const perInstance = new Map();
    for (const l of lines) perInstance.set(l.e.instance, (perInstance.get(l.e.instance) || 0) + 1);
    for (const [instance, n] of perInstance) {
      if (newest !== null && n >= PER_TURN) append(short(instance) + ' [dinp: more lines came than the page shows; dinp logs -f has them all]');
    }
    for (const e of events) {
      if (e.type === 'error' && e.message !== said) {
        said = e.message;
        append('[dinp: ' + e.message + ']');
      }
    }
    if (lines.length) {
      const last = lines[lines.length - 1];
      if (newest === null || last.at > sortable(newest)) {
        newest = last.e.time;
        atNewest = new Set();
      }
      for (const l of lines) if (l.at === sortable(newest)) atNewest.add(l.key);
    }
  }

  return {
    el: card('Log', hint, pre),
    update(app) {
      fallback = (app.lastLog || []).join('\n');
      if (name === null) {
        name = app.name;
        poll(turn, EVERY_MS);
      }
    },
  };
}

function parse(text) {
  const out = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try { out.push(JSON.parse(line)); } catch (e) { /* not an event: skip it */ }
  }
  return out;
}

/** An ISO instant that sorts as text: the fraction of the second padded to nine digits. */
function sortable(time) {
  const m = /^(.*?)(?:\.(\d+))?Z$/.exec(time);
  return m ? m[1] + '.' + (m[2] || '').padEnd(9, '0') + 'Z' : time;
}

/** An instance id short enough to prefix every line, as `dinp logs` does. */
function short(instance) {
  return String(instance || '-').slice(0, 12);
}

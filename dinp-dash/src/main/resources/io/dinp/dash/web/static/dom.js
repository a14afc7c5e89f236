// Builds DOM from data without ever parsing markup: strings become text nodes, attributes are set
// one by one, event handlers only through the "on" property. Nothing a user typed can become HTML.

const PROPERTIES = new Set(['value', 'checked', 'disabled', 'selected', 'hidden', 'open']);

export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  setProps(el, props);
  append(el, children);
  return el;
}

export function setProps(el, props) {
  if (!props) return el;
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'href') el.setAttribute('href', safeHref(v));
    else if (/^on/i.test(k)) throw new Error('event handlers go in the "on" property, not ' + k);
    else if (PROPERTIES.has(k)) el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Replaces everything inside el. */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** Links go to this site's paths or to http(s) URLs only (never javascript: and the like). */
export function safeHref(url) {
  const s = String(url);
  if (s.startsWith('/') && !s.startsWith('//')) return s;
  try {
    const u = new URL(s);
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
  } catch (e) { /* not a URL */ }
  return '#';
}

/** A path segment from user data, e.g. an app name in /apps/NAME. */
export const seg = s => encodeURIComponent(s);

export function badge(state) {
  const word = String(state || 'unknown');
  return h('span', { class: 'badge ' + word.replace(/[^a-z-]/g, '') }, word);
}

export function table(headers, rows, empty = 'none') {
  const head = h('tr', null, headers.map(x => typeof x === 'string'
    ? h('th', null, x) : h('th', { class: x.class }, x.label)));
  const body = rows.length ? rows : [h('tr', null, h('td', { colspan: headers.length, class: 'muted' }, empty))];
  return h('div', { class: 'table-wrap' }, h('table', null, h('thead', null, head), h('tbody', null, body)));
}

export function card(title, ...children) {
  return h('section', { class: 'card' }, title ? h('h2', null, title) : null, children);
}

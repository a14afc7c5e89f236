// Line charts drawn as SVG from the dashboard's sample series: no library, nothing fetched.
import { h } from './dom.js';

const NS = 'http://www.w3.org/2000/svg';
const H = 160;
const PAD = { right: 8, top: 8, bottom: 20 };
/** Roughly the width of one character of an axis label (11px system font). */
const CHAR = 6.6;

function s(tag, attrs, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  if (text != null) el.textContent = String(text);
  return el;
}

function niceMax(v) {
  if (!(v > 0)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function label(v, unit) {
  const n = Math.abs(v) >= 100 || Number.isInteger(v) ? Math.round(v) : v.toFixed(1);
  return n + (unit ? ' ' + unit : '');
}

/**
 * A chart of series over time.
 * @param t        sample times (epoch ms), oldest first
 * @param windowMs the most time the x axis spans, ending at the newest sample; less (at least a
 *                 minute) while the samples cover less
 * @param series   [{name, values, color}]: values line up with t; null leaves a gap
 * @param width    the width it is shown at, in CSS pixels, so its text is drawn at its real size
 */
export function lineChart({ title, t, windowMs, series, unit, min = 0, max, width }) {
  const W = Math.max(240, Math.round(width || 600));
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title });
  svg.append(s('title', null, title));
  const end = t.length ? t[t.length - 1] : Date.now();
  const span = Math.min(windowMs, Math.max(60000, t.length ? end - t[0] : 0));
  const start = end - span;
  const all = series.flatMap(x => x.values).filter(v => v != null);
  const top = max != null ? max : niceMax(Math.max(min + 1e-9, ...all));
  const ticks = [0, 0.5, 1].map(frac => min + (top - min) * frac);
  // room on the left for the longest label, so "2500 MB" is not cut off
  const left = Math.max(36, 10 + CHAR * Math.max(...ticks.map(v => label(v, unit).length)));
  const x = ms => left + (W - left - PAD.right) * (ms - start) / span;
  const y = v => H - PAD.bottom - (H - PAD.top - PAD.bottom) * (v - min) / (top - min);
  for (const v of ticks) {
    svg.append(s('line', { class: 'grid-line', x1: left, x2: W - PAD.right, y1: y(v), y2: y(v) }));
    svg.append(s('text', { class: 'axis-label', x: left - 6, y: y(v) + 4, 'text-anchor': 'end' }, label(v, unit)));
  }
  const minutes = Math.round(span / 60000);
  svg.append(s('text', { class: 'axis-label', x: left, y: H - 4 }, '−' + minutes + ' min'));
  svg.append(s('text', { class: 'axis-label', x: W - PAD.right, y: H - 4, 'text-anchor': 'end' }, 'now'));
  for (const one of series) {
    let d = '';
    let pen = false;
    one.values.forEach((v, i) => {
      if (v == null || t[i] < start) { pen = false; return; }
      d += (pen ? 'L' : 'M') + x(t[i]).toFixed(1) + ' ' + y(Math.min(v, top)).toFixed(1) + ' ';
      pen = true;
    });
    if (d) svg.append(s('path', { d, fill: 'none', stroke: one.color, 'stroke-width': 2, 'stroke-linejoin': 'round' }));
  }
  const legend = h('div', { class: 'legend' }, series.map(one => {
    const last = [...one.values].reverse().find(v => v != null);
    const swatch = h('i');
    swatch.style.background = one.color;
    return h('span', null, swatch, one.name + ': ', h('b', null, last == null ? '–' : label(last, unit)));
  }));
  return h('figure', { class: 'chart', 'data-chart': title }, svg, legend);
}

/** A chart, or a line saying why there is none yet. */
export function chartOrNote(note, opts) {
  const hasData = opts.series.some(x => x.values.some(v => v != null));
  return hasData ? lineChart(opts) : h('figure', { class: 'chart' }, h('p', { class: 'empty' }, note));
}

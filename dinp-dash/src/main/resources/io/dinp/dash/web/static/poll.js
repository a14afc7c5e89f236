// Keeps a view fresh: runs fn now and again `ms` after each run ends, never two at once; stops
// while the tab is hidden and catches up as soon as it is shown again.
import { problem, solved } from './layout.js';

let nextId = 0;

export function poll(fn, ms) {
  const key = 'poll' + nextId++;
  let timer = null;
  let running = false;
  let again = false;
  let stopped = false;

  async function tick() {
    timer = null;
    if (stopped || document.hidden) return;
    running = true;
    try {
      await fn();
      solved(key);
    } catch (e) {
      if (e.status !== 401) problem(key, 'Could not refresh: ' + e.message);
    } finally {
      running = false;
    }
    if (again) {
      again = false;
      tick();
    } else if (!stopped && !document.hidden) {
      timer = setTimeout(tick, ms);
    }
  }

  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && !timer && !running) tick();
  });
  tick();
  return {
    /** Refresh at once, e.g. right after a change, instead of waiting for the next turn. */
    now() {
      if (running) { again = true; return; }
      clearTimeout(timer);
      tick();
    },
    stop() { stopped = true; clearTimeout(timer); },
  };
}

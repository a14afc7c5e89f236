// Follows a build: its log as it streams from the builder, and its status until it ends.
import { get } from './api.js';

/** Appends the log of build `id` to `pre` as it arrives; resolves when the stream ends. */
export async function streamLog(id, pre) {
  pre.textContent = '';
  const r = await fetch('/api/v1/builds/' + encodeURIComponent(id) + '/log', { cache: 'no-store' });
  if (!r.ok || !r.body) {
    pre.textContent = 'The log cannot be read (HTTP ' + r.status + ').';
    return;
  }
  const reader = r.body.getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { value, done } = await reader.read();
    const text = decoder.decode(value || new Uint8Array(), { stream: !done });
    if (text) {
      const atEnd = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
      pre.append(document.createTextNode(text));
      if (atEnd) pre.scrollTop = pre.scrollHeight;
    }
    if (done) return;
  }
}

/** Polls the build until it succeeded or failed; onChange sees every new status. */
export async function awaitEnd(id, onChange) {
  let last = null;
  for (;;) {
    const b = await get('/api/v1/builds/' + encodeURIComponent(id));
    if (b.status !== last) {
      last = b.status;
      onChange(b);
    }
    if (b.status === 'succeeded' || b.status === 'failed') return b;
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}

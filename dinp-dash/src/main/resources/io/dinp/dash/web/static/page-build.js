// A new build of an app: upload an artifact with a progress bar, then its log live; deploy the
// release it made. ?build=ID shows an earlier build.
import { h, fill, seg, badge, table, card } from './dom.js';
import { get, post } from './api.js';
import { start, act, note } from './layout.js';
import { poll } from './poll.js';
import { upload } from './upload.js';
import { streamLog, awaitEnd } from './build-log.js';
import { ago, duration } from './format.js';

const STACKS = ['jar', 'war', 'binary', 'python', 'node', 'static', 'dockerfile'];

start(async main => {
  const name = decodeURIComponent(location.pathname.split('/')[2] || '');
  const base = '/api/v1/apps/' + seg(name);
  await get(base);
  document.title = 'New build of ' + name + ' · DINP';

  const version = h('input', { name: 'version', id: 'build-version', required: true, placeholder: '1' });
  const stack = h('select', { name: 'stack', id: 'build-stack' }, STACKS.map(s => h('option', { value: s }, s)));
  const startCmd = h('input', { name: 'start', id: 'build-start', placeholder: './app' });
  const startLabel = h('label', { hidden: true }, 'Start command', startCmd);
  stack.addEventListener('change', () => { startLabel.hidden = stack.value !== 'binary'; });
  const file = h('input', { type: 'file', name: 'artifact', id: 'build-file', required: true, accept: '.tar.gz,.tgz,.jar,.war' });
  const progress = h('progress', { max: 100, value: 0, id: 'upload-progress' });
  const progressText = h('span', { class: 'muted small', id: 'upload-text' });
  const error = h('div', { class: 'error-text', id: 'build-error' });
  const submit = h('button', { class: 'primary', type: 'submit', id: 'upload' }, 'Upload and build');
  const status = h('div', { class: 'row', id: 'build-status' });
  const log = h('pre', { class: 'log', id: 'build-log' });
  const after = h('div', { class: 'row', id: 'build-after' });
  const history = h('div', { id: 'builds' });

  async function follow(id) {
    fill(after);
    history.dataset.following = id;
    const streaming = streamLog(id, log);
    const b = await awaitEnd(id, x => fill(status, 'Build ', h('b', { class: 'mono' }, x.id), ' of ', x.version, ' ', badge(x.status),
      x.durationMs != null ? h('span', { class: 'muted small' }, duration(x.durationMs)) : null));
    await streaming;
    if (b.status === 'succeeded') {
      const deploy = h('button', { class: 'primary', type: 'button', id: 'deploy-build', on: { click: () => act(deploy, error, async () => {
        await post(base + '/releases/' + seg(b.version) + '/deploy');
        note('Deploying release ' + b.version);
        location.assign('/apps/' + seg(name));
      }) } }, 'Deploy release ' + b.version);
      fill(after, deploy, h('a', { href: '/apps/' + seg(name) }, 'Back to ' + name));
    } else if (b.failure) {
      fill(after, h('div', { class: 'error-text' }, b.failure));
    }
  }

  const form = h('form', { class: 'stack', on: { submit: ev => {
    ev.preventDefault();
    const f = file.files[0];
    if (!f) return;
    act(submit, error, async () => {
      let q = 'version=' + encodeURIComponent(version.value.trim()) + '&stack=' + encodeURIComponent(stack.value)
        + '&filename=' + encodeURIComponent(f.name);
      if (stack.value === 'binary' && startCmd.value.trim()) q += '&start=' + encodeURIComponent(startCmd.value.trim());
      const b = await upload(base + '/builds?' + q, f, (sent, total) => {
        progress.value = Math.round(100 * sent / total);
        fill(progressText, Math.round(sent / 1024) + ' of ' + Math.round(total / 1024) + ' KB');
      });
      progress.value = 100;
      fill(progressText, 'uploaded');
      history.dispatchEvent(new Event('refresh'));
      await follow(b.id);
    });
  } } },
  h('div', { class: 'fields' }, h('label', null, 'Version', version), h('label', null, 'Stack', stack), startLabel),
  h('label', null, 'Artifact (.tar.gz, or a bare .jar / .war)', file), submit, h('div', null, progress, progressText), error);

  main.append(
    h('div', { class: 'row spread section' }, h('h1', null, 'New build of ', h('a', { href: '/apps/' + seg(name) }, name))),
    h('div', { class: 'grid section' }, card('Upload', form), card('Builds', history)),
    card('Log', status, log, after));

  const builds = poll(async () => {
    const list = await get(base + '/builds');
    if (!version.value) {
      const numbers = list.map(b => Number(b.version)).filter(n => Number.isInteger(n));
      version.value = String((numbers.length ? Math.max(...numbers) : 0) + 1);
    }
    fill(history, table(['Build', 'Version', 'Status', 'When'], list.slice(0, 10).map(b => h('tr', null,
      h('td', { class: 'mono' }, h('a', { href: '?build=' + encodeURIComponent(b.id) }, b.id)),
      h('td', null, b.version), h('td', null, badge(b.status)), h('td', { class: 'small' }, ago(b.createdAt)))), 'No builds yet.'));
  }, 2000);
  history.addEventListener('refresh', () => builds.now());
  const shown = new URLSearchParams(location.search).get('build');
  if (shown) follow(shown).catch(e => fill(error, e.message));
});

// Teams and their members, users (site admins), the user's API tokens and password.
import { h, fill, seg, table, card } from './dom.js';
import { get, post, del, api } from './api.js';
import { start, act, note } from './layout.js';
import { poll } from './poll.js';
import { ago, when } from './format.js';

function inlineForm(id, fields, label, onSubmit) {
  const error = h('div', { class: 'error-text', id: id + '-error' });
  const submit = h('button', { type: 'submit', class: 'primary', id: id + '-submit' }, label);
  const form = h('form', { class: 'inline', id, on: { submit: ev => {
    ev.preventDefault();
    act(submit, error, () => onSubmit(form));
  } } }, fields, submit);
  return h('div', null, form, error);
}

function teams(me) {
  const body = h('div', { id: 'teams' });
  const name = h('input', { name: 'name', id: 'new-team-name', required: true, placeholder: 'payments' });
  const refresh = async (live) => {
    // a live refresh must not wipe a member form someone is filling in
    if (live && body.contains(document.activeElement) && document.activeElement.matches('input, select')) return;
    const list = await get('/api/v1/teams');
    const parts = [];
    for (const t of list) {
      const team = await get('/api/v1/teams/' + seg(t.name));
      const canManage = me.admin || t.role === 'owner';
      const user = h('input', { name: 'user', required: true, placeholder: 'user name' });
      const role = h('select', { name: 'role' }, h('option', { value: 'member' }, 'member'), h('option', { value: 'owner' }, 'owner'));
      parts.push(h('div', { class: 'section', dataset: { team: t.name } },
        h('h2', null, t.name, t.role ? h('span', { class: 'muted small' }, ' · you are ' + t.role) : null),
        table(['Member', 'Role', 'Since', ''], team.members.map(m => {
          const remove = h('button', { type: 'button', class: 'danger', on: { click: () => act(remove, null, async () => {
            await del('/api/v1/teams/' + seg(t.name) + '/members/' + seg(m.user));
            await refresh();
          }) } }, 'Remove');
          return h('tr', null, h('td', null, m.user), h('td', null, m.role), h('td', { class: 'small' }, ago(m.since)),
            h('td', null, canManage ? remove : null));
        })),
        canManage ? inlineForm('add-member-' + t.name, [h('label', null, 'User', user), h('label', null, 'Role', role)], 'Add member',
          async () => {
            await post('/api/v1/teams/' + seg(t.name) + '/members', { user: user.value.trim(), role: role.value });
            await refresh();
          }) : null));
    }
    fill(body, parts.length ? parts : h('p', { class: 'muted' }, 'You belong to no team.'));
  };
  return {
    el: card('Teams', body, inlineForm('new-team', [h('label', null, 'New team', name)], 'Create team', async () => {
      await post('/api/v1/teams', { name: name.value.trim() });
      name.value = '';
      note('Team created: you own it.');
      await refresh();
    })),
    refresh,
  };
}

function users() {
  const body = h('div', { id: 'users' });
  const name = h('input', { name: 'name', id: 'new-user-name', required: true });
  const password = h('input', { name: 'password', id: 'new-user-password', type: 'password', required: true, autocomplete: 'new-password' });
  const admin = h('input', { name: 'admin', type: 'checkbox', id: 'new-user-admin' });
  const refresh = async () => {
    const list = await get('/api/v1/users');
    fill(body, table(['User', 'Site admin', 'Since'], list.map(u => h('tr', null,
      h('td', null, u.name), h('td', null, u.admin ? 'yes' : ''), h('td', { class: 'small' }, when(u.createdAt))))));
  };
  return {
    el: card('Users', body, inlineForm('new-user', [h('label', null, 'Name', name), h('label', null, 'Password', password),
      h('label', null, 'Site admin', admin)], 'Create user', async () => {
      await post('/api/v1/users', { name: name.value.trim(), password: password.value, admin: admin.checked });
      name.value = '';
      password.value = '';
      admin.checked = false;
      await refresh();
    })),
    refresh,
  };
}

function tokens() {
  const body = h('div', { id: 'tokens' });
  const shown = h('div', { id: 'new-token' });
  const name = h('input', { name: 'name', id: 'new-token-name', required: true, placeholder: 'ci' });
  const refresh = async () => {
    const list = await get('/api/v1/tokens');
    fill(body, table(['Token', 'Made', 'Last used', ''], list.map(t => {
      const revoke = h('button', { type: 'button', class: 'danger', on: { click: () => act(revoke, null, async () => {
        await del('/api/v1/tokens/' + seg(t.id));
        await refresh();
      }) } }, 'Revoke');
      return h('tr', null, h('td', null, t.name, h('div', { class: 'muted small mono' }, t.id)),
        h('td', { class: 'small' }, ago(t.createdAt)), h('td', { class: 'small' }, t.lastUsedAt ? ago(t.lastUsedAt) : 'never'),
        h('td', null, revoke));
    }), 'No tokens.'));
  };
  return {
    el: card('API tokens', body, inlineForm('new-token-form', [h('label', null, 'New token named', name)], 'Create token', async () => {
      const t = await post('/api/v1/tokens', { name: name.value.trim() });
      name.value = '';
      fill(shown, h('p', { class: 'small' }, 'Copy it now: it is not shown again.'), h('div', { class: 'token-once mono' }, t.token));
      await refresh();
    }), shown),
    refresh,
  };
}

function password(me) {
  const current = h('input', { type: 'password', name: 'currentPassword', autocomplete: 'current-password', required: true });
  const next = h('input', { type: 'password', name: 'password', autocomplete: 'new-password', required: true });
  return card('Your password', inlineForm('password-form', [h('label', null, 'Current', current), h('label', null, 'New', next)],
    'Change password', async () => {
      await api('PUT', '/api/v1/users/' + seg(me.name) + '/password', { currentPassword: current.value, password: next.value });
      current.value = '';
      next.value = '';
      note('Password changed.');
    }));
}

start(async (main, me) => {
  main.append(h('h1', { class: 'section' }, 'Teams, users and tokens'));
  const t = teams(me);
  const k = tokens();
  main.append(t.el);
  const parts = [t, k];
  if (me.admin) {
    const u = users();
    main.append(u.el);
    parts.push(u);
  }
  main.append(h('div', { class: 'grid section' }, k.el, password(me)));
  poll(async () => { for (const p of parts) await p.refresh(true); }, 5000);
});

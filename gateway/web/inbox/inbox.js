// Officer inbox UI: plain DOM, every text set with textContent, never parsed as HTML, live list via SSE.
'use strict';
(() => {
  const API = '/api/v1/inbox';
  const REASONS = ['out_of_scope', 'unknown_procedure', 'not_fully_online', 'wrong_jurisdiction',
    'dossier_not_found', 'invalid_input', 'backend_refused', 'state_secret', 'rate_limited',
    'attachment_rejected'];
  const $ = (id) => document.getElementById(id);
  let texts = {};
  let lang = localStorage.getItem('inbox.lang') || 'vi';
  let me = null;
  let current = null;
  let events = null;

  const t = (key) => texts[key] || key;

  async function loadTexts() {
    const res = await fetch(`/inbox/${lang}.json`);
    texts = await res.json();
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    document.title = t('title');
    const sel = $('reject-code');
    const chosen = sel.value;
    while (sel.options.length > 1) sel.remove(1);
    for (const code of REASONS) {
      const o = document.createElement('option');
      o.value = code;
      o.textContent = t('reason_' + code);
      sel.appendChild(o);
    }
    sel.value = chosen;
  }

  function say(key) { $('status').textContent = key ? t(key) : ''; }

  async function call(method, path, body) {
    const headers = {};
    if (method !== 'GET') headers['X-CSRF-Token'] = me ? me.csrf_token : '';
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(API + path, {
      method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await res.json().catch(() => ({}));
    if (res.status === 401 && path !== '/login') showLogin();
    return { ok: res.ok, status: res.status, data };
  }

  function showLogin() {
    me = null;
    if (events) { events.close(); events = null; }
    $('login').hidden = false;
    $('app').hidden = true;
    $('logout').hidden = true;
    $('who').textContent = '';
  }

  function showApp() {
    $('login').hidden = true;
    $('app').hidden = false;
    $('logout').hidden = false;
    $('who').textContent = `${me.display_name} (${me.agency_code})`;
    refreshList();
    listen();
  }

  function listen() {
    if (events) events.close();
    events = new EventSource(API + '/events');
    events.addEventListener('message', (e) => {
      const m = JSON.parse(e.data);
      refreshList();
      if (current && m.conversation_id === current) openConversation(current, false);
    });
  }

  async function refreshList() {
    const p = new URLSearchParams();
    if ($('q').value) p.set('q', $('q').value);
    if ($('f-status').value) p.set('status', $('f-status').value);
    if ($('f-mine').checked) p.set('assigned', 'me');
    if ($('f-overdue').checked) p.set('overdue', 'true');
    const r = await call('GET', '/conversations?' + p.toString());
    if (!r.ok) return;
    const list = $('list');
    list.replaceChildren();
    if (r.data.items.length === 0) {
      const li = document.createElement('li');
      li.textContent = t('empty');
      list.appendChild(li);
    }
    for (const c of r.data.items) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.id = c.id;
      b.setAttribute('aria-current', String(c.id === current));
      const name = document.createElement('strong');
      name.textContent = c.citizen_name || c.address;
      const meta = document.createElement('span');
      meta.textContent = ` · ${c.channel} · ${t('status_' + c.status)} `;
      b.append(name, meta);
      if (c.unread > 0) {
        const u = document.createElement('span');
        u.className = 'unread';
        u.textContent = String(c.unread);
        u.setAttribute('aria-label', `${c.unread} ${t('unread')}`);
        b.appendChild(u);
      }
      if (c.overdue) {
        const o = document.createElement('span');
        o.className = 'overdue';
        o.textContent = ' ' + t('overdue');
        b.appendChild(o);
      }
      const last = document.createElement('div');
      last.textContent = c.last_text;
      b.appendChild(last);
      b.addEventListener('click', () => openConversation(c.id, true));
      li.appendChild(b);
      list.appendChild(li);
    }
  }

  async function openConversation(id, focus) {
    const r = await call('GET', `/conversations/${id}`);
    if (!r.ok) { say(r.status === 404 ? 'not_found' : 'error'); return; }
    current = id;
    const c = r.data;
    $('conv-pane').hidden = false;
    $('conv-title').textContent = c.citizen_name || c.address;
    $('conv-meta').textContent = `${c.channel} · ${t('status_' + c.status)} · ` +
      c.contacts.map((k) => `${k.channel}: ${k.address}`).join(', ');
    const ol = $('messages');
    ol.replaceChildren();
    for (const m of c.messages) {
      const li = document.createElement('li');
      li.className = m.direction;
      const who = document.createElement('span');
      who.className = 'sr-label';
      who.textContent = (m.direction === 'in' ? t('citizen') : t('us')) + ': ';
      li.appendChild(who);
      if (m.reason_code) {
        const rc = document.createElement('span');
        rc.className = 'reason';
        rc.textContent = `[${t('reason_' + m.reason_code)}] `;
        li.appendChild(rc);
      }
      li.appendChild(document.createTextNode(m.text));
      ol.appendChild(li);
    }
    ol.scrollTop = ol.scrollHeight;
    const notes = $('notes');
    notes.replaceChildren();
    for (const n of c.notes) {
      const li = document.createElement('li');
      li.textContent = `${n.officer_name}: ${n.text}`;
      notes.appendChild(li);
    }
    if (focus) $('conv-title').focus();
    refreshList();
  }

  async function act(path, body, okKey) {
    const r = await call('POST', `/conversations/${current}/${path}`, body);
    say(r.ok ? okKey : (r.data.error ? 'error' : 'error'));
    if (r.ok) await openConversation(current, false);
    return r.ok;
  }

  function updateRejectButton() {
    $('reject-btn').disabled = !($('reject-code').value && $('reject-text').value.trim());
  }

  document.addEventListener('DOMContentLoaded', async () => {
    $('conv-title').tabIndex = -1;
    await loadTexts();
    $('lang').addEventListener('click', async () => {
      lang = lang === 'vi' ? 'en' : 'vi';
      localStorage.setItem('inbox.lang', lang);
      await loadTexts();
      if (me) { refreshList(); if (current) openConversation(current, false); }
    });
    $('login').addEventListener('submit', async (e) => {
      e.preventDefault();
      const r = await call('POST', '/login', { username: $('username').value, password: $('password').value });
      $('password').value = '';
      if (r.status === 429) { say('throttled'); return; }
      if (!r.ok) { say('login_failed'); return; }
      me = r.data;
      say('');
      showApp();
    });
    $('logout').addEventListener('click', async () => { await call('POST', '/logout'); showLogin(); });
    $('filters').addEventListener('submit', (e) => { e.preventDefault(); refreshList(); });
    $('reply-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      if (await act('reply', { text: $('reply-text').value }, 'sent')) $('reply-text').value = '';
    });
    $('note-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      if (await act('notes', { text: $('note-text').value }, 'noted')) $('note-text').value = '';
    });
    $('reject-code').addEventListener('change', updateRejectButton);
    $('reject-text').addEventListener('input', updateRejectButton);
    $('reject-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      if ($('reject-btn').disabled) return;
      if (await act('reject', { reason_code: $('reject-code').value, text: $('reject-text').value }, 'rejected')) {
        $('reject-text').value = '';
        $('reject-code').value = '';
        updateRejectButton();
      }
    });
    $('take').addEventListener('click', () => act('assign', { officer_id: me.officer_id }, 'taken'));
    $('handback').addEventListener('click', () => act('handback', undefined, 'handed_back'));
    $('close').addEventListener('click', () => act('close', undefined, 'closed'));
    const r = await call('GET', '/me');
    if (r.ok) { me = r.data; showApp(); } else { showLogin(); }
  });
})();

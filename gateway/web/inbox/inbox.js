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

  // Times in Vietnam's zone whatever the officer's machine says: deadlines are the agency's.
  function fmtTime(ms) {
    return new Date(ms).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB',
      { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' });
  }

  // The deadline that matters next for the list: the first answer, else the resolution, else
  // a complaint's.
  function nextDue(sla) {
    if (!sla) return null;
    if (sla.first_response_due_at && !sla.first_response_at && !sla.resolved_at) {
      return { key: 'sla_first_response', at: sla.first_response_due_at, late: sla.first_response_overdue };
    }
    if (sla.resolution_due_at && !sla.resolved_at) {
      return { key: 'sla_resolution', at: sla.resolution_due_at, late: sla.resolution_overdue };
    }
    if (sla.complaint_due_at) {
      return { key: 'sla_complaint', at: sla.complaint_due_at, late: sla.complaint_overdue };
    }
    return null;
  }

  function renderSla(sla) {
    const dl = $('sla');
    dl.replaceChildren();
    dl.hidden = !sla;
    if (!sla) return;
    const row = (key, due, done, late) => {
      if (!due) return;
      const dt = document.createElement('dt');
      dt.textContent = t(key);
      const dd = document.createElement('dd');
      dd.textContent = fmtTime(due) + (done ? ` · ${t('sla_done')} ${fmtTime(done)}` : '') +
        (late ? ` · ${t('overdue')}` : '');
      if (late) dd.className = 'late';
      dl.append(dt, dd);
    };
    row('sla_first_response', sla.first_response_due_at, sla.first_response_at, sla.first_response_overdue);
    row('sla_resolution', sla.resolution_due_at, sla.resolved_at, sla.resolution_overdue);
    row('sla_complaint', sla.complaint_due_at, null, sla.complaint_overdue);
    if (sla.escalated) {
      const dt = document.createElement('dt');
      dt.textContent = t('sla_escalated');
      const dd = document.createElement('dd');
      dd.textContent = t('yes');
      dd.className = 'late';
      dl.append(dt, dd);
    }
  }

  // ---- Supervisor dashboard: charts as inline SVG (no library), each with a table beside it
  // and a CSV export of that table.
  const SVG = 'http://www.w3.org/2000/svg';
  const COLORS = ['#8b0000', '#1f5fa8', '#2e7d32', '#b8860b', '#6a1b9a', '#00838f', '#5d4037'];
  const SAT = ['rat_hai_long', 'hai_long', 'khong_hai_long'];
  const SAT_COLORS = ['#2e7d32', '#1f5fa8', '#b00020'];

  function svgEl(name, attrs, text) {
    const el = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function table(head, rows) {
    const tbl = document.createElement('table');
    const tr = document.createElement('tr');
    for (const h of head) { const th = document.createElement('th'); th.scope = 'col'; th.textContent = h; tr.appendChild(th); }
    const thead = document.createElement('thead');
    thead.appendChild(tr);
    const tbody = document.createElement('tbody');
    for (const r of rows) {
      const row = document.createElement('tr');
      r.forEach((v, i) => {
        const td = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) td.scope = 'row'; else td.className = 'num';
        td.textContent = v === null || v === undefined ? '—' : String(v);
        row.appendChild(td);
      });
      tbody.appendChild(row);
    }
    tbl.append(thead, tbody);
    return tbl;
  }

  // segments: [[label, [v1, v2...]]]; one colour per series.
  function barChart(id, title, desc, rows, colors) {
    const barH = 22, labelW = 150, width = 440;
    const height = Math.max(rows.length, 1) * (barH + 6) + 10;
    const max = Math.max(1, ...rows.map((r) => r[1].reduce((a, b) => a + b, 0)));
    const svg = svgEl('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
      'aria-labelledby': `${id}-t ${id}-d` });
    svg.append(svgEl('title', { id: `${id}-t` }, title), svgEl('desc', { id: `${id}-d` }, desc));
    rows.forEach(([label, values], i) => {
      const y = 5 + i * (barH + 6);
      svg.appendChild(svgEl('text', { x: 0, y: y + barH * 0.7, 'font-size': 12 }, label.length > 22 ? label.slice(0, 21) + '…' : label));
      let x = labelW;
      values.forEach((v, j) => {
        const w = (v / max) * (width - labelW - 40);
        if (w > 0) svg.appendChild(svgEl('rect', { x, y, width: w, height: barH, fill: colors[j % colors.length] }));
        x += w;
      });
      svg.appendChild(svgEl('text', { x: x + 4, y: y + barH * 0.7, 'font-size': 12 }, String(values.reduce((a, b) => a + b, 0))));
    });
    return svg;
  }

  function figure(id, titleKey, csvTable, head, rows, chartRows, colors) {
    const fig = document.createElement('figure');
    fig.id = id;
    const cap = document.createElement('figcaption');
    cap.textContent = t(titleKey);
    const pair = document.createElement('div');
    pair.className = 'pair';
    if (chartRows) {
      const desc = chartRows.length ? chartRows.map((r) => `${r[0]}: ${r[1].join(' / ')}`).join('; ') : t('dash_empty');
      pair.appendChild(barChart(id + '-chart', t(titleKey), desc, chartRows, colors || COLORS));
    }
    pair.appendChild(table(head, rows));
    const link = document.createElement('a');
    link.href = `${API}/dashboard.csv?table=${csvTable}`;
    link.textContent = t('dash_csv');
    link.setAttribute('download', `caunoi-${csvTable}.csv`);
    fig.append(cap, pair, link);
    return fig;
  }

  const entries = (o) => Object.entries(o || {}).sort((a, b) => b[1] - a[1]);
  const label = (prefix, k) => (texts[prefix + k] ? t(prefix + k) : k);
  const hours = (s) => (s === null || s === undefined ? null : (s / 3600).toFixed(1));
  const pct = (r) => (r === null || r === undefined ? null : `${Math.round(r * 100)}%`);

  async function loadDashboard() {
    const r = await call('GET', '/dashboard');
    if (!r.ok) { say('error'); return; }
    const d = r.data;
    $('dash-scope').textContent = `${t('dash_scope')}: ${d.scope === 'all' ? t('dash_all') : d.scope}`;
    const box = $('dash-charts');
    box.replaceChildren();
    const counts = (id, key, csv, obj, prefix) => {
      const rows = entries(obj).map(([k, v]) => [label(prefix, k), v]);
      box.appendChild(figure(id, key, csv, [t('dash_item'), t('dash_count')], rows,
        rows.map(([k, v]) => [k, [v]])));
    };
    counts('dash-channel', 'dash_by_channel', 'by_channel', d.by_channel, 'channel_');
    counts('dash-procedure', 'dash_by_procedure', 'by_procedure', d.by_procedure, 'procedure_');
    counts('dash-status', 'dash_by_status', 'by_status', d.by_status, 'status_');
    counts('dash-refusals', 'dash_refusals', 'refusals', d.refusals_by_reason, 'reason_');
    const times = ['first_response', 'resolution'].map((k) => [t('dash_' + k), d[k].count,
      hours(d[k].median_s), hours(d[k].p90_s), pct(d[k].on_time_rate)]);
    box.appendChild(figure('dash-times', 'dash_times', 'times',
      [t('dash_measure'), t('dash_count'), t('dash_median_h'), t('dash_p90_h'), t('dash_on_time')], times,
      ['first_response', 'resolution'].map((k) => [t('dash_' + k), [Math.round((d[k].on_time_rate || 0) * 100)]]),
      ['#2e7d32']));
    const sat = (id, key, csv, obj, prefix) => {
      const rows = Object.entries(obj || {}).map(([k, v]) => [label(prefix, k), ...SAT.map((s) => v[s]), v.total]);
      box.appendChild(figure(id, key, csv, [t('dash_item'), ...SAT.map((s) => t('sat_' + s)), t('dash_total')], rows,
        rows.map((r) => [r[0], r.slice(1, 4)]), SAT_COLORS));
    };
    sat('dash-sat-channel', 'dash_sat_channel', 'satisfaction_channel', d.satisfaction_by_channel, 'channel_');
    sat('dash-sat-procedure', 'dash_sat_procedure', 'satisfaction_procedure', d.satisfaction_by_procedure, 'procedure_');
  }

  const isSupervisor = () => me && (me.role === 'supervisor' || me.role === 'admin');
  let canned = [];

  async function loadCanned() {
    const r = await call('GET', '/canned-replies');
    if (!r.ok) return;
    canned = r.data.items;
    const sel = $('canned-pick');
    while (sel.options.length > 1) sel.remove(1);
    for (const c of canned) {
      const o = document.createElement('option');
      o.value = c.id;
      o.textContent = c.title;
      sel.appendChild(o);
    }
    $('canned-admin').hidden = !isSupervisor();
    const ul = $('canned-list');
    ul.replaceChildren();
    for (const c of canned) {
      const li = document.createElement('li');
      const title = document.createElement('strong');
      title.textContent = c.title;
      const body = document.createElement('span');
      body.textContent = ': ' + c.body;
      const edit = document.createElement('button');
      edit.type = 'button';
      edit.textContent = t('edit');
      edit.setAttribute('aria-label', `${t('edit')} ${c.title}`);
      edit.addEventListener('click', () => {
        $('canned-id').value = c.id;
        $('canned-title').value = c.title;
        $('canned-body').value = c.body;
        $('canned-title').focus();
      });
      const del = document.createElement('button');
      del.type = 'button';
      del.textContent = t('delete');
      del.setAttribute('aria-label', `${t('delete')} ${c.title}`);
      del.addEventListener('click', async () => {
        const d = await call('DELETE', `/canned-replies/${c.id}`);
        say(d.ok ? 'canned_deleted' : 'error');
        loadCanned();
      });
      li.append(title, body, edit, del);
      ul.appendChild(li);
    }
  }

  // ---- Dead letters: what no route delivered, with each route's outcome, and a resend button.
  async function loadDeadLetters() {
    const r = await call('GET', '/dead-letters');
    const ul = $('dead-list');
    ul.textContent = '';
    if (!r.ok) { say('error'); return; }
    if (r.data.items.length === 0) {
      const li = document.createElement('li');
      li.textContent = t('dead_none');
      ul.appendChild(li);
      return;
    }
    for (const d of r.data.items) {
      const li = document.createElement('li');
      const head = document.createElement('p');
      const what = d.kind === 'notification'
        ? `${t('dead_notice')} ${d.dossier_code} (${d.status})`
        : `${t('dead_reply')} ${d.channel} ${d.to}: ${d.text}`;
      head.textContent = `${what} — ${t('dead_state_' + d.state)}, ${t('dead_why')} ${d.why}`;
      const routes = document.createElement('ul');
      for (const leg of d.deliveries) {
        const item = document.createElement('li');
        item.textContent = `${leg.route} ${leg.address || ''}: ${leg.state}, ` +
          `${leg.attempts} ${t('dead_attempts')}${leg.detail ? ` (${leg.detail})` : ''}`;
        routes.appendChild(item);
      }
      const resend = document.createElement('button');
      resend.type = 'button';
      resend.textContent = t('dead_resend');
      resend.addEventListener('click', async () => {
        const res = await call('POST', `/dead-letters/${d.id}/resend`, {});
        say(res.ok ? 'dead_resent' : 'error');
        loadDeadLetters();
      });
      li.append(head, routes, resend);
      ul.appendChild(li);
    }
  }

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
    $('dash-toggle').hidden = true;
    $('dashboard').hidden = true;
    $('dead-toggle').hidden = true;
    $('dead-letters').hidden = true;
    $('account-toggle').hidden = true;
    $('account').hidden = true;
    $('totp-field').hidden = true;
    $('totp-code').value = '';
    $('who').textContent = '';
  }

  function showApp() {
    $('login').hidden = true;
    $('app').hidden = false;
    $('logout').hidden = false;
    $('who').textContent = `${me.display_name} (${me.agency_code})`;
    $('dash-toggle').hidden = !isSupervisor();
    $('dead-toggle').hidden = false;
    $('account-toggle').hidden = false;
    refreshList();
    loadCanned();
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
    // Supervisors only: an SLA breach escalated by the server's periodic pass.
    events.addEventListener('escalation', (e) => {
      const m = JSON.parse(e.data);
      $('status').textContent = `${t('escalated_' + m.kind)} #${m.conversation_id}`;
      refreshList();
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
        b.classList.add('is-overdue');
        const o = document.createElement('span');
        o.className = 'overdue';
        o.textContent = ' ' + t('overdue');
        b.appendChild(o);
      }
      const due = nextDue(c.sla);
      if (due) {
        const d = document.createElement('span');
        d.className = 'due';
        d.textContent = `${t(due.key)}: ${fmtTime(due.at)}`;
        b.appendChild(d);
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
    renderSla(c.sla);
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
      renderAttachments(li, m.attachments || []);
      ol.appendChild(li);
    }
    ol.scrollTop = ol.scrollHeight;
    renderReplyChannels(id, c);
    const notes = $('notes');
    notes.replaceChildren();
    for (const n of c.notes) {
      const li = document.createElement('li');
      li.textContent = `${n.officer_name}: ${n.text}`;
      notes.appendChild(li);
    }
    renderIdentity(c);
    if (focus) $('conv-title').focus();
    refreshList();
  }

  // ---- The files a citizen sent with a message: kept ones as download links (named, with type
  // and size, so a screen reader says what each is), dropped ones as a note of what and why.
  function fileSize(n) {
    return n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB`
      : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} B`;
  }

  function renderAttachments(li, files) {
    if (!files.length) return;
    const ul = document.createElement('ul');
    ul.className = 'attachments';
    ul.setAttribute('aria-label', t('attachments'));
    for (const f of files) {
      const item = document.createElement('li');
      const name = f.filename || t('attachment_unnamed');
      if (f.id !== undefined) {
        const a = document.createElement('a');
        a.href = `${API}/attachments/${f.id}`;
        a.setAttribute('download', name);
        a.textContent = name;
        item.appendChild(a);
        item.appendChild(document.createTextNode(` (${f.content_type}, ${fileSize(f.size)})`));
      } else {
        item.className = 'dropped';
        item.textContent = `${t('attachment_dropped')} ${name} (${f.content_type}, ` +
          `${fileSize(f.size)}): ${t('drop_' + f.dropped_reason.split(' ')[0])}`;
      }
      ul.appendChild(item);
    }
    li.appendChild(ul);
  }

  // ---- The channels a reply may leave on: the citizen's contacts, the conversation's own first.
  // The conversation is drawn again whenever something happens in it (a live event, a reply):
  // the officer's choice stays while it is still offered, so an update arriving between choosing
  // e-mail and pressing send cannot put the reply back on the conversation's own channel.
  function renderReplyChannels(id, c) {
    const sel = $('reply-channel');
    const chosen = sel.dataset.conversation === String(id) ? sel.value : '';
    const channels = [c.channel];
    for (const k of c.contacts) if (!channels.includes(k.channel)) channels.push(k.channel);
    sel.replaceChildren();
    for (const ch of channels) {
      const o = document.createElement('option');
      o.value = ch;
      const k = c.contacts.find((x) => x.channel === ch);
      o.textContent = `${label('channel_', ch)}${k ? ' · ' + k.address : ''}` +
        (ch === c.channel ? ` (${t('reply_channel_own')})` : '');
      sel.appendChild(o);
    }
    const kept = chosen && channels.includes(chosen);
    sel.value = kept ? chosen : c.channel;
    sel.dataset.conversation = String(id);
    // Never move a reply to another channel unseen: say so when the chosen one is gone (un-merge).
    if (chosen && !kept) say('reply_channel_gone');
  }

  // ---- The citizen's identity: merges into this citizen (each can be undone) and the citizen's
  // other conversations across channels, all as text.
  function renderIdentity(c) {
    const merges = $('merges');
    merges.replaceChildren();
    for (const m of c.merges || []) {
      const li = document.createElement('li');
      li.textContent = `${t('merged_from')} ${m.contacts.map((k) => `${k.channel}: ${k.address}`).join(', ')}` +
        ` · ${m.merged_by} · ${fmtTime(m.merged_at)}`;
      const undo = document.createElement('button');
      undo.type = 'button';
      undo.textContent = t('unmerge');
      undo.setAttribute('aria-label', `${t('unmerge')} ${m.contacts.map((k) => k.address).join(', ')}`);
      undo.addEventListener('click', async () => {
        const r = await call('POST', `/conversations/${current}/unmerge`, { merge_id: m.id });
        say(r.ok ? 'unmerged' : (r.status === 409 ? 'unmerge_conflict' : 'error'));
        if (r.ok) openConversation(current, false);
      });
      li.appendChild(undo);
      merges.appendChild(li);
    }
    const box = $('history');
    box.replaceChildren();
    if (!c.history || c.history.length === 0) {
      const p = document.createElement('p');
      p.textContent = t('history_empty');
      box.appendChild(p);
      return;
    }
    for (const h of c.history) {
      const det = document.createElement('details');
      det.dataset.id = h.id;
      const sum = document.createElement('summary');
      sum.textContent = `#${h.id} · ${h.channel}: ${h.address} · ${t('status_' + h.status)} · ${fmtTime(h.last_message_at)}`;
      const ol = document.createElement('ol');
      for (const m of h.messages) {
        const li = document.createElement('li');
        li.className = m.direction;
        const rc = m.reason_code ? `[${t('reason_' + m.reason_code)}] ` : '';
        li.textContent = `${m.direction === 'in' ? t('citizen') : t('us')}: ${rc}${m.text}`;
        ol.appendChild(li);
      }
      det.append(sum, ol);
      box.appendChild(det);
    }
  }

  // ---- Two-factor sign-in (TOTP) for the officer's own account.
  async function loadAccount() {
    const r = await call('GET', '/totp');
    if (!r.ok) { say('error'); return; }
    const st = r.data;
    $('totp-state').textContent = t(!st.available ? 'totp_not_available'
      : st.enabled ? 'totp_is_on' : st.pending ? 'totp_is_pending' : 'totp_is_off');
    $('totp-enrol').hidden = !st.available || st.enabled;
    $('totp-confirm-form').hidden = !st.pending;
    $('totp-disable-form').hidden = !st.enabled;
    if (!st.pending) {
      $('totp-setup').hidden = true;
      $('totp-uri').value = '';
      $('totp-secret').value = '';
    }
  }

  function totpError(r) {
    const code = r.data && r.data.error ? r.data.error.code : '';
    if (r.status === 429) return 'throttled_code';
    if (code === 'totp_invalid') return 'totp_invalid';
    if (code === 'totp_unavailable') return 'totp_unavailable';
    return 'error';
  }

  async function act(path, body, okKey) {
    const r = await call('POST', `/conversations/${current}/${path}`, body);
    say(r.ok ? okKey : (r.status === 422 && path === 'reply' ? 'reply_no_contact' : 'error'));
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
      if (me) {
        refreshList();
        loadCanned();
        if (current) openConversation(current, false);
        if (!$('dashboard').hidden) loadDashboard();
      }
    });
    $('login').addEventListener('submit', async (e) => {
      e.preventDefault();
      const creds = { username: $('username').value, password: $('password').value };
      if (!$('totp-field').hidden && $('totp-code').value) creds.totp_code = $('totp-code').value.trim();
      const r = await call('POST', '/login', creds);
      const code = r.data && r.data.error ? r.data.error.code : '';
      $('totp-code').value = '';
      if (code === 'totp_required' || code === 'totp_invalid') {
        // The password was right: keep it for the second step, ask for the code.
        $('totp-field').hidden = false;
        say(code);
        $('totp-code').focus();
        return;
      }
      $('password').value = '';
      if (r.status === 429) { say('throttled'); return; }
      if (code === 'totp_unavailable') { say('totp_unavailable'); return; }
      if (!r.ok) { say('login_failed'); return; }
      $('totp-field').hidden = true;
      me = r.data;
      say('');
      showApp();
    });
    $('logout').addEventListener('click', async () => { await call('POST', '/logout'); showLogin(); });
    $('filters').addEventListener('submit', (e) => { e.preventDefault(); refreshList(); });
    $('reply-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const body = { text: $('reply-text').value };
      if ($('reply-channel').value) body.channel = $('reply-channel').value;
      if (await act('reply', body, 'sent')) $('reply-text').value = '';
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
    $('dead-toggle').addEventListener('click', async () => {
      const open = $('dead-letters').hidden;
      $('dead-letters').hidden = !open;
      $('dead-toggle').setAttribute('aria-expanded', String(open));
      if (open) { await loadDeadLetters(); $('dead-title').focus(); }
    });
    $('dash-toggle').addEventListener('click', async () => {
      const open = $('dashboard').hidden;
      $('dashboard').hidden = !open;
      $('dash-toggle').setAttribute('aria-expanded', String(open));
      if (open) { await loadDashboard(); $('dash-title').focus(); }
    });
    $('canned-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const id = $('canned-pick').value;
      if (!id || !current) return;
      const r = await call('GET', `/conversations/${current}/canned-replies/${id}`);
      if (!r.ok) { say('error'); return; }
      const box = $('reply-text');
      box.value = box.value ? `${box.value}\n${r.data.text}` : r.data.text;
      $('canned-unfilled').textContent = r.data.unfilled.length
        ? `${t('canned_unfilled')} ${r.data.unfilled.map((n) => `{${n}}`).join(', ')}` : '';
      box.focus();
    });
    $('canned-edit').addEventListener('submit', async (e) => {
      e.preventDefault();
      const id = $('canned-id').value;
      const body = { title: $('canned-title').value, body: $('canned-body').value };
      const r = id ? await call('PUT', `/canned-replies/${id}`, body) : await call('POST', '/canned-replies', body);
      if (r.ok) {
        $('canned-error').textContent = '';
        $('canned-edit').reset();
        say('canned_saved');
        loadCanned();
      } else if (r.status === 422 && r.data.error && r.data.error.unknown_variables) {
        $('canned-error').textContent =
          `${t('canned_unknown')} ${r.data.error.unknown_variables.map((n) => `{${n}}`).join(', ')}`;
      } else {
        $('canned-error').textContent = t(r.status === 409 ? 'canned_duplicate' : 'error');
      }
    });
    $('canned-edit').addEventListener('reset', () => { $('canned-id').value = ''; $('canned-error').textContent = ''; });
    $('take').addEventListener('click', () => act('assign', { officer_id: me.officer_id }, 'taken'));
    $('handback').addEventListener('click', () => act('handback', undefined, 'handed_back'));
    $('close').addEventListener('click', () => act('close', undefined, 'closed'));
    $('merge-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const other = Number($('merge-with').value);
      if (!current || !Number.isInteger(other) || other < 1) return;
      const r = await call('POST', `/conversations/${current}/merge`, { conversation_id: other });
      say(r.ok ? 'merged' : (r.status === 422 ? 'merge_same' : r.status === 404 ? 'merge_not_found' : 'error'));
      if (r.ok) { $('merge-with').value = ''; openConversation(current, false); }
    });
    $('account-toggle').addEventListener('click', async () => {
      const open = $('account').hidden;
      $('account').hidden = !open;
      $('account-toggle').setAttribute('aria-expanded', String(open));
      if (open) { await loadAccount(); $('account-title').focus(); }
    });
    $('totp-enrol').addEventListener('click', async () => {
      const r = await call('POST', '/totp/enrol');
      if (!r.ok) { say(totpError(r)); return; }
      $('totp-uri').value = r.data.uri;
      $('totp-secret').value = r.data.secret;
      $('totp-setup').hidden = false;
      await loadAccount();
      $('totp-setup').hidden = false;
      $('totp-confirm-code').focus();
    });
    $('totp-confirm-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const r = await call('POST', '/totp/confirm', { code: $('totp-confirm-code').value.trim() });
      $('totp-confirm-code').value = '';
      say(r.ok ? 'totp_enabled' : totpError(r));
      if (r.ok) loadAccount();
    });
    $('totp-disable-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const r = await call('POST', '/totp/disable', { code: $('totp-disable-code').value.trim() });
      $('totp-disable-code').value = '';
      say(r.ok ? 'totp_disabled' : totpError(r));
      if (r.ok) loadAccount();
    });
    const r = await call('GET', '/me');
    if (r.ok) { me = r.data; showApp(); } else { showLogin(); }
  });
})();

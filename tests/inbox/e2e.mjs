// End-to-end inbox test in a real browser (Debian chromium driven by playwright-core): log in,
// see an app conversation arrive live, reply and see it reach the citizen, reject with a reason,
// be refused another agency's conversation. Usage: node e2e.mjs BASE_URL ARTIFACT_DIR
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';

const [base, artifacts, dbPath] = process.argv.slice(2);
// Seeds what no browser can send (an e-mail citizen's file) straight into the database (WAL: the
// server reads it at its next query).
const sql = (statement) => execFileSync('sqlite3', ['-cmd', '.timeout 5000', dbPath, statement]).toString().trim();
const api = (path, body) => fetch(base + path, body === undefined ? {} : {
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const history = async (user) => (await (await api('/api/v1/app/messages?user_id=' + user)).json());

// An authenticator app: RFC 6238 codes (HMAC-SHA1, 30 s, 6 digits) from the base32 secret.
function base32(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0;
  const out = [];
  for (const ch of s) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  return Buffer.from(out);
}
function totp(secret, step) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32(secret)).update(msg).digest();
  const off = mac[mac.length - 1] & 0xf;
  const bin = ((mac[off] & 0x7f) << 24) | (mac[off + 1] << 16) | (mac[off + 2] << 8) | mac[off + 3];
  return String(bin % 1000000).padStart(6, '0');
}
const nowStep = () => Math.floor(Date.now() / 30000);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  await page.goto(base + '/inbox');
  await page.fill('#username', 'canbo');
  await page.fill('#password', 'pass-canbo-1');
  await page.click('#login button[type=submit]');
  await page.waitForSelector('#app:not([hidden])');

  // A conversation arriving by the app channel appears without a reload (SSE).
  const first = await (await api('/api/v1/app/messages', { user_id: 'e2e-1', text: '<b>Xin chào</b> cán bộ' })).json();
  await page.waitForSelector(`#list button[data-id="${first.conversation_id}"]`, { timeout: 10000 });
  // The citizen also sent a file by e-mail (kept) and one the channel dropped, and has an e-mail
  // contact the reply may go to.
  sql(`INSERT INTO attachments (message_id, filename, content_type, size, sha256, bytes)
       SELECT min(id), 'Giấy khai sinh.pdf', 'application/pdf', 8, 'x', X'255044462D312E34'
       FROM messages WHERE conversation_id = ${first.conversation_id};
       INSERT INTO attachments (message_id, filename, content_type, size, dropped_reason)
       SELECT min(id), 'setup.exe', 'application/x-msdownload', 4096, 'type not allowed'
       FROM messages WHERE conversation_id = ${first.conversation_id};
       INSERT INTO contacts (citizen_id, channel, address, created_at) SELECT citizen_id, 'email',
       'e2e-1@example.vn', 0 FROM conversations WHERE id = ${first.conversation_id};`);
  await page.click(`#list button[data-id="${first.conversation_id}"]`);
  // The citizen's markup is shown as text, not rendered.
  await page.waitForSelector('#messages li.in');
  assert.equal(await page.locator('#messages b').count(), 0);
  assert.match(await page.locator('#messages li.in').first().textContent(), /<b>Xin chào<\/b>/);
  await page.screenshot({ path: `${artifacts}/inbox-conversation.png`, fullPage: true });

  await page.fill('#reply-text', 'Chào anh, cán bộ đã nhận.');
  await page.click('#reply-form button[type=submit]');
  await page.waitForSelector('#messages li.out >> text=cán bộ đã nhận');
  assert.ok(JSON.stringify(await history('e2e-1')).includes('cán bộ đã nhận'));
  // The file is a named link under the citizen's message, reachable by keyboard; it downloads
  // with the session; the dropped one is a note of what and why.
  const link = page.locator('#messages li.in .attachments a', { hasText: 'Giấy khai sinh.pdf' });
  await link.focus();
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Giấy khai sinh.pdf');
  const file = await page.evaluate(async (href) => {
    const r = await fetch(href, { credentials: 'same-origin' });
    return { status: r.status, body: await r.text(), disposition: r.headers.get('Content-Disposition') };
  }, await link.getAttribute('href'));
  assert.equal(file.status, 200);
  assert.equal(file.body, '%PDF-1.4');
  assert.match(file.disposition, /^attachment; .*filename\*=UTF-8''Gi%E1%BA%A5y%20khai%20sinh\.pdf$/);
  assert.match(await page.locator('#messages li.in .attachments .dropped').textContent(), /setup\.exe/);
  // Reply on a chosen channel: the selector offers the citizen's e-mail; the reply is queued there.
  assert.equal(await page.inputValue('#reply-channel'), 'app');
  await page.selectOption('#reply-channel', 'email');
  // A live update redraws the conversation meanwhile; the officer's choice of channel stays.
  await api('/api/v1/app/messages', { user_id: 'e2e-1', text: 'Tôi chờ thư của anh.' });
  await page.waitForSelector('#messages li.in >> text=Tôi chờ thư của anh');
  assert.equal(await page.inputValue('#reply-channel'), 'email');
  await page.fill('#reply-text', 'Kết quả sẽ gửi qua thư điện tử.');
  await page.click('#reply-form button[type=submit]');
  await page.waitForSelector('#messages li.out >> text=gửi qua thư điện tử');
  assert.equal(sql(`SELECT json_extract(payload, '$.address') FROM outbox WHERE kind = 'reply'`),
               'e2e-1@example.vn');

  // Reject: the button stays disabled until a reason and a text are both given.
  const second = await (await api('/api/v1/app/messages', { user_id: 'e2e-2', text: 'hỏi việc riêng' })).json();
  await page.waitForSelector(`#list button[data-id="${second.conversation_id}"]`, { timeout: 10000 });
  await page.click(`#list button[data-id="${second.conversation_id}"]`);
  await page.waitForSelector('#conv-title');
  assert.equal(await page.isDisabled('#reject-btn'), true);
  await page.selectOption('#reject-code', 'out_of_scope');
  assert.equal(await page.isDisabled('#reject-btn'), true);
  await page.fill('#reject-text', 'Việc này không thuộc dịch vụ công.');
  assert.equal(await page.isDisabled('#reject-btn'), false);
  await page.click('#reject-btn');
  await page.waitForSelector('#messages .reason');
  const h2 = JSON.stringify(await history('e2e-2'));
  assert.ok(h2.includes('"reason_code":"out_of_scope"') && h2.includes('không thuộc dịch vụ công'));
  await page.screenshot({ path: `${artifacts}/inbox-rejected.png`, fullPage: true });

  // Merge the two citizens: each conversation shows the other's history; un-merge restores.
  await page.fill('#merge-with', String(first.conversation_id));
  await page.click('#merge-form button[type=submit]');
  await page.waitForSelector(`#history details[data-id="${first.conversation_id}"]`);
  assert.match(await page.locator('#history').textContent(), /<b>Xin chào<\/b> cán bộ/);
  assert.equal(await page.locator('#history b').count(), 0);
  assert.equal(await page.locator('#merges li').count(), 1);
  await page.screenshot({ path: `${artifacts}/inbox-merged.png`, fullPage: true });
  // The merged citizen's e-mail is offered; chosen, then taken away by the un-merge, the officer
  // is told the reply goes back to the conversation's own channel.
  await page.selectOption('#reply-channel', 'email');
  await page.click('#merges button');
  await page.waitForSelector('#merges li', { state: 'detached' });
  await page.waitForFunction(() => document.querySelector('#reply-channel').value === 'app');
  assert.match(await page.locator('#status').textContent(), /^Kênh đã chọn không còn/);
  assert.equal(await page.locator('#history details').count(), 0);

  // Dead letters: the panel opens, shows the e-mail reply this server cannot send (it has no
  // e-mail adapter) with its address and why, and its toggle reports its state to screen readers.
  await page.click('#dead-toggle');
  await page.waitForSelector('#dead-list li');
  assert.equal(await page.locator('#dead-toggle').getAttribute('aria-expanded'), 'true');
  assert.match(await page.locator('#dead-list li').first().textContent(),
               /^Tin trả lời qua email e2e-1@example\.vn: Kết quả sẽ gửi qua thư điện tử\./);
  await page.click('#dead-toggle');

  // English toggle.
  await page.click('#lang');
  await page.waitForSelector('h1 >> text=Officer inbox');

  // Another agency's officer is refused the conversation.
  const other = await browser.newPage();
  await other.goto(base + '/inbox');
  await other.fill('#username', 'canbo13');
  await other.fill('#password', 'pass-canbo-13');
  await other.click('#login button[type=submit]');
  await other.waitForSelector('#app:not([hidden])');
  assert.equal(await other.locator('#list button').count(), 0);
  const status = await other.evaluate(async (id) =>
    (await fetch('/api/v1/inbox/conversations/' + id)).status, first.conversation_id);
  assert.equal(status, 404);
  await other.screenshot({ path: `${artifacts}/inbox-other-agency.png`, fullPage: true });
  // Two-factor sign-in: enrol from the account panel (the URI and the secret shown as text),
  // confirm with a code, then the next login asks for a code.
  await other.click('#account-toggle');
  await other.waitForSelector('#totp-enrol:not([hidden])');
  await other.click('#totp-enrol');
  await other.waitForSelector('#totp-setup:not([hidden])');
  const secret = await other.inputValue('#totp-secret');
  assert.match(await other.inputValue('#totp-uri'), new RegExp(`^otpauth://totp/.*canbo13\\?secret=${secret}&`));
  await other.screenshot({ path: `${artifacts}/inbox-totp-enrol.png`, fullPage: true });
  const step = nowStep();
  await other.fill('#totp-confirm-code', totp(secret, step));
  await other.click('#totp-confirm-form button[type=submit]');
  await other.waitForSelector('#totp-disable-form:not([hidden])');
  await other.click('#logout');
  await other.waitForSelector('#login:not([hidden])');
  await other.fill('#username', 'canbo13');
  await other.fill('#password', 'pass-canbo-13');
  await other.click('#login button[type=submit]');
  await other.waitForSelector('#totp-field:not([hidden])');
  assert.ok((await other.locator('#status').textContent()).length > 0);
  await other.fill('#totp-code', totp(secret, step + 1));
  await other.click('#login button[type=submit]');
  await other.waitForSelector('#app:not([hidden])');
  // The supervisor keeps a canned reply (an unknown variable is refused, named), an officer
  // inserts it filled for the conversation; the dashboard draws its charts as SVG with tables.
  const sup = await browser.newPage();
  await sup.goto(base + '/inbox');
  await sup.fill('#username', 'truongphong');
  await sup.fill('#password', 'pass-truongphong');
  await sup.click('#login button[type=submit]');
  await sup.waitForSelector('#canned-admin:not([hidden])');
  await sup.fill('#canned-title', 'Đã nhận');
  await sup.fill('#canned-body', 'Chào {ten_cong_dan} {ho_ten}');
  await sup.click('#canned-edit button[type=submit]');
  await sup.waitForSelector('#canned-error >> text={ho_ten}');
  await sup.fill('#canned-body', '{ten_co_quan} đã nhận yêu cầu. Cán bộ {ten_can_bo}.');
  await sup.click('#canned-edit button[type=submit]');
  await sup.waitForSelector('#canned-list li >> text=Đã nhận');

  await page.reload();
  await page.waitForSelector('#app:not([hidden])');
  await page.click(`#list button[data-id="${first.conversation_id}"]`);
  await page.waitForSelector('#canned-pick option:nth-child(2)', { state: 'attached' });
  await page.selectOption('#canned-pick', { label: 'Đã nhận' });
  await page.click('#canned-insert');
  await page.waitForFunction(() => document.querySelector('#reply-text').value.includes('Cán bộ A'));
  assert.match(await page.inputValue('#reply-text'), /UBND phường Thử Nghiệm đã nhận yêu cầu\. Cán bộ Cán bộ A\./);
  // The conversation shows its SLA clocks (the officer's reply started and answered them).
  await page.waitForSelector('#sla:not([hidden]) dt');

  await sup.click('#dash-toggle');
  await sup.waitForSelector('#dash-channel svg rect');
  assert.equal(await sup.locator('#dash-channel svg title').textContent(), 'Số hội thoại theo kênh');
  assert.equal(await sup.getAttribute('#dash-channel svg', 'role'), 'img');
  // Channels by their names in the UI's language (the app channel: "Ứng dụng").
  assert.ok((await sup.locator('#dash-channel table').textContent()).includes('Ứng dụng'));
  assert.ok(await sup.locator('#dash-refusals table >> text=Ngoài phạm vi hỗ trợ').count() > 0);
  const csv = await sup.evaluate(async () => {
    const r = await fetch('/api/v1/inbox/dashboard.csv?table=by_channel');
    return { type: r.headers.get('content-type'), bytes: Array.from(new Uint8Array(await r.arrayBuffer())).slice(0, 3) };
  });
  assert.equal(csv.type, 'text/csv; charset=utf-8');
  assert.deepEqual(csv.bytes, [0xef, 0xbb, 0xbf]);
  await sup.screenshot({ path: `${artifacts}/inbox-dashboard.png`, fullPage: true });
  console.log('e2e: ok');
} finally {
  await browser.close();
}

// The citizen web chat (`/`, Foundation) in a real browser (Debian chromium driven by
// playwright-core) on a phone-sized screen: what DESIGN.md and the issue promise a citizen who
// uses a keyboard or a screen reader. Labelled controls, keyboard only, answers announced by a
// live log, no sideways scrolling, readable contrast, Vietnamese with and without diacritics, a
// refusal that shows its reason, history kept across a reload, the English switch.
// Usage: node chat_e2e.mjs BASE_URL ARTIFACT_DIR
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

const [base, artifacts] = process.argv.slice(2);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-background-networking'],
});
let page;
try {
  // A small phone: 360 CSS px wide.
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
  page = await context.newPage();
  await page.goto(base + '/');
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');

  // Every control has an accessible name (a label, or its text).
  const input = page.getByLabel('Nội dung tin nhắn');
  assert.equal(await input.getAttribute('id'), 'input');
  assert.equal(await page.getByRole('button', { name: 'Gửi' }).count(), 1);
  assert.equal(await page.getByRole('log', { name: 'Nội dung trò chuyện' }).count(), 1);
  const log = page.locator('#log');
  assert.equal(await log.getAttribute('aria-live'), 'polite');

  const botTexts = () => page.locator('.msg-bot .msg-text').allTextContents();
  const waitBotCount = (n) => page.waitForFunction((n) => document.querySelectorAll('.msg-bot').length >= n, n, { timeout: 20000 });

  // Keyboard only: Tab reaches the message box, Enter sends.
  let focused = '';
  for (let i = 0; i < 6 && focused !== 'input'; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
  }
  assert.equal(focused, 'input', 'Tab never reached the message box');
  await page.keyboard.type('xin chào');
  await page.keyboard.press('Enter');
  await waitBotCount(1);
  assert.deepEqual(await page.locator('.msg-me .msg-text').allTextContents(), ['xin chào']);
  const greeting = (await botTexts()).join('\n');
  assert.match(greeting, /Kính chào|Xin chào/);
  // The menu's choices are buttons in a labelled group, reachable with Tab and pressed with Enter.
  const options = page.getByRole('group', { name: 'Các lựa chọn' }).last().getByRole('button');
  assert.ok(await options.count() >= 2, 'the greeting offers choices');
  const firstChoice = (await options.first().textContent()).trim();
  await options.first().focus();
  await page.keyboard.press('Enter');
  await waitBotCount(2);
  assert.equal((await page.locator('.msg-me .msg-text').allTextContents()).at(-1), firstChoice);

  // Without diacritics, as citizens often type: a dossier look-up still understood.
  await input.fill('tra cuu ho so 000.00.12.H29-241023-0001');
  await input.press('Enter');
  await page.waitForFunction(() => [...document.querySelectorAll('.msg-bot .msg-text')]
    .some((p) => p.textContent.includes('Hồ sơ 000.00.12.H29-241023-0001')), null, { timeout: 20000 });

  // A refusal says that it is one, and why (Nghị định 137/2024): the reason code is on screen.
  const before = await page.locator('.msg-bot').count();
  await input.fill('thời tiết hôm nay thế nào');
  await input.press('Enter');
  await waitBotCount(before + 1);
  const refusal = page.locator('.msg-refusal').last();
  assert.equal(await refusal.locator('.msg-reason').textContent(), 'Lý do: out_of_scope');

  // Nothing wider than the phone: no sideways scrolling to read a reply.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);

  // Text contrast (WCAG 2.1 AA, 4.5:1) of what a citizen reads and presses, against the nearest
  // opaque background behind it.
  const contrasts = await page.evaluate(() => {
    const rgb = (s) => s.match(/[\d.]+/g).map(Number);
    const lum = ([r, g, b]) => {
      const c = [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    };
    const background = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length < 4 || c[3] === 1) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const ratio = (el) => {
      const a = lum(rgb(getComputedStyle(el).color)), b = lum(background(el));
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    };
    const selectors = ['.brand-name', '.brand-tagline', '.msg-me .msg-text', '.msg-bot .msg-text',
      '.msg-reason', '.msg-meta', '#send', '#input', '#input-help', '#lang-toggle'];
    return selectors.map((s) => [s, document.querySelector(s) ? ratio(document.querySelector(s)) : 0]);
  });
  for (const [selector, value] of contrasts) {
    assert.ok(value >= 4.5, `${selector}: contrast ${value.toFixed(2)}:1, below 4.5:1`);
  }

  // The conversation survives a reload (the page keeps the citizen's id and fetches the history).
  const count = await page.locator('.msg').count();
  await page.reload();
  await page.waitForFunction((n) => document.querySelectorAll('.msg').length >= n, count, { timeout: 20000 });
  assert.equal((await page.locator('.msg-me .msg-text').allTextContents()).at(-1), 'thời tiết hôm nay thế nào');

  // The English switch relabels the controls; the switch itself says it leads to English.
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForFunction(() => document.querySelector('label[for=input]').textContent === 'Your message', null, { timeout: 10000 });
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.getByLabel('Your message').getAttribute('id'), 'input');

  await page.screenshot({ path: artifacts + '/web-chat-phone.png', fullPage: true });
  console.log('web chat e2e: ok');
} catch (e) {
  if (page) await page.screenshot({ path: artifacts + '/web-chat-failure.png', fullPage: true }).catch(() => {});
  throw e;
} finally {
  await browser.close();
}

// Citizen web chat: loads the UI texts, restores this browser's history, sends messages and shows replies.
"use strict";

(function () {
  const kMessagesUrl = "api/v1/app/messages";
  const kLanguages = ["vi", "en"];
  const kDefaultLanguage = "vi";
  // Retries after the first attempt, and the wait before each one; jittered so that many browsers
  // coming back after the same outage do not all hit the server in the same second.
  const kMaxRetries = 3;
  const kBackoffMs = [1000, 2000, 4000];
  // A request that hangs is treated like a lost connection and retried with the same message_id.
  const kRequestTimeoutMs = 20000;
  const kStorageUserId = "caunoi.user_id";
  const kStorageLanguage = "caunoi.lang";

  const state = {
    language: kDefaultLanguage,
    strings: {},
    userId: "",
    busy: false,
    // Whether the citizen is reading the newest messages (then resizes keep them in view).
    atEnd: true,
  };

  const el = {};

  // ---- storage -------------------------------------------------------------------------------

  // localStorage throws in some private modes and when cookies are blocked; the chat still works,
  // it just forgets the user on reload.
  function readStored(key) {
    try {
      return window.localStorage.getItem(key);
    } catch (e) {
      return null;
    }
  }

  function writeStored(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch (e) {
      /* see readStored */
    }
  }

  // ---- ids -----------------------------------------------------------------------------------

  function randomHex(byteCount) {
    const bytes = new Uint8Array(byteCount);
    if (window.crypto && window.crypto.getRandomValues) {
      window.crypto.getRandomValues(bytes);
    } else {
      for (let i = 0; i < byteCount; i++) bytes[i] = Math.floor(Math.random() * 256);
    }
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // randomUUID exists only in secure contexts (https or localhost); a demo opened over a LAN
  // address is plain http, hence the fallback.
  function newMessageId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    return randomHex(16);
  }

  function loadUserId() {
    let id = readStored(kStorageUserId);
    if (!id || !/^web-[0-9a-zA-Z-]{8,64}$/.test(id)) {
      id = "web-" + randomHex(12);
      writeStored(kStorageUserId, id);
    }
    return id;
  }

  // ---- texts ---------------------------------------------------------------------------------

  // Looks up a text of web.json and fills its {placeholders}. A missing key shows the key itself,
  // which is ugly on purpose so that a gap in a catalog is noticed.
  function t(key, vars) {
    const text = Object.prototype.hasOwnProperty.call(state.strings, key) ? state.strings[key] : key;
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
  }

  async function fetchStrings(language) {
    const response = await fetch("locales/" + language + "/web.json", { cache: "no-cache" });
    if (!response.ok) throw new Error("HTTP " + response.status);
    const strings = await response.json();
    if (!strings || typeof strings !== "object") throw new Error("not an object");
    return strings;
  }

  // Elements carry the key of their text (data-i18n) and of translated attributes, and optional
  // placeholder values (data-i18n-vars), so a language switch can redo the whole page, including
  // messages already shown.
  function applyStrings(root) {
    root.querySelectorAll("[data-i18n]").forEach((node) => {
      const vars = node.dataset.i18nVars ? JSON.parse(node.dataset.i18nVars) : undefined;
      node.textContent = t(node.dataset.i18n, vars);
    });
    const attributes = [
      ["i18nPlaceholder", "placeholder"],
      ["i18nTitle", "title"],
      ["i18nAriaLabel", "aria-label"],
    ];
    for (const [dataName, attribute] of attributes) {
      const selector = "[data-" + dataName.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase()) + "]";
      root.querySelectorAll(selector).forEach((node) => {
        node.setAttribute(attribute, t(node.dataset[dataName]));
      });
    }
  }

  function otherLanguage() {
    return state.language === "vi" ? "en" : "vi";
  }

  async function setLanguage(language) {
    try {
      state.strings = await fetchStrings(language);
    } catch (e) {
      console.warn("web.json for " + language + " could not be loaded:", e);
      return false;
    }
    state.language = language;
    document.documentElement.lang = language;
    // The toggle names the other language in that language, and is marked so for screen readers.
    el.langToggle.lang = otherLanguage();
    applyStrings(document);
    writeStored(kStorageLanguage, language);
    return true;
  }

  async function onToggleLanguage() {
    const ok = await setLanguage(otherLanguage());
    if (!ok) addNote(t("error.locale"), { error: true });
  }

  // ---- time ----------------------------------------------------------------------------------

  function pad2(n) {
    return String(n).padStart(2, "0");
  }

  // Vietnamese style, local time: "14:05" today, "14:05, 23/11/2026" on other days.
  function formatTime(date) {
    const clock = pad2(date.getHours()) + ":" + pad2(date.getMinutes());
    const now = new Date();
    if (date.toDateString() === now.toDateString()) return clock;
    return clock + ", " + pad2(date.getDate()) + "/" + pad2(date.getMonth() + 1) + "/" + date.getFullYear();
  }

  // ---- rendering -----------------------------------------------------------------------------

  // Creates an element with a class and plain text; text never goes through innerHTML, so nothing
  // a citizen or the server sends can inject markup.
  function make(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // An element whose text comes from web.json and is redone on a language switch.
  function makeTranslated(tag, className, key, vars) {
    const node = make(tag, className, t(key, vars));
    node.dataset.i18n = key;
    if (vars) node.dataset.i18nVars = JSON.stringify(vars);
    return node;
  }

  function scrollToEnd() {
    el.chat.scrollTop = el.chat.scrollHeight;
    state.atEnd = true;
  }

  function onChatScroll() {
    state.atEnd = el.chat.scrollHeight - el.chat.scrollTop - el.chat.clientHeight < 24;
  }

  // The on-screen keyboard, a rotation or a growing textarea shrink the chat area; without this the
  // newest reply would slip under the composer just when the citizen is typing the answer.
  function onChatResize() {
    if (state.atEnd) el.chat.scrollTop = el.chat.scrollHeight;
  }

  function hideWelcome() {
    el.welcome.hidden = true;
  }

  function makeMeta(date) {
    const meta = make("div", "msg-meta");
    if (date && !isNaN(date.getTime())) {
      const time = make("time", "", formatTime(date));
      time.dateTime = date.toISOString();
      meta.append(time);
    }
    return meta;
  }

  function appendToLog(node) {
    el.log.append(node);
    scrollToEnd();
  }

  // The sender is spoken by screen readers but not drawn: the bubble side already shows it.
  function makeMessageShell(kind, senderKey) {
    // The hint is for an empty conversation; a system note alone (say, history failed) keeps it.
    hideWelcome();
    const item = make("div", "msg msg-" + kind);
    item.append(makeTranslated("span", "visually-hidden", senderKey));
    return item;
  }

  function addUserMessage(text, date) {
    const item = makeMessageShell("me", "sender.me");
    const bubble = make("div", "msg-bubble");
    bubble.append(make("p", "msg-text", text));
    item.append(bubble, makeMeta(date));
    appendToLog(item);
    return item;
  }

  function markUserMessageFailed(item, failed) {
    item.classList.toggle("msg-failed", failed);
    const meta = item.querySelector(".msg-meta");
    const flag = meta.querySelector(".msg-flag");
    if (failed && !flag) meta.append(makeTranslated("span", "msg-flag", "message.not_sent"));
    if (!failed && flag) flag.remove();
  }

  function isValidOption(option) {
    return option && typeof option.label === "string" && option.label.trim() !== "";
  }

  function makeOptions(options, active) {
    const group = make("div", "options");
    group.setAttribute("role", "group");
    group.dataset.i18nAriaLabel = "options.label";
    group.setAttribute("aria-label", t("options.label"));
    for (const option of options) {
      const button = make("button", "option", option.label);
      button.type = "button";
      button.disabled = !active;
      button.addEventListener("click", (event) => onOptionClick(group, button, option, event));
      group.append(button);
    }
    return group;
  }

  // A reply with a reason_code is a refusal: the citizen must see that it is one and why.
  function addBotReply(reply, date, optionsActive) {
    const item = makeMessageShell("bot", "sender.bot");
    const bubble = make("div", "msg-bubble");
    bubble.append(make("p", "msg-text", reply.text || ""));
    if (reply.reason_code) {
      item.classList.add("msg-refusal");
      bubble.append(makeTranslated("p", "msg-reason", "reason.label", { code: reply.reason_code }));
    }
    const options = Array.isArray(reply.options) ? reply.options.filter(isValidOption) : [];
    if (options.length > 0) bubble.append(makeOptions(options, optionsActive));
    item.append(bubble, makeMeta(date));
    appendToLog(item);
    return item;
  }

  // System notes (errors, failed loads) sit apart from the bot's replies so nobody mistakes a
  // transport problem for an answer of the agency.
  function addNote(text, { error = false, onRetry = null } = {}) {
    const note = make("div", "note" + (error ? " note-error" : ""));
    note.append(makeTranslated("span", "visually-hidden", "sender.system"));
    note.append(make("p", "note-text", text));
    if (onRetry) {
      const button = makeTranslated("button", "note-retry", "error.retry");
      button.type = "button";
      button.addEventListener("click", (event) => {
        // One message in flight at a time keeps replies in the order the citizen sent.
        if (state.busy) return;
        note.remove();
        onRetry(event);
      });
      note.append(button);
    }
    appendToLog(note);
    return note;
  }

  // Old choices refer to an earlier step of the dialog; answering them after the conversation has
  // moved on would be misread by the bot, so only the newest reply keeps live options.
  function disableAllOptions() {
    el.log.querySelectorAll(".option").forEach((button) => {
      button.disabled = true;
    });
  }

  // ---- status and composer -------------------------------------------------------------------

  function setStatus(key, vars) {
    if (!key) {
      el.status.textContent = "";
      delete el.status.dataset.i18n;
      delete el.status.dataset.i18nVars;
      el.status.classList.remove("is-busy");
      return;
    }
    el.status.textContent = t(key, vars);
    el.status.dataset.i18n = key;
    if (vars) el.status.dataset.i18nVars = JSON.stringify(vars);
    else delete el.status.dataset.i18nVars;
    el.status.classList.add("is-busy");
  }

  function setBusy(busy) {
    state.busy = busy;
    el.send.setAttribute("aria-disabled", busy ? "true" : "false");
  }

  // Grows the textarea with its content up to the CSS max-height, then it scrolls.
  function autoGrow() {
    el.input.style.height = "auto";
    // An empty field goes back to its CSS size: Chromium counts a wrapped placeholder in scrollHeight.
    if (el.input.value === "") return;
    el.input.style.height = el.input.scrollHeight + 4 + "px";
  }

  // ---- network -------------------------------------------------------------------------------

  function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  function backoffDelay(retry) {
    const base = kBackoffMs[Math.min(retry, kBackoffMs.length) - 1];
    return base * (0.75 + Math.random() * 0.5);
  }

  // fetch with a time limit. Resolves to the Response, or rejects on a network error or timeout.
  async function fetchWithTimeout(url, options) {
    const controller = typeof AbortController === "function" ? new AbortController() : null;
    const timer = controller ? setTimeout(() => controller.abort(), kRequestTimeoutMs) : null;
    try {
      return await fetch(url, Object.assign({}, options, controller ? { signal: controller.signal } : {}));
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  // Turns an HTTP error into the text to show: the server's {"error":{"message"}} when there is one.
  async function errorText(response) {
    try {
      const body = await response.json();
      if (body && body.error && typeof body.error.message === "string" && body.error.message) {
        return body.error.message;
      }
    } catch (e) {
      /* not JSON: a proxy's error page, say */
    }
    return t("error.server", { status: response.status });
  }

  // One POST. Result kinds: "ok" (data), "network" (worth retrying), "http" (status, text).
  async function postOnce(body) {
    let response;
    try {
      response = await fetchWithTimeout(kMessagesUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body),
      });
    } catch (e) {
      return { kind: "network" };
    }
    if (!response.ok) return { kind: "http", status: response.status, text: await errorText(response) };
    try {
      const data = await response.json();
      if (!data || !Array.isArray(data.replies)) throw new Error("no replies array");
      return { kind: "ok", data };
    } catch (e) {
      return { kind: "http", status: response.status, text: t("error.bad_response") };
    }
  }

  // Sends with the same message_id on every attempt, so the server can drop duplicates of a request
  // that did arrive but whose answer was lost.
  async function postWithRetries(body) {
    for (let retry = 0; ; retry++) {
      if (retry > 0) {
        setStatus("status.retrying", { attempt: retry, max: kMaxRetries });
        await sleep(backoffDelay(retry));
      }
      const result = await postOnce(body);
      if (result.kind !== "network" || retry >= kMaxRetries) return result;
    }
  }

  // Server-side trouble (5xx) and rate limits (429) may pass; a 4xx means the message itself was
  // refused, and sending it again would only get the same answer.
  function isWorthResending(result) {
    return result.kind === "network" || result.status === 429 || result.status >= 500;
  }

  // Delivers one message already shown in the log, and shows the replies or the failure.
  async function deliver(pending) {
    setBusy(true);
    setStatus("status.sending");
    const result = await postWithRetries({
      user_id: state.userId,
      text: pending.text,
      message_id: pending.messageId,
    });
    setStatus(null);
    setBusy(false);

    if (result.kind === "ok") {
      markUserMessageFailed(pending.item, false);
      const now = new Date();
      result.data.replies.forEach((reply, i) => {
        // Only the last reply's options are live: it is the step the dialog is waiting on.
        addBotReply(reply, now, i === result.data.replies.length - 1);
      });
      return;
    }
    markUserMessageFailed(pending.item, true);
    const text = result.kind === "network" ? t("error.network") : result.text;
    const onRetry = isWorthResending(result) ? (event) => resend(pending, event) : null;
    addNote(text, { error: true, onRetry });
  }

  function resend(pending, event) {
    // The note and its button are gone by now, so focus has to go somewhere useful.
    focusInput(event);
    deliver(pending);
  }

  function sendText(text) {
    // Some Vietnamese keyboards (macOS, some Telex setups) produce decomposed marks; send NFC.
    const clean = text.normalize("NFC").trim();
    if (clean === "" || state.busy) return false;
    disableAllOptions();
    const item = addUserMessage(clean, new Date());
    deliver({ text: clean, messageId: newMessageId(), item });
    return true;
  }

  // ---- history -------------------------------------------------------------------------------

  function renderHistory(messages) {
    const last = messages[messages.length - 1];
    for (const message of messages) {
      if (!message || typeof message.text !== "string") continue;
      const date = message.at ? new Date(message.at) : null;
      if (message.direction === "in") {
        addUserMessage(message.text, date);
      } else {
        addBotReply(message, date, message === last);
      }
    }
  }

  async function restoreHistory() {
    setBusy(true);
    setStatus("status.loading");
    try {
      const url = kMessagesUrl + "?user_id=" + encodeURIComponent(state.userId) + "&after=0";
      const response = await fetchWithTimeout(url, { headers: { Accept: "application/json" } });
      // A first-time visitor may be unknown to the server: that is an empty history, not an error.
      if (response.status === 404) return;
      if (!response.ok) throw new Error("HTTP " + response.status);
      const data = await response.json();
      if (data && Array.isArray(data.messages)) renderHistory(data.messages);
    } catch (e) {
      console.warn("history could not be loaded:", e);
      addNote(t("error.history"), { error: true });
    } finally {
      setStatus(null);
      setBusy(false);
    }
  }

  // ---- events --------------------------------------------------------------------------------

  // After a touch, moving focus to the textarea would pop the on-screen keyboard over the reply
  // the citizen is reading; keyboard and mouse users get focus back in the input as expected.
  function focusInput(event) {
    if (event && event.pointerType === "touch") return;
    el.input.focus();
  }

  function onOptionClick(group, button, option, event) {
    if (state.busy) return;
    if (!sendText(option.label)) return;
    button.classList.add("is-chosen");
    group.querySelectorAll(".option").forEach((b) => {
      b.disabled = true;
    });
    focusInput(event);
  }

  function onSubmit(event) {
    event.preventDefault();
    if (!sendText(el.input.value)) {
      el.input.focus();
      return;
    }
    el.input.value = "";
    autoGrow();
    focusInput(event);
  }

  // Enter sends, Shift+Enter breaks the line. While an input method is composing (Vietnamese Telex
  // or VNI on some systems), Enter confirms the word and must not send.
  function onKeyDown(event) {
    if (event.key !== "Enter" || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    if (el.form.requestSubmit) el.form.requestSubmit();
    else onSubmit(event);
  }

  function bindElements() {
    el.chat = document.getElementById("chat");
    el.welcome = document.getElementById("welcome");
    el.log = document.getElementById("log");
    el.status = document.getElementById("status");
    el.form = document.getElementById("composer-form");
    el.input = document.getElementById("input");
    el.send = document.getElementById("send");
    el.langToggle = document.getElementById("lang-toggle");
  }

  async function start() {
    bindElements();
    state.userId = loadUserId();
    el.form.addEventListener("submit", onSubmit);
    el.input.addEventListener("keydown", onKeyDown);
    el.input.addEventListener("input", autoGrow);
    el.langToggle.addEventListener("click", onToggleLanguage);
    el.chat.addEventListener("scroll", onChatScroll, { passive: true });
    if (typeof ResizeObserver === "function") new ResizeObserver(onChatResize).observe(el.chat);

    const wanted = readStored(kStorageLanguage);
    const language = kLanguages.includes(wanted) ? wanted : kDefaultLanguage;
    // If even Vietnamese cannot be loaded, the fallback text in index.html stays in place.
    if (!(await setLanguage(language)) && language !== kDefaultLanguage) {
      await setLanguage(kDefaultLanguage);
    }
    await restoreHistory();
  }

  start();
})();

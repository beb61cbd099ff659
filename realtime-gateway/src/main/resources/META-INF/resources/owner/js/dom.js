// Small DOM helpers. Server data only ever becomes text nodes or attribute values: never innerHTML.
import { dateInputHint, dateInputText, num, parseDateInput, t } from './i18n.js';

/**
 * h('button', {class: 'btn', on: {click: fn}, dataset: {test: 'x'}}, 'text', child...)
 * Strings and numbers become text nodes; null/false children are skipped.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'on') {
        for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
      } else if (k === 'dataset') {
        for (const [dk, dv] of Object.entries(v)) if (dv !== null && dv !== undefined) el.dataset[dk] = String(dv);
      } else if (k === 'class') {
        el.className = v;
      } else if (k === 'text') {
        el.textContent = String(v);
      } else if (k === 'value') {
        el.value = v;
      } else if (k === 'checked' || k === 'disabled' || k === 'selected' || k === 'hidden') {
        el[k] = Boolean(v);
      } else {
        el.setAttribute(k, v === true ? '' : String(v));
      }
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function replace(el, ...children) {
  clear(el);
  append(el, children);
  return el;
}

let idSeq = 0;
export function uid(prefix = 'id') {
  idSeq += 1;
  return `${prefix}-${idSeq}`;
}

/** A labelled form field. */
export function field(label, control) {
  const id = control.id || uid('f');
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

export function badge(text, kind = '') {
  return h('span', { class: `badge ${kind}`.trim() }, text);
}

export function spinner() {
  return h('p', { class: 'loading', role: 'status' }, h('span', { class: 'spin', 'aria-hidden': 'true' }), t('loading'));
}

export function errorBox(message) {
  return h('p', { class: 'error-box', role: 'alert' }, message);
}

export function pre(value) {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return h('pre', { class: 'code', dir: 'ltr', tabindex: '0' }, h('code', null, text ?? ''));
}

/** Toasts: polite status messages that disappear after a while. kind: info | success | error. */
export function toast(message, kind = 'info') {
  const box = document.getElementById('toasts');
  const item = h('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status', dataset: { kind } },
    h('span', null, message),
    h('button', { class: 'icon-btn', type: 'button', 'aria-label': t('close'), on: { click: () => item.remove() } }, '×'));
  box.appendChild(item);
  setTimeout(() => item.remove(), kind === 'error' ? 9000 : 5000);
}

// What identifies an element across a live redraw: its data-test, and the data-id of the row or item it sits in.
function focusSnapshot(el) {
  if (!el || el === document.body || !(el instanceof HTMLElement)) return null;
  return { el, test: el.dataset.test, id: el.closest('[data-id]')?.dataset.id };
}

function cssString(value) {
  return `"${String(value).replace(/["\\]/g, '\\$&')}"`;
}

/**
 * Puts focus back where it was before a dialog opened: the element itself, or when a live redraw replaced it, the
 * element with the same data-test in the row with the same data-id, or the page heading; never the body.
 */
function restoreFocus(snapshot) {
  const focusable = (el) => el && document.contains(el) && !el.disabled && el.getClientRects().length > 0;
  let target = snapshot?.el;
  if (!focusable(target) && snapshot?.test) {
    const scope = snapshot.id !== undefined ? document.querySelector(`[data-id=${cssString(snapshot.id)}]`) : document;
    target = scope?.querySelector(`[data-test=${cssString(snapshot.test)}]`);
  }
  if (!focusable(target)) {
    target = document.querySelector('#main h1') || document.getElementById('main');
    if (target && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  }
  target?.focus();
}

const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

// Tab and Shift+Tab wrap inside the dialog. showModal() makes the page inert, but Tab from the last control still
// leaves for the browser's own controls and the next Tab lands on the body, outside the dialog.
function trapTab(dlg) {
  dlg.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Tab') return;
    const items = [...dlg.querySelectorAll(FOCUSABLE)].filter((el) => !el.disabled && el.getClientRects().length > 0);
    if (!items.length) return;
    const first = items[0];
    const last = items[items.length - 1];
    const inside = dlg.contains(document.activeElement) && document.activeElement !== dlg;
    if (ev.shiftKey && (document.activeElement === first || !inside)) {
      ev.preventDefault();
      last.focus();
    } else if (!ev.shiftKey && (document.activeElement === last || !inside)) {
      ev.preventDefault();
      first.focus();
    }
  });
}

/**
 * A modal <dialog>: focus moves into it, Tab stays inside, Esc closes it (the browser's cancel), and focus returns to
 * the opener (or its equivalent after a redraw). body: nodes or body(dialogApi) → nodes.
 * buttons: [{label, kind, testId, action(dialogApi) → false keeps it open, value, enabledWhen() → bool}]; a button
 * without an action only closes the dialog (with its value) and stays usable while the dialog is busy.
 * initialFocus: a CSS selector inside the dialog (default: the first field, else the first primary button).
 * Resolves with the value passed to close().
 */
export function openDialog({ title, body, buttons = [], wide = false, testId, initialFocus }) {
  return new Promise((resolve) => {
    const opener = focusSnapshot(document.activeElement);
    const titleId = uid('dlg');
    const dlg = h('dialog', { class: wide ? 'dialog wide' : 'dialog', 'aria-labelledby': titleId, tabindex: '-1', dataset: { test: testId } });
    let result;
    let busy = false;
    let acting = false; // an action's call is running: then even the closing buttons wait
    let current = [];
    const refresh = () => {
      footer.querySelectorAll('button').forEach((el, i) => {
        const b = current[i];
        const closer = !b.action;
        el.disabled = closer ? acting : busy || (b.enabledWhen ? !b.enabledWhen() : false);
      });
    };
    const api = {
      close(value) { result = value; if (dlg.open) dlg.close(); },
      setBody(...nodes) { replace(bodyEl, ...nodes); },
      setBusy(next) {
        busy = next;
        // A focused button that becomes disabled drops focus to the body: hold it on the dialog meanwhile.
        if (next && footer.contains(document.activeElement)) dlg.focus();
        refresh();
        dlg.setAttribute('aria-busy', String(next));
      },
      /** Re-reads every button's enabledWhen(). */
      refresh,
      element: dlg,
    };
    const bodyEl = h('div', { class: 'dialog-body' });
    const footer = h('div', { class: 'dialog-actions' });
    const header = h('header', { class: 'dialog-head' },
      h('h2', { id: titleId }, title),
      h('button', { class: 'icon-btn', type: 'button', 'aria-label': t('close'), dataset: { test: 'dialog-close' }, on: { click: () => { if (!acting) api.close(undefined); } } }, '×'));
    dlg.append(header, bodyEl, footer);
    const renderButtons = (list) => {
      current = list;
      clear(footer);
      for (const b of list) {
        footer.appendChild(h('button', {
          type: 'button', class: `btn ${b.kind || ''}`.trim(), dataset: { test: b.testId },
          on: {
            click: async (ev) => {
              if (!b.action) { api.close(b.value); return; }
              const pressed = ev.currentTarget;
              acting = true;
              api.setBusy(true);
              let keep;
              try { keep = await b.action(api); } finally {
                acting = false;
                if (dlg.open) {
                  api.setBusy(false);
                  if (document.activeElement === dlg) (pressed.disabled ? footer.querySelector('button:not(:disabled)') : pressed)?.focus();
                }
              }
              if (keep !== false && dlg.open) api.close(keep);
            },
          },
        }, b.label));
      }
      refresh();
    };
    api.setButtons = renderButtons;
    renderButtons(buttons);
    const initial = typeof body === 'function' ? body(api) : body;
    if (initial) api.setBody(...[].concat(initial));
    refresh();
    dlg.addEventListener('cancel', (ev) => { if (acting) ev.preventDefault(); });
    dlg.addEventListener('close', () => {
      dlg.remove();
      restoreFocus(opener);
      resolve(result);
    });
    trapTab(dlg);
    document.body.appendChild(dlg);
    dlg.showModal();
    const first = (initialFocus && dlg.querySelector(initialFocus))
      || bodyEl.querySelector('input, select, textarea') || footer.querySelector('button:not(.secondary)') || footer.querySelector('button');
    if (first) first.focus();
  });
}

/** Closes every open dialog (as Esc would): a dialog belongs to the page that opened it, so leaving the page ends it. */
export function closeDialogs() {
  for (const dlg of document.querySelectorAll('dialog[open]')) dlg.close();
}

/**
 * The "type the name to confirm" field of destructive dialogs: returns {node, matches()}; onInput runs on each change
 * (the dialog re-checks its buttons). Without a name there is nothing to type and matches() is always true.
 */
export function typeToConfirmField(name, onInput) {
  if (!name) return { node: null, matches: () => true };
  const input = h('input', {
    type: 'text', autocomplete: 'off', spellcheck: 'false', dir: 'ltr', dataset: { test: 'type-to-confirm' },
    on: { input: () => onInput() },
  });
  return {
    node: h('div', { class: 'field type-to-confirm' }, h('label', null, t('shellTypeToConfirm', { name }), input)),
    matches: () => input.value.trim() === name,
  };
}

/**
 * A yes/no dialog; resolves true (or onConfirm's answer) when confirmed. Opens with focus on Cancel, so Enter never
 * confirms by accident; with typeToConfirm (e.g. the queue's name) the confirm button stays disabled until it is typed.
 */
export function confirmDialog({ title, text, confirmLabel, danger = false, extra, testId, onConfirm, typeToConfirm }) {
  let gate;
  return openDialog({
    title, testId, initialFocus: '[data-test="cancel"]',
    body: (dlg) => {
      gate = typeToConfirmField(typeToConfirm, () => dlg.refresh());
      return [h('p', null, text), extra || null, gate.node];
    },
    buttons: [
      { label: t('cancel'), kind: 'secondary', value: false, testId: 'cancel' },
      {
        label: confirmLabel || t('confirm'), kind: danger ? 'danger' : 'primary', testId: 'confirm',
        enabledWhen: () => Boolean(gate?.matches()),
        action: async (api) => {
          if (!onConfirm) return true;
          try { return (await onConfirm(api)) ?? true; } catch (e) { api.setBody(h('p', null, text), errorBox(e.message)); return false; }
        },
      },
    ],
  });
}

const DATE_RECHECK = 'streamq-date-recheck';
let resetsWatched = false;
// A form's reset empties its fields without an input event: date filters re-check, or an earlier error would stay.
function watchFormResets() {
  if (resetsWatched) return;
  resetsWatched = true;
  document.addEventListener('reset', (ev) => setTimeout(() => {
    for (const el of ev.target.querySelectorAll('input')) el.dispatchEvent(new Event(DATE_RECHECK));
  }), true);
}

/**
 * A labelled date filter: a text field in the language's one date format (Solar Hijri with Persian digits in fa),
 * because a native date input shows the browser's locale (mm/dd/yyyy, Gregorian) whatever the page's language.
 * A line under it shows the format; a date it cannot read keeps the form from submitting, with a message. options: {value: epoch ms or ISO to start with, endOfDay: true for "to" filters, testId}.
 * Returns {node, input}; read the input with dateInputIso(input).
 */
export function dateField(label, { value, endOfDay = false, testId } = {}) {
  const hint = h('small', { id: uid('date-hint'), class: 'muted date-hint' }, t('shellDateFormat', { example: dateInputHint() }));
  const input = h('input', {
    type: 'text', inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false', placeholder: dateInputHint(),
    'aria-describedby': hint.id, value: dateInputText(value), dataset: { test: testId, endOfDay: endOfDay ? 'true' : null },
  });
  // The validity follows every keystroke, so a form's submit is stopped with the message; aria-invalid (the red
  // border) waits for the owner to leave the field, unless it is already showing.
  const check = (show) => {
    const bad = Number.isNaN(parseDateInput(input.value, { endOfDay }));
    input.setCustomValidity(bad ? t('shellDateInvalid', { example: dateInputHint() }) : '');
    if (!bad) input.removeAttribute('aria-invalid');
    else if (show) input.setAttribute('aria-invalid', 'true');
  };
  input.addEventListener('change', () => check(true));
  input.addEventListener('input', () => check(input.hasAttribute('aria-invalid')));
  input.addEventListener(DATE_RECHECK, () => check(false));
  watchFormResets();
  const node = field(label, input);
  node.append(hint);
  return { node, input };
}

/** The ISO instant (seconds precision) a date filter holds, or '' when it is empty or unreadable. */
export function dateInputIso(input) {
  const ms = parseDateInput(input.value, { endOfDay: input.dataset.endOfDay === 'true' });
  return ms === null || Number.isNaN(ms) ? '' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A table with a header row; rows are arrays of cells (nodes or text). */
export function table(headers, rows, { caption, testId } = {}) {
  return h('div', { class: 'table-wrap' },
    h('table', { dataset: { test: testId } },
      caption ? h('caption', { class: 'sr-only' }, caption) : null,
      h('thead', null, h('tr', null, headers.map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', null, rows)));
}

/** Previous / "page n of m · k items" / next, with the numbers in the language's digits. */
export function pager({ page, pageSize, total, onPage }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return h('nav', { class: 'pager', 'aria-label': t('pageOf', { page: num(page), pages: num(pages) }), dataset: { test: 'pager' } },
    h('button', { type: 'button', class: 'btn secondary', disabled: page <= 1, dataset: { test: 'prev' }, on: { click: () => onPage(page - 1) } }, t('previous')),
    h('span', { dataset: { test: 'pager-text' } }, t('pageOf', { page: num(page), pages: num(pages) }), ' · ', t('totalItems', { total: num(total) })),
    h('button', { type: 'button', class: 'btn secondary', disabled: page >= pages, dataset: { test: 'next' }, on: { click: () => onPage(page + 1) } }, t('next')));
}

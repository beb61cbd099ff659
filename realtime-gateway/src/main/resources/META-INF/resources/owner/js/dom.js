// Small DOM helpers. Server data only ever becomes text nodes or attribute values: never innerHTML.
import { t } from './i18n.js';

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

/**
 * A modal <dialog>: focus moves into it, Esc closes it (the browser's cancel), focus returns to the opener.
 * content(dialogApi) returns the body; buttons: [{label, kind, action(dialogApi) → false keeps it open}].
 * Resolves with the value passed to close().
 */
export function openDialog({ title, body, buttons = [], wide = false, testId }) {
  return new Promise((resolve) => {
    const opener = document.activeElement;
    const titleId = uid('dlg');
    const dlg = h('dialog', { class: wide ? 'dialog wide' : 'dialog', 'aria-labelledby': titleId, dataset: { test: testId } });
    let result;
    const api = {
      close(value) { result = value; if (dlg.open) dlg.close(); },
      setBody(...nodes) { replace(bodyEl, ...nodes); },
      setBusy(busy) { for (const b of footer.querySelectorAll('button')) b.disabled = busy; dlg.setAttribute('aria-busy', String(busy)); },
      element: dlg,
    };
    const bodyEl = h('div', { class: 'dialog-body' });
    const footer = h('div', { class: 'dialog-actions' });
    const header = h('header', { class: 'dialog-head' },
      h('h2', { id: titleId }, title),
      h('button', { class: 'icon-btn', type: 'button', 'aria-label': t('close'), on: { click: () => api.close(undefined) } }, '×'));
    dlg.append(header, bodyEl, footer);
    const renderButtons = (list) => {
      clear(footer);
      for (const b of list) {
        footer.appendChild(h('button', {
          type: 'button', class: `btn ${b.kind || ''}`.trim(), dataset: { test: b.testId },
          on: {
            click: async () => {
              if (!b.action) { api.close(b.value); return; }
              api.setBusy(true);
              let keep;
              try { keep = await b.action(api); } finally { if (dlg.open) api.setBusy(false); }
              if (keep !== false && dlg.open) api.close(keep);
            },
          },
        }, b.label));
      }
    };
    api.setButtons = renderButtons;
    renderButtons(buttons);
    const initial = typeof body === 'function' ? body(api) : body;
    if (initial) api.setBody(...[].concat(initial));
    dlg.addEventListener('close', () => {
      dlg.remove();
      if (opener && typeof opener.focus === 'function' && document.contains(opener)) opener.focus();
      resolve(result);
    });
    document.body.appendChild(dlg);
    dlg.showModal();
    const first = bodyEl.querySelector('input, select, textarea') || footer.querySelector('button:not(.secondary)') || footer.querySelector('button');
    if (first) first.focus();
  });
}

/** A yes/no dialog; resolves true when confirmed. */
export function confirmDialog({ title, text, confirmLabel, danger = false, extra, testId, onConfirm }) {
  return openDialog({
    title, testId,
    body: [h('p', null, text), extra || null],
    buttons: [
      { label: t('cancel'), kind: 'secondary', value: false },
      {
        label: confirmLabel || t('confirm'), kind: danger ? 'danger' : 'primary', testId: 'confirm',
        action: async (api) => {
          if (!onConfirm) return true;
          try { return (await onConfirm(api)) ?? true; } catch (e) { api.setBody(h('p', null, text), errorBox(e.message)); return false; }
        },
      },
    ],
  });
}

/** A table with a header row; rows are arrays of cells (nodes or text). */
export function table(headers, rows, { caption, testId } = {}) {
  return h('div', { class: 'table-wrap' },
    h('table', { dataset: { test: testId } },
      caption ? h('caption', { class: 'sr-only' }, caption) : null,
      h('thead', null, h('tr', null, headers.map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', null, rows)));
}

export function pager({ page, pageSize, total, onPage }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return h('nav', { class: 'pager', 'aria-label': t('pageOf', { page, pages }) },
    h('button', { type: 'button', class: 'btn secondary', disabled: page <= 1, dataset: { test: 'prev' }, on: { click: () => onPage(page - 1) } }, t('previous')),
    h('span', null, t('pageOf', { page, pages }), ' · ', t('totalItems', { total })),
    h('button', { type: 'button', class: 'btn secondary', disabled: page >= pages, dataset: { test: 'next' }, on: { click: () => onPage(page + 1) } }, t('next')));
}

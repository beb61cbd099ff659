// The ARIA tabs pattern for the queue and state tabs: one tab stop (the selected tab), arrow keys move to the next
// or previous tab and select it (mirrored when the page is right to left), Home and End go to the first and last.
import { h, replace } from '../../dom.js';

/** An empty tablist; fill it with renderTabs. */
export function tabList({ label, testId, small = false }) {
  const list = h('div', { class: small ? 'tabs small' : 'tabs', role: 'tablist', 'aria-label': label, dataset: { test: testId } });
  list.addEventListener('keydown', (ev) => {
    const tabs = [...list.querySelectorAll('[role="tab"]')];
    const at = tabs.indexOf(document.activeElement);
    if (at < 0) return;
    const forward = getComputedStyle(list).direction === 'rtl' ? -1 : 1;
    const moves = { ArrowRight: at + forward, ArrowLeft: at - forward, Home: 0, End: tabs.length - 1 };
    if (!(ev.key in moves)) return;
    ev.preventDefault();
    const next = tabs[(moves[ev.key] + tabs.length) % tabs.length];
    next.focus();
    next.click();
  });
  return list;
}

/**
 * Fills `list` with tabs [{key, label, testId, data}] for panel `panelId`. Live redraws keep the focus on the
 * selected tab when it was in the list, so a refresh never drops a keyboard user to the page body.
 */
export function renderTabs(list, { items, selected, panelId, onSelect }) {
  const hadFocus = list.contains(document.activeElement);
  replace(list, ...items.map((it) => h('button', {
    type: 'button', role: 'tab', class: 'tab', id: `${panelId}-tab-${it.key}`, 'aria-controls': panelId,
    'aria-selected': String(it.key === selected), tabindex: it.key === selected ? '0' : '-1',
    dataset: { test: it.testId, ...(it.data || {}) },
    on: { click: () => { if (it.key !== selected) onSelect(it.key); } },
  }, it.label)));
  if (hadFocus) list.querySelector('[aria-selected="true"]')?.focus();
}

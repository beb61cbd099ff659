// Bulk actions on selected rows, shared by the queue and DLQ pages: the table whose first column selects rows, the
// bar of bulk buttons, and the per-item results of a bulk call.
import { badge, h, openDialog, replace, table, toast } from './dom.js';
import { num, t } from './i18n.js';

/** Forgets the selected ids that the rows now shown no longer carry (a reload or another page). */
export function keepShown(selected, items) {
  for (const id of [...selected]) if (!items.some((r) => r.id === id)) selected.delete(id);
}

/**
 * A table whose first column selects rows by id into the Set `selected`. cells(item) → the other cells;
 * rowData(item) → extra data attributes of the row. Select-all calls onSelectAll (the page re-renders the table),
 * a row's box calls onSelect (the page refreshes its bulk bar). Every cell carries its column's header as
 * data-label; with `stacked`, the rows become "label: value" blocks below the layout breakpoint (console.css).
 */
export function selectableTable({ headers, items, selected, cells, rowData = () => ({}), onSelectAll, onSelect, testId, stacked = false }) {
  const all = h('input', {
    type: 'checkbox', 'aria-label': t('selectAll'), checked: items.length > 0 && items.every((r) => selected.has(r.id)),
    on: { change: () => { items.forEach((r) => (all.checked ? selected.add(r.id) : selected.delete(r.id))); onSelectAll(); } },
  });
  const rows = items.map((r) => h('tr', { dataset: { id: r.id, ...rowData(r) } },
    h('td', null, h('input', {
      type: 'checkbox', 'aria-label': t('selectRow', { id: r.id }), checked: selected.has(r.id),
      on: { change: (ev) => { ev.target.checked ? selected.add(r.id) : selected.delete(r.id); onSelect(); } },
    })),
    ...labelled(cells(r), headers)));
  const wrap = table([h('label', { class: 'select-all' }, all, h('span', { class: 'select-all-text' }, t('selectAll'))), ...headers], rows, { testId });
  if (stacked) wrap.classList.add('stacked');
  return wrap;
}

function labelled(cells, headers) {
  cells.forEach((cell, i) => { if (cell instanceof Element && !cell.dataset.label && headers[i]) cell.dataset.label = headers[i]; });
  return cells;
}

/**
 * Fills `bar` with the selection count and the bulk buttons [{label, danger, testId, run, disabled, why}]; empty
 * when none is selected. `extra`: nodes after the buttons (e.g. the offer to select every matching item).
 */
export function renderBulkBar(bar, count, actions, extra = null) {
  if (!count) { replace(bar); return; }
  replace(bar, h('span', { dataset: { test: 'selected-count' } }, t('selected', { count: num(count) })),
    ...actions.map((a) => h('button', {
      type: 'button', class: a.danger ? 'btn danger' : 'btn', dataset: { test: a.testId }, disabled: Boolean(a.disabled), title: a.why || null,
      on: { click: a.run },
    }, a.label)), extra);
}

/** Per-item results of a bulk call: {successCount, failureCount, results[{id, success, reason}]}. */
export function showBulkResults(result) {
  toast(t('bulkDone', { ok: num(result.successCount), failed: num(result.failureCount) }), result.failureCount ? 'error' : 'success');
  return openDialog({
    title: t('bulkResultsTitle'), testId: 'bulk-results',
    body: [h('p', null, t('bulkDone', { ok: num(result.successCount), failed: num(result.failureCount) })),
      table([t('jobId'), t('outcome')], (result.results || []).map((r) => h('tr', { dataset: { id: r.id, success: String(r.success) } },
        h('td', null, h('code', null, r.id)), h('td', null, badge(r.reason || (r.success ? 'ok' : 'failed'), r.success ? 'ok' : 'bad')))))],
    buttons: [{ label: t('close'), kind: 'secondary' }],
  });
}

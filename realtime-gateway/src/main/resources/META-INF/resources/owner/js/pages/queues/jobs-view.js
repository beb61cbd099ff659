// The Jobs tab of a queue: state tabs with counts, search, pages, the rows' actions and the bulk bar (the selected
// rows, or every job the list matches).
import { api } from '../../api.js';
import { confirmDialog, errorBox, h, pager, replace, spinner } from '../../dom.js';
import { num, t, when } from '../../i18n.js';
import { keepShown, renderBulkBar, selectableTable, showBulkResults } from '../../bulk.js';
import { actOnMatching, selectAllMatchingOffer } from './select-matching.js';
import { jobCells, jobHeaders } from './job-rows.js';
import { removeJob, retryJob } from './job-actions.js';
import { can, NEEDS } from './policy.js';
import { renderTabs, tabList } from './tabs.js';
import { STATES, stateLabel } from './states.js';
import { ago } from './age.js';

const PAGE_SIZE = 20;

/**
 * ctx: {queue, stats() → the queue's line of /owner/queues/stats, onChanged() after an action, openJob(id)}.
 * Returns {reload, redrawCounts, dispose}.
 */
export function jobsView(panel, ctx) {
  // cursors[p] loads page p (p ≥ 2) from the nextCursor of page p - 1: page numbers reach only the first jobs of
  // waiting and active (the API refuses deeper ones), a cursor any depth. A search pages by number.
  const state = { jobState: 'waiting', search: '', page: 1, cursors: [], selected: new Set(), rows: [], total: null, allMatching: false };
  let disposed = false;
  let lastData = null;
  const panelId = `jobs-panel-${ctx.queue}`;
  const stateTabs = tabList({ label: t('queuesStatesLabel'), testId: 'state-tabs', small: true });
  const countsNote = h('p', { class: 'muted small-note', dataset: { test: 'counts-note' } });
  const searchInput = h('input', { type: 'search', placeholder: t('searchPlaceholder'), 'aria-label': t('search'), maxlength: '200', dataset: { test: 'job-search' } });
  const bulkBar = h('div', { class: 'bulk-bar', dataset: { test: 'bulk-bar' } });
  const list = h('div', { id: panelId, role: 'tabpanel', tabindex: '-1', dataset: { test: 'job-list' } });

  replace(panel, stateTabs, countsNote,
    h('form', { class: 'toolbar', role: 'search', on: { submit: (ev) => { ev.preventDefault(); state.search = searchInput.value.trim(); firstPage(); load(); } } },
      searchInput, h('button', { type: 'submit', class: 'btn' }, t('search'))),
    bulkBar, list);

  function firstPage() {
    state.page = 1;
    state.cursors = [];
    state.total = null;
    state.selected.clear();
    state.allMatching = false;
  }

  /**
   * The tabs count from monitor's stats, a snapshot refreshed every few seconds; the list is read now. So the open
   * tab shows the list's own total (with a search the tabs keep the state counts and the note gives the matches),
   * and the note dates the others: "Delayed (0)" over a list of 12 delayed jobs cannot happen.
   */
  function redrawCounts() {
    const stats = ctx.stats();
    const count = (s) => (s === state.jobState && state.total !== null && !state.search ? state.total : stats?.counts?.[s] ?? 0);
    renderTabs(stateTabs, {
      items: STATES.map((s) => ({ key: s, label: t('stateTab', { state: stateLabel(s), count: num(count(s)) }), testId: `state-${s}`, data: { state: s, count: count(s) } })),
      selected: state.jobState, panelId,
      onSelect: (s) => { state.jobState = s; firstPage(); redrawCounts(); load(); },
    });
    if (!stats?.asOf) replace(countsNote);
    else if (state.search) replace(countsNote, t('queuesCountsSearch', { time: when(stats.asOf), age: ago(stats.asOf), count: num(state.total ?? 0) }));
    else replace(countsNote, t('queuesCountsAsOf', { time: when(stats.asOf), age: ago(stats.asOf) }));
  }

  async function load() {
    list.setAttribute('aria-busy', 'true');
    if (!state.rows.length) replace(list, spinner());
    // firstPage() replaces the array, so an answer for a tab left meanwhile cannot leave its cursor behind.
    const { cursors, page, jobState, search } = state;
    try {
      const { data } = await api('monitor', `/owner/queues/${encodeURIComponent(ctx.queue)}/jobs`, {
        params: { state: jobState, search, page, pageSize: PAGE_SIZE, cursor: search ? undefined : cursors[page] },
      });
      if (disposed || jobState !== state.jobState || search !== state.search) return;
      cursors[page + 1] = data.nextCursor ?? undefined;
      state.rows = data.data || [];
      state.total = data.total;
      if (!state.allMatching) keepShown(state.selected, state.rows);
      lastData = data;
      renderRows(data);
      redrawCounts();
    } catch (e) {
      if (!disposed) replace(list, errorBox(t('failedToLoad', { error: e.message })));
    } finally {
      list.setAttribute('aria-busy', 'false');
    }
  }

  function changed() {
    ctx.onChanged();
    load();
  }

  function renderRows(page) {
    const focus = focusedControl();
    replace(list,
      page.searchLimited ? h('p', { class: 'muted' }, t('searchLimited', { limit: num(page.scanLimit) })) : null,
      state.rows.length ? selectableTable({
        headers: jobHeaders(state.jobState), items: state.rows, selected: state.selected, testId: 'jobs-table', stacked: true,
        rowData: (r) => ({ state: r.state }),
        onSelectAll: () => { state.allMatching = false; renderRows(page); }, onSelect: () => { state.allMatching = false; renderBulk(); },
        cells: (r) => jobCells(r, {
          view: (row) => ctx.openJob(row.id),
          retry: async (row) => { if (await retryJob(ctx.queue, row.id)) changed(); },
          remove: async (row) => { if (await removeJob(ctx.queue, row.id)) changed(); },
        }),
      }) : h('p', { class: 'muted' }, t('nothing')),
      pager({ page: state.page, pageSize: PAGE_SIZE, total: page.total, onPage: (p) => { state.page = p; state.allMatching = false; load(); } }));
    renderBulk();
    if (focus) refocus(focus);
  }

  /** The control of the list that has the focus, by its row and role, so a live redraw can give it back. */
  function focusedControl() {
    const el = document.activeElement;
    if (!el || !list.contains(el)) return null;
    const row = el.closest('tr');
    const part = el.closest('.pager') ? '.pager' : el.closest('thead') ? 'thead' : null;
    return { id: row?.dataset.id ?? null, index: row ? [...row.parentNode.children].indexOf(row) : -1, test: el.dataset.test ?? null, part };
  }

  /** The same control of the same row; when that row left the list, of the row now in its place; else the list. */
  function refocus({ id, index, test, part }) {
    const rows = [...list.querySelectorAll('tbody tr')];
    const row = rows.find((r) => r.dataset.id === id) || rows[Math.min(index, rows.length - 1)];
    const scope = part ? list.querySelector(part) : row;
    const target = scope?.querySelector(test ? `[data-test="${test}"]:not(:disabled)` : 'input, button:not(:disabled)');
    (target || list).focus();
  }

  function renderBulk() {
    const retryOk = state.jobState === 'failed';
    const removeOk = state.jobState !== 'active';
    if (state.allMatching) {
      const total = num(state.total);
      renderBulkBar(bulkBar, state.total, [
        retryOk && { label: t('queuesRetryMatching', { count: total }), testId: 'retry-matching', disabled: !can(NEEDS.retry), run: () => matching('retry') },
        removeOk && { label: t('queuesRemoveMatching', { count: total }), danger: true, testId: 'remove-matching', disabled: !can(NEEDS.remove), run: () => matching('remove') },
        { label: t('queuesClearSelection'), testId: 'clear-selection', run: () => { state.allMatching = false; state.selected.clear(); renderRows(lastData); } },
      ].filter(Boolean), h('p', { class: 'muted small-note', dataset: { test: 'all-matching' } }, t('queuesAllMatching', { count: total })));
      return;
    }
    const wholePage = state.rows.length > 0 && state.rows.every((r) => state.selected.has(r.id));
    renderBulkBar(bulkBar, state.selected.size, [
      retryOk && { label: t('bulkRetry'), testId: 'bulk-retry', disabled: !can(NEEDS.retry), run: () => bulk('retry') },
      removeOk && { label: t('bulkRemove'), danger: true, testId: 'bulk-remove', disabled: !can(NEEDS.remove), run: () => bulk('remove') },
    ].filter(Boolean), wholePage && state.total > state.rows.length && (retryOk || removeOk)
      ? selectAllMatchingOffer(state.total, () => { state.allMatching = true; renderBulk(); }) : null);
  }

  async function bulk(kind) {
    const ids = [...state.selected];
    const label = kind === 'retry' ? t('bulkRetry') : t('bulkRemove');
    const result = await confirmDialog({
      title: t('bulkConfirmTitle', { action: label, count: num(ids.length) }), text: ids.join(', '), confirmLabel: label, danger: kind === 'remove',
      onConfirm: async () => (await api('monitor', `/owner/queues/${encodeURIComponent(ctx.queue)}/jobs/bulk-${kind}`, { method: 'POST', body: { ids } })).data,
    });
    if (!result) return;
    state.selected.clear();
    showBulkResults(result);
    changed();
  }

  async function matching(kind) {
    const result = await actOnMatching({ kind, queue: ctx.queue, jobState: state.jobState, search: state.search });
    if (!result) return;
    state.allMatching = false;
    state.selected.clear();
    firstPage();
    changed();
  }

  redrawCounts();
  load();
  return { reload: load, redrawCounts, dispose: () => { disposed = true; } };
}

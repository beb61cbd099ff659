// The dead-letter queue: list with search, filters and pagination, the entry's detail dialog, replay/delete confirm
// dialogs, bulk replay/delete with per-item results, clear (with filters) through the confirm flow, CSV export of
// what the filters select, refreshed live by dlq_event frames.
import { api, can, queueNames } from '../api.js';
import { badge, confirmDialog, dateField, dateInputIso, errorBox, field, h, openDialog, pager, replace, spinner, toast } from '../dom.js';
import { num, register, t, when } from '../i18n.js';
import { confirmFlow, summaryList } from '../confirm.js';
import { keepShown, renderBulkBar, selectableTable, showBulkResults } from '../bulk.js';
import * as realtime from '../realtime.js';
import messages from '../messages/dlq.js';
import { deleteEntry, replayEntry } from './dlq/actions.js';
import { openEntryDialog } from './dlq/entry-dialog.js';
import { exportButton } from './dlq/export.js';

register(messages);

const PAGE_SIZE = 20;

/** A table cell that names its column, so the rows can stack under the phone breakpoint (css/dlq.css). */
function cell(label, content, { cls, test } = {}) {
  return h('td', { class: cls, dataset: { label, test } }, content);
}

export default {
  render(main, { params }) {
    const state = { page: 1, filters: {}, rows: [], selected: new Set() };
    let disposed = false;
    const queueOptions = () => [h('option', { value: '' }, t('anyQueue')), ...queueNames().map((q) => h('option', { value: q }, q))];
    const f = {
      search: h('input', { type: 'search', maxlength: '200', placeholder: t('searchPlaceholder'), dataset: { test: 'dlq-search' } }),
      originalQueue: h('select', { dataset: { test: 'dlq-queue' } }, queueOptions()),
      jobName: h('input', { type: 'text', maxlength: '100', dir: 'ltr' }),
      errorCode: h('input', { type: 'text', maxlength: '100', dir: 'ltr' }),
      minReplayCount: h('input', { type: 'number', min: '0', step: '1', inputmode: 'numeric' }),
    };
    // Dates in the language's one format (Solar Hijri in Persian), not the browser's.
    const from = dateField(t('filterFrom'), { testId: 'dlq-from' });
    const to = dateField(t('filterTo'), { endOfDay: true, testId: 'dlq-to' });
    // Links from the analytics page open the list already filtered.
    for (const name of ['search', 'originalQueue', 'jobName', 'errorCode']) if (params.get(name)) f[name].value = params.get(name);
    const bulkBar = h('div', { class: 'bulk-bar' });
    const list = h('div', { dataset: { test: 'dlq-list' } });

    const form = h('form', {
      class: 'filters', role: 'search',
      on: {
        submit: (ev) => { ev.preventDefault(); readFilters(); state.page = 1; load(); },
        reset: () => setTimeout(() => { readFilters(); state.page = 1; load(); }),
      },
    },
    field(t('search'), f.search), field(t('filterQueue'), f.originalQueue), field(t('filterJobName'), f.jobName),
    field(t('filterErrorCode'), f.errorCode), field(t('filterMinReplays'), f.minReplayCount),
    from.node, to.node,
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'btn primary', dataset: { test: 'dlq-apply' } }, t('apply')),
      h('button', { type: 'reset', class: 'btn secondary' }, t('reset'))));

    main.append(
      h('div', { class: 'page-head' }, h('h1', null, t('dlqTitle')), h('span', { class: 'spacer' }),
        h('button', { type: 'button', class: 'btn secondary', dataset: { test: 'refresh' }, on: { click: () => load() } }, t('refresh')),
        exportButton(t('dlqExportFiltered'), () => state.filters),
        h('button', { type: 'button', class: 'btn danger', disabled: !can('DELETE'), dataset: { test: 'dlq-clear' }, on: { click: clearDlq } }, t('clear'))),
      form, bulkBar, list);

    function readFilters() {
      state.filters = {
        search: f.search.value.trim(), originalQueue: f.originalQueue.value, jobName: f.jobName.value.trim(),
        errorCode: f.errorCode.value.trim(), minReplayCount: f.minReplayCount.value, from: dateInputIso(from.input), to: dateInputIso(to.input),
      };
    }

    async function load() {
      list.setAttribute('aria-busy', 'true');
      if (!state.rows.length) replace(list, spinner());
      try {
        const { data } = await api('dlq', '/owner/dlq', { params: { ...state.filters, page: state.page, pageSize: PAGE_SIZE } });
        if (disposed) return;
        state.rows = data.data || [];
        keepShown(state.selected, state.rows);
        render(data);
      } catch (e) {
        replace(list, errorBox(t('failedToLoad', { error: e.message })));
      } finally {
        list.setAttribute('aria-busy', 'false');
      }
    }

    function render(page) {
      replace(list,
        page.searchLimited ? h('p', { class: 'muted' }, t('searchLimited', { limit: num(page.scanned) })) : null,
        state.rows.length ? selectableTable({
          headers: [t('jobId'), t('queue'), t('jobType'), t('errorMessage'), t('lastFailedAt'), t('replays'), t('actions')],
          items: state.rows, selected: state.selected, testId: 'dlq-table', stacked: true,
          rowData: (r) => ({ replayed: String(r.isReplayed) }),
          onSelectAll: () => render(page), onSelect: renderBulk,
          cells: (r) => [
            cell(t('jobId'), h('code', null, r.id)),
            cell(t('queue'), r.originalQueue),
            cell(t('jobType'), h('span', { dir: 'ltr' }, r.originalJobName)),
            cell(t('errorMessage'), [r.errorCode ? [badge(r.errorCode, 'bad'), ' '] : null, h('span', { dir: 'auto' }, r.errorMessage ?? '')], { cls: 'clip' }),
            cell(t('lastFailedAt'), when(r.lastFailedAt)),
            cell(t('replays'), [num(r.replayCount), ' ', r.isReplayed ? badge(t('replayedBadge'), 'ok') : badge(t('neverBadge'), 'info')], { test: 'replay-count' }),
            cell(t('actions'), [
              h('button', { type: 'button', class: 'btn small', dataset: { test: 'view' }, on: { click: () => details(r.id) } }, t('view')),
              h('button', { type: 'button', class: 'btn small', disabled: !can('MANAGE'), dataset: { test: 'replay' }, on: { click: () => replay(r) } }, t('replay')),
              h('button', { type: 'button', class: 'btn small danger', disabled: !can('DELETE'), dataset: { test: 'delete' }, on: { click: () => remove(r) } }, t('delete')),
            ], { cls: 'actions' })],
        }) : h('p', { class: 'muted' }, t('nothing')),
        pager({ page: state.page, pageSize: PAGE_SIZE, total: page.total, onPage: (p) => { state.page = p; load(); } }));
      renderBulk();
    }

    function renderBulk() {
      renderBulkBar(bulkBar, state.selected.size, [
        can('MANAGE') ? { label: t('bulkReplay'), testId: 'bulk-replay', run: () => bulk('replay') } : null,
        can('DELETE') ? { label: t('bulkDelete'), danger: true, testId: 'bulk-delete', run: () => bulk('delete') } : null,
      ].filter(Boolean));
    }

    function details(id) {
      openEntryDialog(id, { onChanged: () => load() });
    }

    async function replay(r) {
      if (await replayEntry(r)) load();
    }

    async function remove(r) {
      if (await deleteEntry(r)) load();
    }

    async function bulk(kind) {
      const ids = [...state.selected];
      const result = await confirmDialog({
        title: t(kind === 'replay' ? 'bulkReplayTitle' : 'bulkDeleteTitle', { count: num(ids.length) }), text: ids.join(', '),
        confirmLabel: kind === 'replay' ? t('replay') : t('delete'), danger: kind === 'delete', testId: `bulk-${kind}-dialog`,
        onConfirm: async () => (await api('dlq', `/owner/dlq/bulk-${kind}`, { method: 'POST', body: { ids } })).data,
      });
      if (!result) return;
      state.selected.clear();
      showBulkResults(result);
      load();
    }

    async function clearDlq() {
      const queue = h('select', null, queueOptions());
      queue.value = f.originalQueue.value;
      const minReplays = h('input', { type: 'number', min: '0', step: '1', value: f.minReplayCount.value || '0' });
      const filters = await openDialog({
        title: t('clearTitle'), testId: 'clear-filters',
        body: [h('p', null, t('clearText')), field(t('filterQueue'), queue), field(t('filterMinReplays'), minReplays)],
        buttons: [{ label: t('cancel'), kind: 'secondary' },
          { label: t('clearCheck'), kind: 'primary', testId: 'confirm', action: () => ({ originalQueue: queue.value || null, minReplayCount: Number(minReplays.value) || 0 }) }],
      });
      if (!filters) return;
      const result = await confirmFlow({
        service: 'dlq', path: '/owner/dlq/clear', body: filters, testId: 'clear-dialog',
        // The owner types what goes: the queue's name, or "all" when every queue is cleared.
        typeToConfirm: filters.originalQueue || 'all',
        title: t('clearTitle'), text: t('clearText'), confirmLabel: t('clearConfirm'),
        summaryView: (s) => [h('p', { class: 'strong' }, t('clearSummary', { entries: num(s.entries) })),
          summaryList([[t('filterQueue'), s.originalQueue === '*' || !s.originalQueue ? t('anyQueue') : s.originalQueue], [t('filterMinReplays'), num(s.minReplayCount ?? 0)]])],
      });
      if (!result) return;
      if (result.affected != null) { toast(t('clearedToast', { count: num(result.affected) }), 'success'); load(); return; }
      // A large clear runs on as a task past its request (202): follow it until it ends.
      toast(t('clearRunningToast', { target: num(result.task.target) }), 'info');
      const task = await followClearTask(result.task.taskId);
      if (task.state === 'succeeded') toast(t('clearedToast', { count: num(task.removed) }), 'success');
      else toast(t('clearStoppedToast', { count: num(task.removed), target: num(task.target), state: task.state }), 'error');
      load();
    }

    async function followClearTask(taskId) {
      for (;;) {
        const { data: task } = await api('dlq', `/owner/dlq/clear/${encodeURIComponent(taskId)}`);
        if (task.state !== 'running' || disposed) return task;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }

    readFilters();
    load();
    realtime.join('dlq');
    let soon = null;
    const off = realtime.onFrame((fr) => {
      if (fr.type === 'dlq_event' && !fr.latest) { clearTimeout(soon); soon = setTimeout(load, 800); }
    });
    return () => { disposed = true; off(); clearTimeout(soon); realtime.leave('dlq'); };
  },
};

// The dead-letter queue: list with search, filters and pagination, details, replay/delete confirm dialogs,
// bulk replay/delete with per-item results, clear (with filters) through the confirm flow.
import { api, queueNames } from '../api.js';
import { badge, confirmDialog, errorBox, field, h, openDialog, pager, pre, replace, spinner, toast } from '../dom.js';
import { num, t, when } from '../i18n.js';
import { confirmFlow, summaryList } from '../confirm.js';
import { keepShown, renderBulkBar, selectableTable, showBulkResults } from '../bulk.js';
import * as realtime from '../realtime.js';

const PAGE_SIZE = 20;

function localToIso(value) {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
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
      from: h('input', { type: 'datetime-local' }),
      to: h('input', { type: 'datetime-local' }),
    };
    if (params.get('originalQueue')) f.originalQueue.value = params.get('originalQueue');
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
    field(t('filterFrom'), f.from), field(t('filterTo'), f.to),
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'btn primary', dataset: { test: 'dlq-apply' } }, t('apply')),
      h('button', { type: 'reset', class: 'btn secondary' }, t('reset'))));

    main.append(
      h('div', { class: 'page-head' }, h('h1', null, t('dlqTitle')), h('span', { class: 'spacer' }),
        h('button', { type: 'button', class: 'btn secondary', dataset: { test: 'refresh' }, on: { click: () => load() } }, t('refresh')),
        h('button', { type: 'button', class: 'btn danger', dataset: { test: 'dlq-clear' }, on: { click: clearDlq } }, t('clear'))),
      form, bulkBar, list);

    function readFilters() {
      state.filters = {
        search: f.search.value.trim(), originalQueue: f.originalQueue.value, jobName: f.jobName.value.trim(),
        errorCode: f.errorCode.value.trim(), minReplayCount: f.minReplayCount.value, from: localToIso(f.from.value), to: localToIso(f.to.value),
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
          items: state.rows, selected: state.selected, testId: 'dlq-table',
          rowData: (r) => ({ replayed: String(r.isReplayed) }),
          onSelectAll: () => render(page), onSelect: renderBulk,
          cells: (r) => [
            h('td', null, h('code', null, r.id)),
            h('td', null, r.originalQueue),
            h('td', null, r.originalJobName),
            h('td', { class: 'clip' }, `${r.errorCode ? `${r.errorCode}: ` : ''}${r.errorMessage ?? ''}`),
            h('td', null, when(r.lastFailedAt)),
            h('td', { dataset: { test: 'replay-count' } }, num(r.replayCount), ' ',
              r.isReplayed ? badge(t('replayedBadge'), 'ok') : badge(t('neverBadge'), 'info')),
            h('td', { class: 'actions' },
              h('button', { type: 'button', class: 'btn small', dataset: { test: 'view' }, on: { click: () => details(r.id) } }, t('view')),
              h('button', { type: 'button', class: 'btn small', dataset: { test: 'replay' }, on: { click: () => replay(r) } }, t('replay')),
              h('button', { type: 'button', class: 'btn small danger', dataset: { test: 'delete' }, on: { click: () => remove(r) } }, t('delete')))],
        }) : h('p', { class: 'muted' }, t('nothing')),
        pager({ page: state.page, pageSize: PAGE_SIZE, total: page.total, onPage: (p) => { state.page = p; load(); } }));
      renderBulk();
    }

    function renderBulk() {
      renderBulkBar(bulkBar, state.selected.size, [
        { label: t('bulkReplay'), testId: 'bulk-replay', run: () => bulk('replay') },
        { label: t('bulkDelete'), danger: true, testId: 'bulk-delete', run: () => bulk('delete') },
      ]);
    }

    function details(id) {
      openDialog({
        title: t('dlqDialogTitle', { id }), wide: true, testId: 'dlq-dialog',
        body: (dlg) => {
          api('dlq', `/owner/dlq/${encodeURIComponent(id)}`).then(({ data: e }) => {
            dlg.setBody(
              h('dl', { class: 'kv' }, ...[[t('jobId'), h('code', null, e.id)], [t('queue'), e.originalQueue], [t('jobType'), e.originalJobName],
                [t('errorMessage'), `${e.error?.code ? `${e.error.code}: ` : ''}${e.error?.message ?? ''}`],
                [t('firstFailedAt'), when(e.firstFailedAt)], [t('lastFailedAt'), when(e.lastFailedAt)],
                [t('attemptsMade'), num(e.attemptsMade)], [t('replays'), num(e.replayCount)], [t('tenant'), e.tenantId ?? '–'], [t('actor'), e.actorId ?? '–']]
                .flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)])),
              h('h3', null, t('payload')), pre(e.payload ?? {}),
              e.error?.stack ? [h('h3', null, t('errorStack')), pre(e.error.stack)] : null,
              e.history ? [h('h3', null, t('history')), pre(e.history)] : null);
          }).catch((err) => dlg.setBody(errorBox(err.message)));
          return spinner();
        },
        buttons: [{ label: t('close'), kind: 'secondary' }],
      });
    }

    async function replay(r) {
      const result = await confirmDialog({
        title: t('replayConfirmTitle', { id: r.id }), text: t('replayConfirmText', { queue: r.originalQueue, count: num(r.replayCount) }),
        confirmLabel: t('replay'), testId: 'replay-dialog',
        onConfirm: async () => (await api('dlq', `/owner/dlq/${encodeURIComponent(r.id)}/replay`, { method: 'POST' })).data,
      });
      if (result) { toast(t('replayedToast', { id: r.id, count: num(result.replayCount) }), 'success'); load(); }
    }

    async function remove(r) {
      const ok = await confirmDialog({
        title: t('deleteConfirmTitle', { id: r.id }), text: t('deleteConfirmText'), confirmLabel: t('delete'), danger: true, testId: 'delete-dialog',
        onConfirm: () => api('dlq', `/owner/dlq/${encodeURIComponent(r.id)}/delete`, { method: 'POST' }).then(() => true),
      });
      if (ok) { toast(t('deletedToast', { id: r.id }), 'success'); load(); }
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
    return () => { disposed = true; off(); clearTimeout(soon); };
  },
};

// The columns of the jobs list. The time column shows the time that matters in each state: a delayed job's due time
// (or next retry, when it failed before), a failed job's failure time.
import { badge, h } from '../../dom.js';
import { num, t, when } from '../../i18n.js';
import { availability } from './job-actions.js';

const TIME_HEADER = {
  waiting: 'queuesColCreated', active: 'queuesColStarted', delayed: 'queuesColDue', completed: 'queuesColFinished',
  failed: 'queuesColFailedAt', cancelled: 'queuesColCancelledAt',
};

/** A delayed job that has attempts behind it is waiting for a retry, not for its first run. */
export function isRetryDelay(job) {
  return job.state === 'delayed' && job.attempts > 0;
}

function timeOf(row) {
  switch (row.state) {
    case 'active': return row.startedAt;
    case 'delayed': return row.dueAt;
    case 'completed': case 'failed': case 'cancelled': return row.finishedAt;
    default: return row.createdAt;
  }
}

export function jobHeaders(state) {
  return [t('jobId'), t('jobType'), t('attempts'), t(TIME_HEADER[state] || 'queuesColCreated'), t('lastError'), t('actions')];
}

/** The cells of a row after its select box; on: {view, retry, remove}(row). */
export function jobCells(row, on) {
  const retry = availability('retry', row.state);
  const remove = availability('remove', row.state);
  return [
    h('td', { class: 'job-id' }, h('code', { dir: 'ltr' }, row.id)),
    h('td', { class: 'job-type', dir: 'ltr' }, row.name),
    h('td', null, `${num(row.attempts)}/${num(row.maxAttempts)}`),
    h('td', null, h('time', { dataset: { test: 'job-time' } }, when(timeOf(row))),
      isRetryDelay(row) ? [' ', badge(t('queuesRetryBadge', { attempt: num(row.attempts + 1), max: num(row.maxAttempts) }), 'warn')] : null),
    h('td', { class: 'job-error' }, row.errorMessage ? h('span', { dir: 'ltr' }, `${row.errorCode ?? ''} ${row.errorMessage}`.trim()) : '–'),
    h('td', { class: 'actions' },
      h('button', { type: 'button', class: 'btn small', dataset: { test: 'view' }, on: { click: () => on.view(row) } }, t('view')),
      row.state === 'failed' ? h('button', {
        type: 'button', class: 'btn small', dataset: { test: 'retry' }, disabled: !retry.enabled, title: retry.why || null,
        on: { click: () => on.retry(row) },
      }, t('retry')) : null,
      row.state !== 'active' ? h('button', {
        type: 'button', class: 'btn small danger', dataset: { test: 'remove' }, disabled: !remove.enabled, title: remove.why || null,
        on: { click: () => on.remove(row) },
      }, t('remove')) : null),
  ];
}

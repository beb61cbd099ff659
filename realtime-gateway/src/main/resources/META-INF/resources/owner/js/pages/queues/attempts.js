// A job's attempt history, put together from what the job keeps: the times of its first and last failure, of its
// latest start and of its end, and its log lines (each carries its attempt). The table says which times it lacks.
import { h, table } from '../../dom.js';
import { num, t, when } from '../../i18n.js';

/** [{attempt, started, ended, outcome, lines}] for attempts 1..job.attempts, oldest first. */
export function attemptRows(job) {
  const byAttempt = new Map();
  for (const line of job.logs || []) {
    if (!byAttempt.has(line.attempt)) byAttempt.set(line.attempt, []);
    byAttempt.get(line.attempt).push(line);
  }
  const rows = [];
  for (let a = 1; a <= job.attempts; a++) {
    const lines = byAttempt.get(a) || [];
    const latest = a === job.attempts;
    const row = { attempt: a, started: latest ? job.startedAt : lines[0]?.at ?? null, ended: null, outcome: t('queuesOutcomeFailed'), lines: lines.length };
    if (!latest) {
      row.ended = a === 1 ? job.firstFailedAt : lines.at(-1)?.at ?? null;
    } else {
      Object.assign(row, latestOutcome(job));
    }
    rows.push(row);
  }
  return rows;
}

function latestOutcome(job) {
  switch (job.state) {
    case 'active': return { outcome: t('queuesOutcomeRunning') };
    case 'completed': return { outcome: t('queuesOutcomeCompleted'), ended: job.finishedAt };
    case 'failed': return { outcome: t('queuesOutcomeFailedFinal'), ended: job.lastFailedAt ?? job.finishedAt };
    case 'delayed': return { outcome: t('queuesOutcomeRetryDue', { time: when(job.dueAt) }), ended: job.lastFailedAt };
    case 'cancelled': return { outcome: t('queuesOutcomeCancelled'), ended: job.finishedAt };
    default: return job.lastFailedAt ? { ended: job.lastFailedAt } : { outcome: t('queuesOutcomeWaiting') };
  }
}

export function attemptsTable(job) {
  const rows = attemptRows(job);
  if (!rows.length) return h('p', { class: 'muted', dataset: { test: 'job-attempts' } }, t('queuesNoAttempts'));
  return h('div', { dataset: { test: 'job-attempts' } },
    table([t('queuesAttempt'), t('queuesAttemptStarted'), t('queuesAttemptEnded'), t('queuesAttemptOutcome'), t('queuesAttemptLines')],
      rows.map((r) => h('tr', { dataset: { attempt: r.attempt } },
        h('td', null, num(r.attempt)), h('td', null, when(r.started)), h('td', null, when(r.ended)),
        h('td', null, r.outcome), h('td', null, num(r.lines))))),
    h('p', { class: 'muted small-note' }, t('queuesAttemptsNote')));
}

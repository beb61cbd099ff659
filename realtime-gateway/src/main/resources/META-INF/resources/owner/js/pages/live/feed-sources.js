// What fills the event feed: the WebSocket frames (docs/realtime.md) and the owner actions of the audit log.
import { toast } from '../../dom.js';
import { t } from '../../i18n.js';
import { feed } from './feed-store.js';

const JOB_SEVERITY = { failed: 'error', stalled: 'warn', cancelled: 'info', paused: 'info', resumed: 'info' };
// Job states the queue rooms send one by one (with the job id): the summary does not count them again.
const ONE_BY_ONE = new Set(['failed', 'stalled', 'cancelled']);
export const AUDIT_PAGE = 20;

/** Feeds a frame to the feed; returns true when it changes queue numbers (a reason to read them again soon). */
export function feedFrame(f) {
  if (f.type === 'job_summary' && f.room === 'global') {
    for (const [queue, byState] of Object.entries(f.queues || {})) {
      const counted = Object.fromEntries(Object.entries(byState).filter(([state, n]) => !ONE_BY_ONE.has(state) && n > 0));
      if (Object.keys(counted).length) feed.summary(queue, counted, f.from, f.to);
    }
    return true;
  }
  // Progress is a running job's report, not a transition: it would crowd the feed out.
  if (f.type === 'job_event' && f.event && f.event.state !== 'progress') {
    const e = f.event;
    const sev = JOB_SEVERITY[e.state] || 'info';
    if (e.jobId) feed.job({ queue: f.queue, id: e.jobId, name: e.name, state: e.state, error: e.errorMessage, at: e.ts ?? Date.now(), sev });
    else feed.single({ kind: 'queue-event', queue: f.queue, state: e.state, sev, source: 'live', at: e.ts ?? Date.now() });
    return false;
  }
  if (f.type === 'alert' && f.data) {
    const d = f.data;
    feed.single({ kind: 'alert', queue: d.queue, status: d.status, score: d.score, sev: d.status === 'critical' ? 'error' : 'info', source: 'alert', at: d.ts ?? Date.now() });
    if (!f.latest && d.status === 'critical') toast(t('liveFeedAlert', { queue: d.queue, status: t(`liveAlert:${d.status}`), score: d.score }), 'error');
    return false;
  }
  if (f.type === 'dlq_event' && f.data && !f.latest) {
    for (const e of f.data.events || []) feed.dlq({ type: e.type, id: e.id, queue: e.originalQueue, count: e.count, at: e.ts ?? Date.now() });
    return false;
  }
  return f.type === 'owner_action';
}

/** Adds the owner actions of the audit log not seen yet, oldest first. */
export async function readAudit(request) {
  const data = await request('monitor', '/owner/audit', { limit: AUDIT_PAGE });
  const fresh = (data.items || []).filter((e) => e.outcome !== 'ATTEMPT' && feed.firstSight(e.id)).reverse();
  for (const e of fresh) {
    const target = [e.target?.queue, ...(e.target?.jobIds || []).slice(0, 3)].filter(Boolean).join(' ');
    feed.single({
      kind: 'audit', queue: e.target?.queue, sev: e.outcome === 'ERROR' ? 'error' : 'info', source: 'audit', at: e.at,
      audit: { actor: e.actor, action: e.action, target, outcome: e.outcome },
    });
  }
}

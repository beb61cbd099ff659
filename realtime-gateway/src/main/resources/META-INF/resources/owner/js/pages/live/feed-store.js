// The event feed's memory, grouped so a burst reads as a few lines: a failed job is one line (its event and its DLQ
// entry), the failures of a queue within a burst are one line with a count and the jobs' links, and the job counts
// of a queue's summaries add up on one line per burst. Lines hold data, not text, so they translate when the
// language changes; the store lives as long as the tab, so leaving the page or switching language keeps the history.
const MAX_LINES = 200;
const MAX_JOBS_PER_LINE = 50;
// A group stays open while its events keep coming less than this apart.
export const BURST_MS = 10000;

function createFeedStore() {
  const lines = []; // newest first
  const listeners = new Set();
  const seenAudit = new Set();
  let seq = 0;

  const changed = () => listeners.forEach((fn) => fn());

  function toTop(line) {
    const i = lines.indexOf(line);
    if (i > 0) lines.splice(i, 1);
    if (i !== 0) lines.unshift(line);
    if (lines.length > MAX_LINES) lines.length = MAX_LINES;
  }

  /** The line of this group still open (its last event less than BURST_MS ago), or a new one. */
  function group(key, fields, now) {
    let line = lines.find((l) => l.key === key && now - l.touched < BURST_MS);
    if (!line) {
      seq += 1;
      line = { id: seq, key, count: 0, first: null, ...fields };
    }
    line.touched = now;
    toTop(line);
    return line;
  }

  /** An entry the DLQ reported before its job's failure arrived: it leaves its DLQ line to join the job's. */
  function takeDeadLettered(id) {
    const line = lines.find((l) => l.kind === 'dlq' && l.type === 'added' && l.ids.includes(id));
    if (!line) return false;
    line.ids.splice(line.ids.indexOf(id), 1);
    line.count -= 1;
    if (line.count <= 0) lines.splice(lines.indexOf(line), 1);
    return true;
  }

  return {
    lines: () => lines,

    onChange(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },

    /** A job's transition (failed, stalled, cancelled, ...): one line per job, grouped per queue and state per burst. */
    job({ queue, id, name, state, error, at, sev }) {
      const now = Date.now();
      const deadFirst = takeDeadLettered(id);
      const line = group(`jobs|${queue}|${state}`, { kind: 'jobs', queue, state, sev, source: 'live', jobs: [] }, now);
      const known = line.jobs.find((j) => j.id === id);
      if (known) {
        Object.assign(known, { name: name || known.name, error: error || known.error, at });
      } else {
        line.count += 1;
        line.jobs.unshift({ id, name, error, at, dlq: deadFirst });
        if (line.jobs.length > MAX_JOBS_PER_LINE) line.jobs.length = MAX_JOBS_PER_LINE;
      }
      line.first ??= at;
      line.at = at;
      changed();
    },

    /** A DLQ event: an added entry joins its failed job's line; the rest group per type and queue per burst. */
    dlq({ type, id, queue, count, at }) {
      const now = Date.now();
      if (type === 'added' && id) {
        for (const l of lines) {
          const job = l.kind === 'jobs' && l.jobs.find((j) => j.id === id);
          if (job) {
            job.dlq = true;
            changed();
            return;
          }
        }
      }
      const line = group(`dlq|${type}|${queue || ''}`, { kind: 'dlq', type, queue, sev: type === 'added' ? 'warn' : 'info', source: 'live', ids: [] }, now);
      line.count += count || 1;
      if (id && !line.ids.includes(id)) line.ids.unshift(id);
      if (line.ids.length > MAX_JOBS_PER_LINE) line.ids.length = MAX_JOBS_PER_LINE;
      line.first ??= at;
      line.at = at;
      changed();
    },

    /** Job counts of a queue's summary, added up on its line while the burst lasts. */
    summary(queue, byState, from, to) {
      const now = Date.now();
      const line = group(`summary|${queue}`, { kind: 'summary', queue, sev: 'info', source: 'live', counts: {} }, now);
      for (const [state, n] of Object.entries(byState)) line.counts[state] = (line.counts[state] || 0) + n;
      line.count += 1;
      line.first ??= from ?? to;
      line.at = to;
      changed();
    },

    /** A line of its own: an alert, an owner action of the audit log. */
    single(fields) {
      seq += 1;
      const line = { id: seq, key: `single|${seq}`, count: 1, touched: Date.now(), ...fields };
      line.first = line.at;
      toTop(line);
      changed();
    },

    /** True the first time an audit entry is seen (the audit poll reads overlapping pages). */
    firstSight(auditId) {
      if (seenAudit.has(auditId)) return false;
      seenAudit.add(auditId);
      return true;
    },
  };
}

export const feed = createFeedStore();

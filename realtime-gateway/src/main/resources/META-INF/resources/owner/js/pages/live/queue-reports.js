// Every queue's metrics and health, read together (monitor computes both from one report per queue):
// GET /owner/queues/metrics and GET /owner/queues/health → {asOf, queues: [{queue, metrics, health}]}.
import { asOfOf, listOf } from './request.js';

export async function loadQueueReports(request) {
  const [metricsAnswer, healthAnswer] = await Promise.all([
    request('monitor', '/owner/queues/metrics'),
    request('monitor', '/owner/queues/health'),
  ]);
  const metrics = listOf(metricsAnswer, 'queues');
  const health = listOf(healthAnswer, 'queues');
  const byQueue = new Map(health.map((x) => [x.queue, x]));
  return {
    asOf: asOfOf(metricsAnswer, metrics),
    queues: metrics.map((m) => ({ queue: m.queue, metrics: m, health: byQueue.get(m.queue) || null })),
  };
}

/** Status of a health answer as a badge kind. */
export function healthKind(status) {
  if (status === 'healthy') return 'ok';
  if (status === 'critical') return 'bad';
  return 'warn';
}

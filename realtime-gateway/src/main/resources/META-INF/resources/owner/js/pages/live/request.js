// The live page's calls: each ends within REQUEST_TIMEOUT_MS, in data or an error (so no spinner turns forever),
// and reports to the reachability tracker whether its service answered.
import { api, ApiError } from '../../api.js';

export const REQUEST_TIMEOUT_MS = 8000;
// What a reverse proxy answers when the service behind it is down or silent; 0 is no answer at all.
const NO_SERVICE = new Set([0, 502, 503, 504]);
// The deployments behind the console's API bases, as the platform health and the manifests name them.
const SERVICE_NAMES = { monitor: 'monitor-service', dlq: 'dlq-service', producer: 'producer-service', gateway: 'realtime-gateway' };

export function serviceName(service) {
  return SERVICE_NAMES[service] || service;
}

export function createRequest(reach) {
  return async function request(service, path, params) {
    try {
      const { data } = await api(service, path, { params, timeoutMs: REQUEST_TIMEOUT_MS });
      reach.answered(service);
      return data;
    } catch (e) {
      if (e instanceof ApiError && !NO_SERVICE.has(e.status)) reach.answered(service);
      else reach.failed(service, e.message);
      throw e;
    }
  };
}

/** An answer that is a list, or an object holding one under `key` (answers that gained `asOf` around a list). */
export function listOf(data, key) {
  if (Array.isArray(data)) return data;
  return Array.isArray(data?.[key]) ? data[key] : [];
}

/** When the numbers of an answer were read: its `asOf`, else the newest `asOf`/`at` of its items, else now. */
export function asOfOf(data, items = []) {
  if (typeof data?.asOf === 'number') return data.asOf;
  const times = items.map((x) => x?.asOf ?? x?.at).filter((x) => typeof x === 'number');
  return times.length ? Math.max(...times) : Date.now();
}

// Configuration, the bearer token and every HTTP call of the console.
import { t } from './i18n.js';

const TOKEN_KEY = 'streamq.console.token';
let config = { apiBase: { monitor: '', dlq: '', producer: '' }, realtimeUrl: '', queues: [], deadLetterQueue: '' };
const unauthorizedListeners = [];

export async function loadConfig() {
  try {
    const res = await fetch('config.json', { cache: 'no-store' });
    if (res.ok) {
      const body = await res.json();
      config = {
        apiBase: { monitor: '', dlq: '', producer: '', ...(body.apiBase || {}) },
        realtimeUrl: body.realtimeUrl || '',
        queues: Array.isArray(body.queues) ? body.queues : [],
        deadLetterQueue: body.deadLetterQueue || '',
      };
    }
  } catch {
    // No config: every API on this origin (the ingress layout).
  }
  return config;
}

/** The work queues, in the platform's order: the gateway serves them from queue-core's list. */
export function queueNames() {
  return config.queues;
}

/** The dead-letter queue's own name: the audit log's queue filter offers it beside the work queues. */
export function deadLetterQueue() {
  return config.deadLetterQueue;
}

export function base(service) {
  return service === 'gateway' ? '' : (config.apiBase[service] || '');
}

export function realtimeUrl() {
  if (config.realtimeUrl) return config.realtimeUrl;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/owner/realtime`;
}

/**
 * Takes a token from `#token=<jwt>` once and removes it from the address bar (and the history entry).
 * Returns null when the address holds no token, else {error}: null when signed in, or why the token was refused.
 */
export function adoptFragmentToken() {
  const hash = location.hash || '';
  const m = hash.match(/^#token=([^&]+)/);
  if (!m) return null;
  const jwt = decodeURIComponent(m[1]);
  history.replaceState(null, '', location.pathname + location.search + '#/live');
  return { error: signIn(jwt) };
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Decodes the claims of a JWT (no verification: the services verify). */
export function claims(jwt = token()) {
  if (!jwt) return null;
  const parts = jwt.split('.');
  if (parts.length !== 3) return null;
  try {
    const b64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(b64), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
    return JSON.parse(json);
  } catch {
    return null;
  }
}

// service-security's Policy enum and Roles: role OWNER in `groups` holds every policy, a narrower token names its
// policies in the `policies` claim (an array, or from some issuers a single string), exact names only.
const POLICIES = ['READ', 'MANAGE', 'DELETE'];
const OWNER_ROLE = 'OWNER';

function policiesOf(c) {
  if (!c) return [];
  const groups = Array.isArray(c.groups) ? c.groups : [c.groups];
  if (groups.includes(OWNER_ROLE)) return POLICIES;
  const named = Array.isArray(c.policies) ? c.policies : [c.policies];
  return POLICIES.filter((p) => named.includes(p));
}

/**
 * Whether the signed-in token may do what `policy` (READ | MANAGE | DELETE) guards: role OWNER or the policy in its
 * `policies` claim. Pages disable what it may not do (`disabled: !can('MANAGE')`); the services still decide.
 */
export function can(policy) {
  return policiesOf(claims()).includes(policy);
}

/** The policies the signed-in token holds, in service-security's order (all three for role OWNER). */
export function heldPolicies() {
  return policiesOf(claims());
}

/** When the signed-in token expires (epoch ms), or null when it carries no `exp`. */
export function expiresAt(jwt = token()) {
  const exp = claims(jwt)?.exp;
  return typeof exp === 'number' ? exp * 1000 : null;
}

/** True when the signed-in token's `exp` has passed (by this browser's clock). */
export function expired(jwt = token()) {
  const at = expiresAt(jwt);
  return at !== null && at <= Date.now();
}

/**
 * Stores the token; returns an error text, or null when accepted. Refuses what every page would answer with 401 or
 * 403: not a JWT, expired, or without READ (neither role OWNER nor a policies claim naming it).
 */
export function signIn(jwt) {
  const value = (jwt || '').trim().replace(/^Bearer\s+/i, '');
  const c = claims(value);
  if (!c) return t('tokenMalformed');
  if (expired(value)) return t('tokenExpired');
  if (!policiesOf(c).includes('READ')) return t('shellTokenNotOwner');
  sessionStorage.setItem(TOKEN_KEY, value);
  return null;
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
}

export function onUnauthorized(fn) {
  unauthorizedListeners.push(fn);
}

export class ApiError extends Error {
  constructor(status, problem, message) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

/**
 * Calls `service` (monitor | dlq | producer | gateway) at `path`. Returns {status, data, headers, response}.
 * Non-2xx answers throw ApiError with the problem+json detail; a 401 also signs out.
 */
export async function api(service, path, { method = 'GET', body, headers = {}, raw = false, params } = {}) {
  let url = base(service) + path;
  if (params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
    const s = q.toString();
    if (s) url += (url.includes('?') ? '&' : '?') + s;
  }
  const h = { Accept: raw ? '*/*' : 'application/json', ...headers };
  const jwt = token();
  if (jwt) h.Authorization = `Bearer ${jwt}`;
  let payload;
  if (body !== undefined) {
    h['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(url, { method, headers: h, body: payload, cache: 'no-store', credentials: 'omit' });
  } catch {
    throw new ApiError(0, null, t('networkError'));
  }
  if (!res.ok) {
    let problem = null;
    try { problem = await res.json(); } catch { /* not JSON */ }
    if (res.status === 401) unauthorizedListeners.forEach((fn) => fn());
    const detail = problem?.detail || problem?.title || res.statusText || '';
    const fields = Array.isArray(problem?.errors) ? problem.errors.map((e) => `${e.field}: ${e.message}`).join('; ') : '';
    throw new ApiError(res.status, problem, t('errorRequest', { status: res.status, detail: fields ? `${detail} (${fields})` : detail }));
  }
  if (raw) return { status: res.status, data: null, headers: res.headers, response: res };
  let data = null;
  const type = res.headers.get('Content-Type') || '';
  if (res.status !== 204 && type.includes('json')) data = await res.json();
  return { status: res.status, data, headers: res.headers, response: res };
}

/** A service's readiness: {up, checks} from /q/health/ready (503 still carries the checks). */
export async function readiness(service) {
  try {
    const res = await fetch(`${base(service)}/q/health/ready`, { cache: 'no-store', credentials: 'omit' });
    let data = null;
    try { data = await res.json(); } catch { /* no body */ }
    return { up: res.ok && (data?.status ?? 'UP') === 'UP', checks: data?.checks || [], reachable: true };
  } catch {
    return { up: false, checks: [], reachable: false };
  }
}

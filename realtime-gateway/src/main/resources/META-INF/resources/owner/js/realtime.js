// The live feed: one WebSocket to the gateway (docs/realtime.md), reconnecting with backoff.
import { expired, realtimeUrl, token } from './api.js';

/** RealtimeEndpoint.TOKEN_EXPIRED in realtime-gateway: policy violation, reason "token expired". */
const EXPIRED_CLOSE = 1008;

const listeners = new Set();
const statusListeners = new Set();
const rooms = new Set();
let socket = null;
let status = 'closed';
let retryTimer = null;
let pingTimer = null;
let attempt = 0;
let stopped = true;

function setStatus(next) {
  status = next;
  statusListeners.forEach((fn) => fn(status));
}

/** connecting | open | closed (retrying) | refused (origin or token not accepted) | expired (the token's exp passed). */
export function connectionStatus() {
  return status;
}

export function onStatus(fn) {
  statusListeners.add(fn);
  fn(status);
  return () => statusListeners.delete(fn);
}

/** fn(frame) for every frame; returns an unsubscribe function. */
export function onFrame(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function start() {
  stopped = false;
  open();
}

export function stop() {
  stopped = true;
  clearTimeout(retryTimer);
  clearInterval(pingTimer);
  if (socket) socket.close(1000, 'signed out');
  socket = null;
  setStatus('closed');
}

function send(message) {
  if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}

/** Joins a room: 'dlq', 'alerts', ..., 'queue:<name>' for a queue's room or 'job:<id>' for one job's. Kept across reconnects. */
export function join(room) {
  if (rooms.has(room)) return;
  rooms.add(room);
  send(subscribeMessage(room, true));
}

export function leave(room) {
  if (!rooms.delete(room)) return;
  send(subscribeMessage(room, false));
}

function subscribeMessage(room, subscribe) {
  const op = subscribe ? 'subscribe' : 'unsubscribe';
  if (room.startsWith('queue:')) return { type: `${op}_queue`, queue: room.slice('queue:'.length) };
  if (room.startsWith('job:')) return { type: `${op}_job`, jobId: room.slice('job:'.length) };
  return { type: `${op}_${room}` };
}

function open() {
  const jwt = token();
  if (!jwt || stopped) return;
  setStatus('connecting');
  let ws;
  try {
    // Browsers cannot set headers on a WebSocket: the token rides in a subprotocol the gateway turns into the
    // Authorization header; the server answers with bearer-token-carrier.
    ws = new WebSocket(realtimeUrl(), ['bearer-token-carrier', `quarkus-http-upgrade#Authorization#Bearer%20${jwt}`]);
  } catch {
    scheduleRetry();
    return;
  }
  socket = ws;
  let opened = false;
  ws.addEventListener('open', () => {
    opened = true;
    attempt = 0;
    setStatus('open');
    rooms.forEach((room) => send(subscribeMessage(room, true)));
    clearInterval(pingTimer);
    pingTimer = setInterval(() => send({ type: 'ping' }), 25000);
  });
  ws.addEventListener('message', (ev) => {
    let frame;
    try { frame = JSON.parse(ev.data); } catch { return; }
    listeners.forEach((fn) => {
      try { fn(frame); } catch (e) { console.error(e); }
    });
  });
  ws.addEventListener('close', (ev) => {
    clearInterval(pingTimer);
    if (socket !== ws) return;
    socket = null;
    if (stopped) return;
    // The gateway closes an open connection with 1008 "token expired" at the token's exp. A refused upgrade (401 or
    // 403) shows only as 1006 before open: the browser hides the status, so an expired token is told apart by its exp
    // and what is left is a foreign origin or a token the gateway did not accept.
    if (ev.code === EXPIRED_CLOSE || (!opened && expired())) {
      setStatus('expired');
      return; // the same token cannot get back in
    }
    setStatus(opened ? 'closed' : 'refused');
    scheduleRetry();
  });
}

function scheduleRetry() {
  clearTimeout(retryTimer);
  attempt += 1;
  const delay = Math.min(30000, 1000 * 2 ** Math.min(attempt, 5)) * (0.8 + Math.random() * 0.4);
  retryTimer = setTimeout(open, delay);
}

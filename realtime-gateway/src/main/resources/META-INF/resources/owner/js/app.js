// The console's shell: sign-in, navigation, language, theme, connection status and the hash router.
import { applyLang, currentLang, setLang, t, timeLeft, tOther } from './i18n.js';
import { adoptFragmentToken, can, claims, expired, expiresAt, heldPolicies, loadConfig, onUnauthorized, signIn, signOut, token } from './api.js';
import { clear, closeDialogs, h, replace, uid } from './dom.js';
import * as realtime from './realtime.js';
import live from './pages/live.js';
import queues from './pages/queues.js';
import dlq from './pages/dlq.js';
import analytics from './pages/analytics.js';
import audit from './pages/audit.js';
import schedules from './pages/schedules.js';

// The platform's Queues group, in its order, plus the audit log (docs/console.md#pages). Badges: live (زنده) and new (جدید).
const PAGES = [
  { route: 'queues', label: 'navQueues', badge: 'badgeLive', page: queues },
  { route: 'schedules', label: 'navSchedules', badge: 'badgeNew', page: schedules },
  { route: 'dlq', label: 'navDlq', badge: 'badgeNew', page: dlq },
  { route: 'analytics', label: 'navAnalytics', badge: 'badgeNew', page: analytics },
  { route: 'live', label: 'navLive', badge: 'badgeLive', page: live },
  { route: 'audit', label: 'navAudit', page: audit },
];
const THEME_KEY = 'streamq.console.theme';
/** How long before the token's exp the session banner appears. */
const SESSION_WARNING_MS = 2 * 60 * 1000;
/** How far a service's clock may run ahead of the browser's before its 401 stops meaning "expired". */
const CLOCK_SKEW_MS = 30 * 1000;

let current = null; // {route, dispose}
let signInMessage = '';
const root = document.getElementById('app');

function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
}

function theme() {
  const saved = localStorage.getItem(THEME_KEY);
  if (saved === 'dark' || saved === 'light') return saved;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function routeFromHash() {
  const m = (location.hash || '').match(/^#\/([a-z]+)(?:\?(.*))?$/);
  const route = m && PAGES.some((p) => p.route === m[1]) ? m[1] : 'live';
  return { route, params: new URLSearchParams(m?.[2] || '') };
}

function disposeCurrent() {
  closeDialogs();
  if (current?.dispose) {
    try { current.dispose(); } catch (e) { console.error(e); }
  }
  current = null;
}

function renderSignIn() {
  disposeCurrent();
  realtime.stop();
  stopSessionWatch();
  // A dialog lives outside #app: it must not outlive the session it belonged to.
  for (const dlg of document.querySelectorAll('dialog[open]')) dlg.close();
  const area = h('textarea', { id: 'token-input', rows: '5', spellcheck: 'false', autocomplete: 'off', dir: 'ltr', required: true, dataset: { test: 'token-input' } });
  const message = h('p', { class: 'error-box', role: 'alert', hidden: !signInMessage, dataset: { test: 'signin-message' } }, signInMessage);
  const form = h('form', {
    class: 'signin card', dataset: { test: 'signin-form' },
    on: {
      submit: (ev) => {
        ev.preventDefault();
        const error = signIn(area.value);
        if (error) {
          message.hidden = false;
          message.textContent = error;
          area.focus();
          return;
        }
        signInMessage = '';
        renderShell();
      },
    },
  },
  h('h1', null, t('signInTitle')),
  h('p', null, t('signInHelp')),
  h('label', { for: 'token-input' }, t('tokenLabel')),
  area,
  message,
  h('div', { class: 'row' },
    h('button', { type: 'submit', class: 'btn primary', dataset: { test: 'signin' } }, t('signIn')),
    langButton(),
    themeButton()));
  replace(root, h('main', { id: 'main', class: 'signin-page' }, form));
  root.setAttribute('aria-busy', 'false');
  area.focus();
}

function langButton() {
  return h('button', {
    type: 'button', class: 'btn secondary', lang: currentLang() === 'fa' ? 'en' : 'fa', dataset: { test: 'lang-switch' },
    'aria-label': `${t('language')}: ${t('langSwitch')}`,
    on: { click: () => { setLang(currentLang() === 'fa' ? 'en' : 'fa'); token() ? renderShell() : renderSignIn(); } },
  }, t('langSwitch'));
}

function themeButton() {
  const dark = document.documentElement.dataset.theme === 'dark';
  return h('button', {
    type: 'button', class: 'btn secondary', 'aria-pressed': String(dark), dataset: { test: 'theme-switch' },
    on: {
      click: () => {
        const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
        localStorage.setItem(THEME_KEY, next);
        applyTheme(next);
        token() ? renderShell() : renderSignIn();
      },
    },
  }, dark ? t('themeLight') : t('themeDark'));
}

const CONN_TEXT = { connecting: 'connConnecting', open: 'connOpen', closed: 'connClosed', refused: 'connRefused', expired: 'shellConnExpired' };
let stopStatus = null;
let sessionTimer = null;

/** Back to the sign-in form, saying why. */
function endSession(message) {
  signOut();
  signInMessage = message;
  renderSignIn();
}

function stopSessionWatch() {
  clearInterval(sessionTimer);
  sessionTimer = null;
}

/**
 * The session banner: from SESSION_WARNING_MS before the token's exp a non-modal line with the time left (announced
 * once, then a silent timer), and at exp the sign-in form with "Session expired".
 */
function sessionBanner() {
  const at = expiresAt();
  const announce = h('span', { class: 'sr-only', role: 'status' });
  const left = h('span', { role: 'timer', dataset: { test: 'session-time-left' } });
  const banner = h('div', { class: 'session-banner', hidden: true, dataset: { test: 'session-warning' } },
    announce, left,
    h('button', { type: 'button', class: 'btn small secondary', dataset: { test: 'session-renew' }, on: { click: () => endSession('') } }, t('shellSessionRenew')));
  stopSessionWatch();
  if (at === null) return banner;
  const tick = () => {
    const remaining = at - Date.now();
    if (remaining <= 0) {
      endSession(t('shellSessionExpired'));
      return;
    }
    if (remaining > SESSION_WARNING_MS) return;
    const text = t('shellSessionEnding', { time: timeLeft(remaining) });
    if (banner.hidden) {
      banner.hidden = false;
      announce.textContent = text;
    }
    left.textContent = text;
  };
  sessionTimer = setInterval(tick, 1000);
  tick();
  return banner;
}

/** A badge beside the user when the token holds fewer than all policies (a READ-only token: "read only"). */
function policyBadge() {
  const held = heldPolicies();
  if (can('MANAGE') && can('DELETE')) return null;
  const text = held.length === 1 ? t('shellReadOnly') : held.join(' · ');
  return h('span', { class: 'badge warn', title: t('shellReadOnlyTitle', { policies: held.join(', ') }), dataset: { test: 'policy-badge' } }, text);
}

function renderShell() {
  disposeCurrent();
  if (stopStatus) stopStatus();
  const who = claims()?.upn || claims()?.sub || claims()?.preferred_username || '';
  const conn = h('span', { class: 'conn', role: 'status', dataset: { test: 'connection' } });
  stopStatus = realtime.onStatus((s) => {
    conn.dataset.state = s;
    replace(conn, h('span', { class: 'dot', 'aria-hidden': 'true' }), t(CONN_TEXT[s] || 'connClosed'));
    // The gateway closed the feed at the token's exp: the session is over for every page too.
    if (s === 'expired' && token()) queueMicrotask(() => endSession(t('shellSessionExpired')));
  });
  const navId = uid('nav');
  const nav = h('nav', { id: navId, class: 'sidebar', 'aria-label': t('navQueuesGroup') },
    h('p', { class: 'nav-group' }, t('navQueuesGroup')),
    h('ul', null, PAGES.map((p) => {
      const other = tOther(p.label);
      return h('li', null, h('a', { href: `#/${p.route}`, dataset: { route: p.route, test: `nav-${p.route}` } },
        h('span', { class: 'nav-label' }, t(p.label),
          other.text ? h('span', { class: 'nav-other', lang: other.lang, dir: other.lang === 'fa' ? 'rtl' : 'ltr' }, other.text) : null),
        p.badge ? h('span', { class: `badge ${p.badge === 'badgeLive' ? 'live' : 'new'}` }, t(p.badge)) : null));
    })));
  const menuBtn = h('button', {
    type: 'button', class: 'btn secondary menu-btn', 'aria-expanded': 'false', 'aria-controls': navId,
    on: { click: () => { const open = nav.classList.toggle('open'); menuBtn.setAttribute('aria-expanded', String(open)); } },
  }, t('menu'));
  const main = h('main', { id: 'main', class: 'content', tabindex: '-1' });
  const skip = h('a', { class: 'skip-link', href: '#main', on: { click: (ev) => { ev.preventDefault(); main.focus(); } } }, t('skipToContent'));
  const header = h('header', { class: 'topbar' },
    menuBtn,
    h('span', { class: 'brand' }, t('appTitle')),
    conn,
    h('span', { class: 'spacer' }),
    who ? h('span', { class: 'who' }, t('signedInAs', { who })) : null,
    policyBadge(),
    langButton(),
    themeButton(),
    h('button', { type: 'button', class: 'btn secondary', dataset: { test: 'signout' }, on: { click: () => { signOut(); renderSignIn(); } } }, t('signOut')));
  replace(root, skip, header, sessionBanner(), h('div', { class: 'layout' }, nav, main));
  root.setAttribute('aria-busy', 'false');
  if (realtime.connectionStatus() === 'closed') realtime.start();
  route();
}

function route() {
  const main = document.getElementById('main');
  if (!main || !token()) return;
  disposeCurrent();
  const { route: r, params } = routeFromHash();
  const entry = PAGES.find((p) => p.route === r);
  for (const a of document.querySelectorAll('.sidebar a')) {
    if (a.dataset.route === r) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  document.querySelector('.sidebar')?.classList.remove('open');
  clear(main);
  main.dataset.page = r;
  const dispose = entry.page.render(main, { params });
  current = { route: r, dispose };
}

/** A `#token=` link: signs in, or shows the sign-in form saying why the link's token was not taken. */
function followTokenLink() {
  const link = adoptFragmentToken();
  if (!link) return false;
  if (link.error) {
    signOut();
    signInMessage = t('shellLinkRefused', { reason: link.error });
    renderSignIn();
  } else {
    signInMessage = '';
    renderShell();
  }
  return true;
}

async function boot() {
  applyTheme(theme());
  applyLang();
  await loadConfig();
  onUnauthorized(() => {
    if (!token()) return;
    // A service whose clock runs a little ahead refuses the token just before this browser's exp.
    const nearExpiry = (expiresAt() ?? Infinity) - Date.now() < CLOCK_SKEW_MS;
    endSession(t(expired() || nearExpiry ? 'shellSessionExpired' : 'shellSessionRefused'));
  });
  window.addEventListener('hashchange', () => {
    if (followTokenLink()) return;
    if (token()) route();
  });
  if (followTokenLink()) return;
  if (token() && expired()) endSession(t('shellSessionExpired'));
  else if (token()) renderShell();
  else renderSignIn();
}

boot();

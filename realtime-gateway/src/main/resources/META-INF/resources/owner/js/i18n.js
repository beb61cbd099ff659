// Every text of the console, in English and Persian. t(key, vars) replaces {name} with vars.name.
import shellMessages from './messages/shell.js';

const TABLE = {
  en: {
    appTitle: 'streamq owner console',
    skipToContent: 'Skip to content',
    loading: 'Loading…',
    signInTitle: 'Sign in',
    signInHelp: 'Paste an owner token (a JWT with role OWNER or a policies claim). It is kept in this tab only.',
    tokenLabel: 'Bearer token (JWT)',
    signIn: 'Sign in',
    signOut: 'Sign out',
    tokenMalformed: 'This is not a JWT (three dot-separated parts).',
    tokenExpired: 'This token has expired.',
    signedInAs: 'Signed in as {who}',
    language: 'Language',
    langSwitch: 'فارسی',
    themeDark: 'Dark mode',
    themeLight: 'Light mode',
    navQueuesGroup: 'Queues',
    navQueues: 'Queue management',
    navDlq: 'Dead-letter queue (DLQ)',
    navAnalytics: 'DLQ analytics',
    navLive: 'Live monitoring',
    navAudit: 'Audit log',
    badgeLive: 'live',
    badgeNew: 'new',
    menu: 'Menu',
    connConnecting: 'Connecting…',
    connOpen: 'Live',
    connClosed: 'Disconnected, retrying',
    connRefused: 'Live feed refused: this origin is not allowed or the token was not accepted',
    refresh: 'Refresh',
    apply: 'Apply',
    reset: 'Reset',
    close: 'Close',
    cancel: 'Cancel',
    confirm: 'Confirm',
    view: 'View',
    details: 'Details',
    retry: 'Retry',
    remove: 'Remove',
    replay: 'Replay',
    delete: 'Delete',
    search: 'Search',
    searchPlaceholder: 'id, job type or payload text',
    previous: 'Previous',
    next: 'Next',
    pageOf: 'Page {page} of {pages}',
    totalItems: 'Items: {total}',
    searchLimited: 'Only the first {limit} were searched.',
    nothing: 'Nothing here.',
    selectAll: 'Select all on this page',
    selectRow: 'Select {id}',
    selected: '{count} selected',
    actions: 'Actions',
    failedToLoad: 'Could not load: {error}',
    errorRequest: '{status}: {detail}',
    networkError: 'The service cannot be reached.',
    timedOut: 'No answer within {seconds} s.',
    lastUpdated: 'Updated {time}',
    // live page
    totalJobs: 'Total jobs',
    waiting: 'Waiting',
    active: 'Active',
    delayed: 'Delayed',
    completed: 'Completed',
    failed: 'Failed',
    paused: 'paused',
    healthy: 'healthy',
    warning: 'warning',
    critical: 'critical',
    queue: 'Queue',
    severity: 'Severity',
    // queue page
    queuesTitle: 'Queue management',
    pause: 'Pause',
    resume: 'Resume',
    purge: 'Purge…',
    pausedToast: 'Queue {queue} paused.',
    resumedToast: 'Queue {queue} resumed.',
    stateTab: '{state} ({count})',
    jobId: 'Job ID',
    jobType: 'Job type',
    attempts: 'Attempts',
    createdAt: 'Created',
    finishedAt: 'Finished',
    lastError: 'Last error',
    bulkRetry: 'Retry selected',
    bulkRemove: 'Remove selected',
    jobDialogTitle: 'Job {id}',
    payload: 'Payload',
    result: 'Result',
    state: 'State',
    tenant: 'Tenant',
    actor: 'Actor',
    retried: 'Job {id} is waiting again.',
    removed: 'Job {id} removed.',
    removeConfirmTitle: 'Remove job?',
    removeConfirmText: 'Job {id} will be deleted. This cannot be undone.',
    bulkConfirmTitle: '{action} {count} jobs?',
    bulkDone: '{ok} succeeded, {failed} failed.',
    bulkResultsTitle: 'Results',
    purgeTitle: 'Purge queue {queue}?',
    purgeText: 'These jobs will be deleted for good. Active jobs are left to finish.',
    purgeDone: 'Purged {total} jobs from {queue}.',
    confirmExpires: 'This confirmation expires in {seconds} s.',
    purgeConfirm: 'Purge',
    checking: 'Checking what would be affected…',
    // dlq page
    dlqTitle: 'Dead-letter queue',
    filterQueue: 'Original queue',
    filterJobName: 'Job type',
    filterErrorCode: 'Error code',
    filterMinReplays: 'Min. replays',
    filterFrom: 'From',
    filterTo: 'To',
    anyQueue: 'Any queue',
    errorMessage: 'Error',
    lastFailedAt: 'Last failed',
    firstFailedAt: 'First failed',
    replays: 'Replays',
    replayedBadge: 'replayed',
    neverBadge: 'never replayed',
    bulkReplay: 'Replay selected',
    bulkDelete: 'Delete selected',
    clear: 'Clear…',
    dlqDialogTitle: 'DLQ entry {id}',
    replayConfirmTitle: 'Replay {id}?',
    replayConfirmText: 'The job goes back to queue {queue} with its payload and a fresh attempt budget. It has been replayed {count} times.',
    replayedToast: '{id} replayed (replay {count}).',
    deleteConfirmTitle: 'Delete {id}?',
    deleteConfirmText: 'The DLQ entry is removed for good. The job is not replayed.',
    deletedToast: '{id} deleted.',
    bulkReplayTitle: 'Replay {count} entries?',
    bulkDeleteTitle: 'Delete {count} entries?',
    clearTitle: 'Clear the DLQ',
    clearText: 'Entries matching these filters will be deleted.',
    clearSummary: '{entries} entries would be deleted.',
    clearCheck: 'Check',
    clearConfirm: 'Delete entries',
    clearedToast: '{count} entries cleared.',
    clearRunningToast: 'Clearing {target} entries; this runs on in the background.',
    clearStoppedToast: 'The clear ended {state} after {count} of {target} entries.',
    attemptsMade: 'Attempts made',
    // analytics
    analyticsTitle: 'DLQ analytics',
    tabOverview: 'Overview',
    tabFailures: 'Failures',
    tabTrends: 'Trends',
    tabReplays: 'Replays',
    exportCsv: 'Export CSV',
    exported: 'CSV downloaded.',
    totalDlq: 'Total DLQ jobs',
    neverReplayed: 'Never replayed',
    replayed: 'Replayed',
    highReplayCount: 'High replay count',
    failuresByQueue: 'Failures by queue',
    topJobTypes: 'Top failing job types',
    topErrorReasons: 'Common error reasons',
    example: 'Example: {text}',
    timeRange: 'Time range',
    hoursOption: 'Last {h} h',
    hourlyTrend: 'Failures per hour',
    totalInPeriod: 'Total in period',
    avgPerHour: 'Average per hour',
    peakHour: 'Peak hour',
    chartLabel: 'Bar chart of DLQ failures per hour',
    barTitle: '{hour}: {count}',
    topReplayed: 'Top replayed jobs',
    // audit
    auditTitle: 'Audit log',
    kind: 'Log',
    kindMutation: 'Mutations',
    kindAccess: 'Data access',
    filterActor: 'Actor',
    filterAction: 'Action',
    filterTarget: 'Target queue',
    filterJobId: 'Job ID',
    filterOutcome: 'Outcome',
    anyOutcome: 'Any outcome',
    time: 'Time',
    action: 'Action',
    target: 'Target',
    outcome: 'Outcome',
    clientIp: 'Client IP',
    loadMore: 'Load more',
  },
  fa: {
    appTitle: 'کنسول مالک streamq',
    skipToContent: 'پرش به محتوا',
    loading: 'در حال بارگذاری…',
    signInTitle: 'ورود',
    signInHelp: 'توکن مالک (JWT با نقش OWNER یا ادعای policies) را وارد کنید. فقط در همین زبانه نگه داشته می‌شود.',
    tokenLabel: 'توکن Bearer (JWT)',
    signIn: 'ورود',
    signOut: 'خروج',
    tokenMalformed: 'این یک JWT نیست (سه بخش جداشده با نقطه).',
    tokenExpired: 'این توکن منقضی شده است.',
    signedInAs: 'واردشده به‌عنوان {who}',
    language: 'زبان',
    langSwitch: 'English',
    themeDark: 'حالت تاریک',
    themeLight: 'حالت روشن',
    navQueuesGroup: 'صف‌ها (Queues)',
    navQueues: 'مدیریت صف‌ها',
    navDlq: 'صف‌های مرده (DLQ)',
    navAnalytics: 'آنالیتیکس DLQ',
    navLive: 'مانیتورینگ زنده',
    navAudit: 'گزارش ممیزی',
    badgeLive: 'زنده',
    badgeNew: 'جدید',
    menu: 'منو',
    connConnecting: 'در حال اتصال…',
    connOpen: 'زنده',
    connClosed: 'قطع شد، تلاش دوباره',
    connRefused: 'اتصال زنده رد شد: این مبدأ مجاز نیست یا توکن پذیرفته نشد',
    refresh: 'تازه‌سازی',
    apply: 'اعمال',
    reset: 'بازنشانی',
    close: 'بستن',
    cancel: 'انصراف',
    confirm: 'تأیید',
    view: 'مشاهده',
    details: 'جزئیات',
    retry: 'تلاش دوباره',
    remove: 'حذف',
    replay: 'بازپخش',
    delete: 'حذف',
    search: 'جستجو',
    searchPlaceholder: 'شناسه، نوع کار یا متن payload',
    previous: 'قبلی',
    next: 'بعدی',
    pageOf: 'صفحه {page} از {pages}',
    totalItems: '{total} مورد',
    searchLimited: 'فقط {limit} مورد اول جستجو شد.',
    nothing: 'موردی نیست.',
    selectAll: 'انتخاب همه در این صفحه',
    selectRow: 'انتخاب {id}',
    selected: '{count} انتخاب‌شده',
    actions: 'عملیات',
    failedToLoad: 'بارگذاری نشد: {error}',
    errorRequest: '{status}: {detail}',
    networkError: 'سرویس در دسترس نیست.',
    timedOut: 'در {seconds} ثانیه پاسخی نیامد.',
    lastUpdated: 'به‌روزشده {time}',
    totalJobs: 'کل کارها',
    waiting: 'در انتظار',
    active: 'در حال اجرا',
    delayed: 'تأخیری',
    completed: 'تکمیل‌شده',
    failed: 'ناموفق',
    paused: 'متوقف',
    healthy: 'سالم',
    warning: 'هشدار',
    critical: 'بحرانی',
    queue: 'صف',
    severity: 'شدت',
    queuesTitle: 'مدیریت صف‌ها',
    pause: 'توقف',
    resume: 'ادامه',
    purge: 'پاک‌سازی…',
    pausedToast: 'صف {queue} متوقف شد.',
    resumedToast: 'صف {queue} ادامه یافت.',
    stateTab: '{state} ({count})',
    jobId: 'شناسه کار',
    jobType: 'نوع کار',
    attempts: 'تلاش‌ها',
    createdAt: 'ایجاد',
    finishedAt: 'پایان',
    lastError: 'آخرین خطا',
    bulkRetry: 'تلاش دوباره برای انتخاب‌شده‌ها',
    bulkRemove: 'حذف انتخاب‌شده‌ها',
    jobDialogTitle: 'کار {id}',
    payload: 'محتوا (Payload)',
    result: 'نتیجه',
    state: 'وضعیت',
    tenant: 'مستأجر',
    actor: 'کاربر',
    retried: 'کار {id} دوباره در انتظار است.',
    removed: 'کار {id} حذف شد.',
    removeConfirmTitle: 'حذف کار؟',
    removeConfirmText: 'کار {id} حذف می‌شود. این کار برگشت‌پذیر نیست.',
    bulkConfirmTitle: '{action} برای {count} کار؟',
    bulkDone: '{ok} موفق، {failed} ناموفق.',
    bulkResultsTitle: 'نتایج',
    purgeTitle: 'پاک‌سازی صف {queue}؟',
    purgeText: 'این کارها برای همیشه حذف می‌شوند. کارهای در حال اجرا تمام می‌شوند.',
    purgeDone: '{total} کار از {queue} پاک شد.',
    confirmExpires: 'این تأیید تا {seconds} ثانیه معتبر است.',
    purgeConfirm: 'پاک‌سازی',
    checking: 'در حال بررسی موارد اثرپذیر…',
    dlqTitle: 'صف مرده',
    filterQueue: 'صف اصلی',
    filterJobName: 'نوع کار',
    filterErrorCode: 'کد خطا',
    filterMinReplays: 'حداقل بازپخش',
    filterFrom: 'از',
    filterTo: 'تا',
    anyQueue: 'همه صف‌ها',
    errorMessage: 'خطا',
    lastFailedAt: 'آخرین شکست',
    firstFailedAt: 'اولین شکست',
    replays: 'بازپخش‌ها',
    replayedBadge: 'بازپخش‌شده',
    neverBadge: 'بدون بازپخش',
    bulkReplay: 'بازپخش انتخاب‌شده‌ها',
    bulkDelete: 'حذف انتخاب‌شده‌ها',
    clear: 'پاک‌سازی…',
    dlqDialogTitle: 'مورد DLQ {id}',
    replayConfirmTitle: 'بازپخش {id}؟',
    replayConfirmText: 'کار با payload خود و سهمیه تلاش تازه به صف {queue} برمی‌گردد. تاکنون {count} بار بازپخش شده است.',
    replayedToast: '{id} بازپخش شد (بار {count}).',
    deleteConfirmTitle: 'حذف {id}؟',
    deleteConfirmText: 'این مورد برای همیشه از DLQ حذف می‌شود و بازپخش نمی‌شود.',
    deletedToast: '{id} حذف شد.',
    bulkReplayTitle: 'بازپخش {count} مورد؟',
    bulkDeleteTitle: 'حذف {count} مورد؟',
    clearTitle: 'پاک‌سازی DLQ',
    clearText: 'موارد مطابق این فیلترها حذف می‌شوند.',
    clearSummary: '{entries} مورد حذف خواهد شد.',
    clearCheck: 'بررسی',
    clearConfirm: 'حذف موارد',
    clearedToast: '{count} مورد پاک شد.',
    clearRunningToast: 'پاک‌کردن {target} مورد در پس‌زمینه ادامه دارد.',
    clearStoppedToast: 'پاک‌کردن با وضعیت {state} پس از {count} از {target} مورد پایان یافت.',
    attemptsMade: 'تعداد تلاش',
    analyticsTitle: 'آنالیتیکس DLQ',
    tabOverview: 'نمای کلی',
    tabFailures: 'شکست‌ها',
    tabTrends: 'روندها',
    tabReplays: 'بازپخش‌ها',
    exportCsv: 'خروجی CSV',
    exported: 'فایل CSV دانلود شد.',
    totalDlq: 'کل کارهای DLQ',
    neverReplayed: 'هرگز بازپخش‌نشده',
    replayed: 'بازپخش‌شده',
    highReplayCount: 'بازپخش زیاد',
    failuresByQueue: 'شکست‌ها به تفکیک صف',
    topJobTypes: 'پرشکست‌ترین انواع کار',
    topErrorReasons: 'دلایل رایج خطا',
    example: 'نمونه: {text}',
    timeRange: 'بازه زمانی',
    hoursOption: '{h} ساعت اخیر',
    hourlyTrend: 'شکست‌ها در هر ساعت',
    totalInPeriod: 'مجموع در بازه',
    avgPerHour: 'میانگین در ساعت',
    peakHour: 'ساعت اوج',
    chartLabel: 'نمودار میله‌ای شکست‌های DLQ در هر ساعت',
    barTitle: '{hour}: {count}',
    topReplayed: 'پربازپخش‌ترین کارها',
    auditTitle: 'گزارش ممیزی',
    kind: 'گزارش',
    kindMutation: 'تغییرات',
    kindAccess: 'دسترسی به داده',
    filterActor: 'کاربر',
    filterAction: 'عملیات',
    filterTarget: 'صف هدف',
    filterJobId: 'شناسه کار',
    filterOutcome: 'نتیجه',
    anyOutcome: 'هر نتیجه',
    time: 'زمان',
    action: 'عملیات',
    target: 'هدف',
    outcome: 'نتیجه',
    clientIp: 'IP کاربر',
    loadMore: 'بیشتر',
  },
};

/**
 * Adds a page's or a feature's own texts ({en: {...}, fa: {...}}), so each area keeps its strings beside its code
 * (js/messages/<area>.js) instead of growing this file. A key defined twice is a mistake: the first one wins loudly.
 */
export function register(messages) {
  for (const language of Object.keys(TABLE)) {
    for (const [key, text] of Object.entries(messages[language] || {})) {
      if (key in TABLE[language]) {
        console.error(`i18n: ${language}.${key} is already defined`);
        continue;
      }
      TABLE[language][key] = text;
    }
  }
}

register(shellMessages);

const LANG_KEY = 'streamq.console.lang';
let lang = localStorage.getItem(LANG_KEY) === 'fa' ? 'fa' : 'en';

export function currentLang() {
  return lang;
}

export function setLang(next) {
  lang = next === 'fa' ? 'fa' : 'en';
  localStorage.setItem(LANG_KEY, lang);
  applyLang();
}

/** Sets lang and dir on <html>: Persian lays the whole page out right to left. */
export function applyLang() {
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'fa' ? 'rtl' : 'ltr';
  document.title = t('appTitle');
}

/** The text of `key`; {name} becomes vars.name, numbers written in the language's digits (Persian in fa). */
export function t(key, vars) {
  const text = TABLE[lang][key] ?? TABLE.en[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name) => {
    if (!(name in vars)) return m;
    const value = vars[name];
    return typeof value === 'number' ? num(value) : String(value);
  });
}

/** The other language's label, for the bilingual navigation. */
export function tOther(key) {
  const other = lang === 'fa' ? 'en' : 'fa';
  return { text: TABLE[other][key], lang: other };
}

const numberFormats = {};
export function num(n) {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  const f = numberFormats[lang] ??= new Intl.NumberFormat(lang === 'fa' ? 'fa-IR' : 'en-US', { maximumFractionDigits: 2 });
  return f.format(n);
}

const secondsFormats = {};
/** A time left (ms) as m:ss in the language's digits, e.g. 1:10 or ۱:۱۰. */
export function timeLeft(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const seconds = (secondsFormats[lang] ??= new Intl.NumberFormat(lang === 'fa' ? 'fa-IR' : 'en-US', { minimumIntegerDigits: 2 }));
  return `${num(Math.floor(total / 60))}:${seconds.format(total % 60)}`;
}

// Dates: one format per language everywhere (tables, filters, the pager's neighbours): English year-month-day with a
// 24-hour clock (2026-12-02 14:30:05), Persian the Solar Hijri calendar with Persian digits (۱۴۰۵/۰۹/۱۱ ۱۴:۳۰:۰۵).
// Always the browser's time zone. Built from parts so neither a locale's defaults nor the browser's own language
// change the layout.
const dateFormats = {};
function dateParts(d, lang_ = lang) {
  const f = dateFormats[lang_] ??= new Intl.DateTimeFormat(lang_ === 'fa' ? 'fa-IR-u-ca-persian-nu-arabext' : 'en-US-u-ca-gregory-nu-latn', {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  });
  const parts = {};
  for (const p of f.formatToParts(d)) parts[p.type] = p.value;
  return parts;
}

function toDate(value) {
  if (value === null || value === undefined || value === '') return null;
  const d = value instanceof Date ? value : new Date(typeof value === 'number' ? value : String(value));
  return Number.isNaN(d.getTime()) ? null : d;
}

const DATE_SEPARATOR = { en: '-', fa: '/' };

function dateText(p) {
  const sep = DATE_SEPARATOR[lang];
  return `${p.year}${sep}${p.month}${sep}${p.day}`;
}

/** Epoch ms, ISO string or Date → date and time in the language's one format ('–' when absent). */
export function when(value) {
  const d = toDate(value);
  if (!d) return value === null || value === undefined || value === '' ? '–' : String(value);
  const p = dateParts(d);
  return `${dateText(p)} ${p.hour}:${p.minute}:${p.second}`;
}

/** Month, day and hour:minute in the language's format: the axis of hourly charts. */
export function hourLabel(value) {
  const d = toDate(value);
  if (!d) return String(value);
  const p = dateParts(d);
  const sep = DATE_SEPARATOR[lang];
  return `${p.month}${sep}${p.day} ${p.hour}:${p.minute}`;
}

/** A date as a date filter shows and reads it: the language's format to the minute ('' when absent). */
export function dateInputText(value) {
  const d = toDate(value);
  if (!d) return '';
  const p = dateParts(d);
  return `${dateText(p)} ${p.hour}:${p.minute}`;
}

/** What a date filter expects, shown as its placeholder and in its error: e.g. 2026-12-02 14:30. */
export function dateInputHint() {
  return dateInputText(new Date(2026, 11, 2, 14, 30));
}

const GREGORIAN_YEARS_FROM = 1800;
const DIGITS = /[\u06F0-\u06F9\u0660-\u0669]/g;
function latinDigits(text) {
  return text.replace(DIGITS, (c) => String(c.charCodeAt(0) & 0xF));
}

// Solar Hijri → Date without a table of leap years: start near the Gregorian day and let Intl (the same calendar
// that formats every date) confirm it, so a date read back is always the date that was shown.
function persianDay(year, month, day, hour, minute) {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const dayOfYear = month <= 6 ? (month - 1) * 31 + day : 186 + (month - 7) * 30 + day;
  for (const delta of [0, -1, 1, -2, 2, -3, 3]) {
    const d = new Date(year + 621, 2, 20 + dayOfYear + delta, hour, minute);
    const p = dateParts(d, 'fa');
    if (Number(latinDigits(p.year)) === year && Number(latinDigits(p.month)) === month && Number(latinDigits(p.day)) === day) return d;
  }
  return null;
}

function gregorianDay(year, month, day, hour, minute) {
  const d = new Date(year, month - 1, day, hour, minute);
  return d.getFullYear() === year && d.getMonth() === month - 1 && d.getDate() === day ? d : null;
}

/**
 * Reads a date filter's text in the current language's format (Persian, Arabic-Indic or Latin digits; '-', '/' or
 * '.' between the parts; the time optional; in Persian a year from 1800 on is taken as Gregorian). Returns epoch ms, null when empty, NaN when it cannot be read.
 * A date without a time means the start of that day, or its last second when `endOfDay` (a "to" filter).
 */
export function parseDateInput(text, { endOfDay = false } = {}) {
  const value = latinDigits(String(text ?? '')).trim();
  if (!value) return null;
  const m = value.match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[\sT,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/);
  if (!m) return NaN;
  const [year, month, day] = [m[1], m[2], m[3]].map(Number);
  const timeGiven = m[4] !== undefined;
  const hour = timeGiven ? Number(m[4]) : 0;
  const minute = timeGiven ? Number(m[5]) : 0;
  const second = m[6] !== undefined ? Number(m[6]) : 0;
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  // A Solar Hijri year is near 1400 for centuries yet: a Persian filter given a Gregorian year (2026) reads it as one.
  const solar = lang === 'fa' && year < GREGORIAN_YEARS_FROM;
  const d = solar ? persianDay(year, month, day, hour, minute) : gregorianDay(year, month, day, hour, minute);
  if (!d) return NaN;
  if (!timeGiven && endOfDay) return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime() - 1000;
  return d.getTime() + second * 1000;
}

/** State names (waiting, failed, …) through the table when known. */
export function stateName(state) {
  return TABLE[lang][state] ?? state;
}

// A health issue in the console's language. monitor writes each issue and its recommendation in English and gives
// their names and numbers as `facts`; Persian says the same from those facts (messages/live.js, liveIssue:<rule> and
// liveFix:<rule>). Without a template or facts (an older monitor) the English texts stand, marked as English.
import { currentLang, num, t } from '../../i18n.js';

function variant(issue) {
  if (issue.rule === 'dlq-growth' && issue.facts.stuck) return ':stuck';
  if (issue.rule === 'paused-backlog' && issue.facts.oldestWaitingSeconds !== undefined) return ':oldest';
  return '';
}

function said(key, facts) {
  const vars = Object.fromEntries(Object.entries(facts).map(([k, v]) => [k, typeof v === 'number' ? num(v) : v]));
  const text = t(key, vars);
  return text === key ? null : text;
}

/** {issue, recommendation, lang} of `issue` for the current language. */
export function issueText(issue) {
  if (currentLang() !== 'en' && issue.facts) {
    const suffix = `${issue.rule}${variant(issue)}`;
    const text = said(`liveIssue:${suffix}`, issue.facts);
    // A variant may share its rule's recommendation.
    const fix = said(`liveFix:${suffix}`, issue.facts) ?? said(`liveFix:${issue.rule}`, issue.facts);
    if (text && fix) return { issue: text, recommendation: fix, lang: currentLang() };
  }
  return { issue: issue.issue, recommendation: issue.recommendation, lang: 'en' };
}

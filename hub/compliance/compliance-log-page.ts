// The printable drill compliance log as one self-contained HTML page for the PDF renderer: the rule set with the law
// it reads, each building's standing rule by rule, then on pages of their own the drills of the school year that
// were counted and the drill calendar. The same report as GET /api/compliance and the CSV log.
import { html, raw } from 'hono/html';
import { DRILL_KIND_WORDS, type DrillKind, type RuleState } from '../../shared/drill-compliance.ts';
import { MODE_CATALOGUE, SHELTER_HAZARD_TEXT } from '../../shared/modes.ts';
import type { ShelterHazard } from '../../shared/model.ts';
import { PRINT_STYLES } from '../reports/print-styles.ts';
import { calendarDayInWords, schoolTimeInWords } from '../reports/school-clock.ts';
import type { ComplianceReport } from './compliance-report.ts';

export interface ComplianceLogInput {
  schoolName: string;
  report: ComplianceReport;
  buildingName: (id: string) => string;
  printedAt: Date;
}

const STATE_WORDS: Readonly<Record<RuleState, string>> = { met: 'Done', due: 'To do', missed: 'Missed', later: 'Later' };
const SCHEDULED_WORDS = { upcoming: 'Planned', today: 'Today', held: 'Held', 'not-held': 'Not held' } as const;
const kindWords = (kind: string) => DRILL_KIND_WORDS[kind as DrillKind]?.one ?? kind;

export function complianceLogFooter(input: ComplianceLogInput): string {
  return `${input.schoolName} · Drill compliance log · printed ${schoolTimeInWords(input.printedAt.getTime(), input.report.timeZone)}`;
}

export function complianceLogHtml(input: ComplianceLogInput): string {
  const { report } = input;
  const { ruleSet, timeZone } = report;
  const year = report.buildings[0]?.status.year ?? null;
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Drill compliance log: ${input.schoolName}</title><style>${raw(PRINT_STYLES)}</style></head>
<body>
  <header class="title">
    <p>${input.schoolName}</p>
    <h1>Drill compliance log</h1>
    <p>${year ? `School year ${calendarDayInWords(year.from)} to ${calendarDayInWords(year.to)}; ` : ''}as of ${calendarDayInWords(report.today)}. Times are the school’s (${timeZone}).</p>
  </header>
  ${ruleSet
    ? html`<dl class="facts">
        <dt>Rule set</dt><dd><strong>${ruleSet.name}</strong></dd>
        <dt>Legal source</dt><dd>${ruleSet.source.citation || 'the school’s own rules'}${ruleSet.source.url ? html` <span class="muted">${ruleSet.source.url}</span>` : ''}</dd>
        ${ruleSet.checked ? html`<dt>Checked</dt><dd>${calendarDayInWords(ruleSet.checked)}</dd>` : ''}
        ${ruleSet.note ? html`<dt>Left to the school</dt><dd>${ruleSet.note}</dd>` : ''}
      </dl>
      <p class="muted">Only drills started in Muster are counted; your district or fire marshal may ask for more. A site-wide drill counts for every building, a building’s drill for that building.</p>`
    : html`<p class="empty">No rule set is chosen: choose your state’s on the Drill reports page to see which drills are done and which are due.</p>`}

  ${report.buildings.map(
    (building) => html`<h2>${building.name}: <span class="${building.status.onTrack ? 'ok' : 'bad'}">${building.status.next === null ? 'every drill done' : building.status.onTrack ? `on track; next: ${building.status.next}` : `behind: ${building.status.next}`}</span></h2>
      <table>
        <thead><tr><th>Rule</th><th>Window</th><th>Counted</th><th>Status</th></tr></thead>
        <tbody>${building.status.rules.map(
          (rule) => html`<tr><td>${rule.rule.text}</td><td class="nowrap">${calendarDayInWords(rule.from)} – ${calendarDayInWords(rule.by)}</td><td>${rule.counted} of ${rule.rule.count}</td><td class="${rule.state === 'missed' ? 'bad' : rule.state === 'met' ? 'ok' : ''}">${STATE_WORDS[rule.state]}${rule.state === 'met' ? '' : html`<br><span class="muted">${rule.words}</span>`}</td></tr>`,
        )}</tbody>
      </table>`,
  )}

  ${ruleSet
    ? html`<section class="new-page">
        <h2>Drills counted this school year</h2>
        ${report.drills.length === 0
          ? html`<p class="empty">No drill has been run in Muster this school year.</p>`
          : html`<table>
              <thead><tr><th>#</th><th>Started</th><th>Drill</th><th>Where</th><th>Counts for</th><th>Counts as</th></tr></thead>
              <tbody>${report.drills.map(
                (drill) => html`<tr><td>${drill.seq}</td><td class="nowrap">${schoolTimeInWords(Date.parse(drill.at), timeZone)}</td><td>${MODE_CATALOGUE[drill.mode].text.en.name}${drill.hazard ? ` (${SHELTER_HAZARD_TEXT[drill.hazard as ShelterHazard]?.en ?? drill.hazard})` : ''}</td><td>${drill.scopeName}</td><td>${drill.buildingIds.map(input.buildingName).join(', ') || 'no whole building'}</td><td>${drill.countsAs.map(kindWords).join('; ') || '—'}</td></tr>`,
              )}</tbody>
            </table>`}
      </section>`
    : ''}

  <h2>Drill calendar</h2>
  ${report.scheduled.length === 0
    ? html`<p class="empty">No drill is planned.</p>`
    : html`<table>
        <thead><tr><th>Status</th><th>Drill</th><th>Note</th></tr></thead>
        <tbody>${report.scheduled.map((plan) => html`<tr><td class="${plan.state === 'not-held' ? 'bad' : ''}">${SCHEDULED_WORDS[plan.state]}</td><td>${plan.words} (${calendarDayInWords(plan.day)})</td><td>${plan.note}</td></tr>`)}</tbody>
      </table>`}
</body></html>`;
  // Every interpolation above is synchronous, so the template is a string, never a promise.
  return String(page as unknown as string);
}

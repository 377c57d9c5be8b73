// The printable after-action report as one self-contained HTML page (no scripts, no images) for the PDF renderer:
// what happened and who started and ended it, the roll-call of screens, the timeline, who did what, then on a page of
// their own the observations and corrective actions. Times are the school's. hono's `html` escapes every
// interpolated text, so nothing typed into a note or an observation can become markup.
import { html, raw } from 'hono/html';
import { ACTION_STATUS_WORDS } from '../../shared/after-action.ts';
import { durationInWords } from '../../shared/duration-words.ts';
import { MODE_CATALOGUE } from '../../shared/modes.ts';
import { calendarDayInWords, schoolTimeInWords } from '../reports/school-clock.ts';
import { whatInWords, type AfterActionReport, type TimelineEntry } from './after-action-report.ts';
import { PRINT_STYLES } from '../reports/print-styles.ts';

export interface AfterActionPageInput {
  schoolName: string;
  timeZone: string;
  afterAction: AfterActionReport;
  printedAt: Date;
}

const KIND_WORDS: Record<TimelineEntry['kind'], string> = { start: 'Start', note: 'Note', screen: 'Screen', hazard: 'Hazard', mode: 'Mode', end: 'End', integration: 'Integration' };

/** The title, and the footer line the renderer prints on every page. */
export function afterActionTitle(input: AfterActionPageInput): { title: string; footer: string } {
  const { report } = input.afterAction;
  const title = `${MODE_CATALOGUE[report.mode].text.en.name} ${report.drill ? 'drill' : '(real event)'} · ${report.scopeName}`;
  return { title, footer: `${input.schoolName} · After-action report #${report.seq} · printed ${schoolTimeInWords(input.printedAt.getTime(), input.timeZone)}` };
}

export function afterActionHtml(input: AfterActionPageInput): string {
  const { afterAction, timeZone } = input;
  const { report, rollCall, timeline, people, observations, actions } = afterAction;
  const at = (iso: string) => schoolTimeInWords(Date.parse(iso), timeZone);
  const time = (iso: string) => schoolTimeInWords(Date.parse(iso), timeZone, 'time');
  const { title } = afterActionTitle(input);
  const details = report.details;
  const lasted = report.end ? (Date.parse(report.end.at) - Date.parse(report.at)) / 1000 : null;
  const ended = report.end
    ? `${report.end.kind === 'all-clear' ? 'All Clear' : `Replaced by change #${report.end.seq}`} at ${at(report.end.at)} by ${report.end.who}${lasted !== null ? ` (after ${durationInWords(lasted)})` : ''}`
    : 'Still active when this report was printed';
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>After-action report: ${title}</title><style>${raw(PRINT_STYLES)}</style></head>
<body>
  <header class="title">
    <p>${input.schoolName} · After-action report #${report.seq}</p>
    <h1>${title} <span class="badge ${report.drill ? 'drill' : 'real'}">${report.drill ? 'Drill' : 'Real event'}</span></h1>
    <p>Times are the school’s (${timeZone}).</p>
  </header>
  <dl class="facts">
    <dt>Started</dt><dd>${at(report.at)} by <strong>${report.who}</strong> (${report.role}, from ${report.from})</dd>
    ${details.destination ? html`<dt>Destination</dt><dd>${details.destination}</dd>` : ''}
    ${details.hazard ? html`<dt>Hazard</dt><dd>${whatInWords(details)}</dd>` : ''}
    ${details.note ? html`<dt>Note</dt><dd>${details.note}</dd>` : ''}
    <dt>Ended</dt><dd>${ended}</dd>
  </dl>

  <h2>Roll-call of screens</h2>
  <div class="figures">
    <div class="figure"><strong>${rollCall.expected}</strong><span>screens in scope</span></div>
    <div class="figure"><strong>${rollCall.confirmed}</strong><span>confirmed the mode</span></div>
    <div class="figure"><strong>${rollCall.allConfirmedAfterSeconds === null ? '—' : durationInWords(rollCall.allConfirmedAfterSeconds)}</strong><span>until all confirmed</span></div>
    <div class="figure"><strong class="${rollCall.neverConfirmed.length > 0 ? 'bad' : ''}">${rollCall.neverConfirmed.length}</strong><span>never confirmed</span></div>
  </div>
  ${rollCall.neverConfirmed.length > 0
    ? html`<p><strong>Never confirmed:</strong> ${rollCall.neverConfirmed.map((s, i) => html`${i > 0 ? '; ' : ''}${s.name}${s.location ? ` (${s.location})` : ''}`)}. A screen that was offline, or showed a higher-ranking mode (a real event outranks a drill), does not confirm.</p>`
    : rollCall.expected > 0
      ? html`<p>Every screen in scope confirmed${rollCall.allConfirmedAfterSeconds !== null ? `, the last ${durationInWords(rollCall.allConfirmedAfterSeconds)} after the start` : ''}.</p>`
      : html`<p class="empty">No screen is in this scope.</p>`}
  ${rollCall.confirmedOutsideScope > 0 ? html`<p class="muted">${rollCall.confirmedOutsideScope} screen(s) confirmed from outside the scope as the site is now (moved since).</p>` : ''}

  <h2>Timeline</h2>
  <table>
    <thead><tr><th>Time</th><th>After</th><th>Kind</th><th>Who</th><th>What happened</th></tr></thead>
    <tbody>${timeline.map(
      (entry) => html`<tr><td class="nowrap">${time(entry.at)}</td><td class="nowrap">${entry.kind === 'start' || entry.kind === 'note' ? '' : `+${durationInWords(entry.offsetSeconds)}`}</td><td class="nowrap">${KIND_WORDS[entry.kind]}</td><td>${entry.who ?? ''}</td><td>${entry.words}</td></tr>`,
    )}</tbody>
  </table>

  <h2>Who did what</h2>
  ${people.map(
    (person) => html`<div class="person"><h3>${person.who}</h3><ul class="plain">${person.actions.map((action) => html`<li>${time(action.at)}: ${action.words}</li>`)}</ul></div>`,
  )}

  <section class="new-page">
    <h2>Observations</h2>
    ${observations.length === 0
      ? html`<p class="empty">None written yet.</p>`
      : html`<ul class="plain">${observations.map((o) => html`<li>${o.text} <span class="muted">(${o.by}, ${at(o.at)})</span></li>`)}</ul>`}
    <h2>Corrective actions</h2>
    ${actions.length === 0
      ? html`<p class="empty">None written yet.</p>`
      : html`<table>
          <thead><tr><th>Action</th><th>Owner</th><th>Due</th><th>Status</th></tr></thead>
          <tbody>${actions.map(
            (a) => html`<tr><td>${a.text}</td><td>${a.owner}</td><td class="nowrap ${a.overdue ? 'bad' : ''}">${calendarDayInWords(a.due)}${a.overdue ? ' (overdue)' : ''}</td><td>${ACTION_STATUS_WORDS[a.status]}${a.doneAt ? html`<br><span class="muted">${at(a.doneAt)}</span>` : ''}</td></tr>`,
          )}</tbody>
        </table>`}
  </section>
</body></html>`;
  // Every interpolation above is synchronous, so the template is a string, never a promise.
  return String(page as unknown as string);
}

// The after-action report's timeline (what happened, at what offset from the start, by whom) and who did what.
import { durationInWords } from '../../shared/duration-words.ts';
import type { AfterActionBody } from './drill-report-view.tsx';
import { schoolTimeOfDay } from './school-date-time.ts';

type Report = AfterActionBody['afterAction'];

const KIND_WORDS: Readonly<Record<Report['timeline'][number]['kind'], string>> = {
  start: 'Start',
  note: 'Note',
  screen: 'Screen',
  hazard: 'Hazard',
  mode: 'Mode',
  end: 'End',
  integration: 'Integration',
};

export function AfterActionTimeline(props: { timeline: Report['timeline']; people: Report['people']; timeZone: string }) {
  const { timeZone } = props;
  return (
    <>
      <section class="report-section">
        <h4>Timeline</h4>
        <table class="screens report-table timeline-table" data-test="timeline">
          <thead>
            <tr>
              <th>Time</th>
              <th>After</th>
              <th>What happened</th>
              <th>Who</th>
            </tr>
          </thead>
          <tbody>
            {props.timeline.map((entry, i) => (
              <tr key={i} class={`timeline-${entry.kind}`} data-test="timeline-entry" data-kind={entry.kind}>
                <td class="nowrap">{schoolTimeOfDay(entry.at, timeZone)}</td>
                <td class="nowrap">{entry.kind === 'start' || entry.kind === 'note' ? '' : `+${durationInWords(entry.offsetSeconds)}`}</td>
                <td>
                  <span class="timeline-kind">{KIND_WORDS[entry.kind]}</span> {entry.words}
                </td>
                <td>{entry.who ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="report-section" data-test="who-did-what">
        <h4>Who did what</h4>
        <div class="people">
          {props.people.map((person) => (
            <div class="person" key={person.who}>
              <strong>{person.who}</strong>
              <ul>
                {person.actions.map((action, i) => (
                  <li key={i}>
                    <span class="muted">{schoolTimeOfDay(action.at, timeZone)}:</span> {action.words}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </section>
    </>
  );
}

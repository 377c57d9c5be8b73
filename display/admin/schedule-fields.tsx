// When a slide shows, at the school: first and last day, days of the week, and a time of day to start and stop.
import type { Schedule } from '../../shared/content.ts';
import { DAY_NAMES } from './slide-words.ts';

/** Monday first, as a school week reads. */
const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;

export function ScheduleFields(props: { schedule: Schedule; timeZone: string; onChange: (schedule: Schedule) => void }) {
  const { schedule } = props;
  const set = (patch: Partial<Schedule>) => props.onChange({ ...schedule, ...patch });
  const toggleDay = (day: number, on: boolean) => set({ days: (on ? [...schedule.days.filter((d) => d !== day), day] : schedule.days.filter((d) => d !== day)).sort((a, b) => a - b) });
  const timed = schedule.from !== null || schedule.until !== null;

  return (
    <fieldset class="schedule-fields" data-test="schedule-fields">
      <legend>When</legend>
      <div class="schedule-row">
        <label>
          First day
          <input type="date" data-test="schedule-start" value={schedule.startDate ?? ''} onInput={(e) => set({ startDate: e.currentTarget.value || null })} />
        </label>
        <label>
          Last day
          <input type="date" data-test="schedule-end" value={schedule.endDate ?? ''} onInput={(e) => set({ endDate: e.currentTarget.value || null })} />
        </label>
      </div>
      <div class="schedule-days" role="group" aria-label="Days of the week">
        {WEEK.map((day) => (
          <label class="check" key={day}>
            <input type="checkbox" data-test={`schedule-day-${day}`} checked={schedule.days.includes(day)} onChange={(e) => toggleDay(day, e.currentTarget.checked)} />
            {DAY_NAMES[day]}
          </label>
        ))}
      </div>
      <label class="check">
        <input type="checkbox" data-test="schedule-timed" checked={timed} onChange={(e) => set(e.currentTarget.checked ? { from: '07:30', until: '15:30' } : { from: null, until: null })} />
        Only at certain times of day
      </label>
      {timed && (
        <div class="schedule-row">
          <label>
            From
            <input type="time" data-test="schedule-from" value={schedule.from ?? ''} onInput={(e) => set({ from: e.currentTarget.value || null })} />
          </label>
          <label>
            Until
            <input type="time" data-test="schedule-until" value={schedule.until ?? ''} onInput={(e) => set({ until: e.currentTarget.value || null })} />
          </label>
        </div>
      )}
      <p class="muted">
        Empty dates and no days ticked mean no limit. Times are the school’s ({props.timeZone}); an end before the start runs overnight.
      </p>
    </fieldset>
  );
}

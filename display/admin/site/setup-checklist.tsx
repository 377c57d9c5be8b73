// A new school's first steps, shown at the top of the admin console until they are done: name and time zone →
// buildings and floors → floor plans → pairing screens. Each step says what is missing and links to its page.
import { useEffect, useState } from 'preact/hooks';
import type { Wayfinding } from '../../../shared/floor-plan.ts';
import type { Site } from '../../../shared/model.ts';
import { NEW_SCHOOL_NAME } from '../../../shared/site-settings.ts';
import { api, call } from '../../lib/api-client.ts';
import { useSite } from '../../lib/use-site.ts';

interface Step {
  id: string;
  title: string;
  done: boolean;
  missing: string;
  href: string;
}

export function setupSteps(site: Site, wayfinding: Wayfinding): Step[] {
  const floors = site.buildings.flatMap((b) => b.floors.map((f) => ({ building: b.name, floor: f })));
  const withMaps = new Set(wayfinding.floors.filter((plan) => plan.image).map((plan) => plan.floorId));
  const unmapped = floors.filter(({ floor }) => !withMaps.has(floor.id));
  const noFloors = site.buildings.filter((b) => b.floors.length === 0);
  return [
    { id: 'name', title: 'Name your school and set its time zone', done: site.name !== NEW_SCHOOL_NAME, missing: 'The school is still called “New school”.', href: '#site' },
    {
      id: 'buildings',
      title: 'Add its buildings and their floors',
      done: site.buildings.length > 0 && noFloors.length === 0,
      missing: site.buildings.length === 0 ? 'No buildings yet.' : `No floors yet in ${noFloors.map((b) => b.name).join(', ')}.`,
      href: '#site',
    },
    {
      id: 'plans',
      title: 'Upload a floor plan for each floor',
      done: floors.length > 0 && unmapped.length === 0,
      missing: floors.length === 0 ? 'Add floors first.' : `No map yet for ${unmapped.map((u) => `${u.floor.name} (${u.building})`).join(', ')}.`,
      href: '#floor-plans',
    },
    { id: 'screens', title: 'Pair your screens', done: site.screens.length > 0, missing: 'No screen is paired yet: open /screen/ on a screen and enter its code.', href: '#screens' },
  ];
}

export function SetupChecklist(props: { page: string }) {
  const { site } = useSite();
  const [wayfinding, setWayfinding] = useState<Wayfinding | null>(null);
  // Floor plans are saved on their own page: read them again whenever the admin moves between pages.
  useEffect(() => {
    void call(api.wayfinding.$get()).then((body) => setWayfinding(body.wayfinding), () => undefined);
  }, [props.page, site]);
  if (!site || !wayfinding) return null;
  const steps = setupSteps(site, wayfinding);
  const done = steps.filter((s) => s.done).length;
  if (done === steps.length) return null;
  return (
    <section class="panel setup" data-test="setup-checklist" aria-labelledby="setup-title">
      <h2 id="setup-title">
        Set up your school <span class="muted">({done} of {steps.length} done)</span>
      </h2>
      <ol>
        {steps.map((step) => (
          <li class={step.done ? 'done' : ''} data-test={`setup-${step.id}`} data-done={String(step.done)}>
            <a href={step.href}>{step.title}</a>
            {step.done ? <span class="ok"> ✓ Done</span> : <span class="muted"> — {step.missing}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}

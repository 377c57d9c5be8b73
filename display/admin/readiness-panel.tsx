// What still stops the saved floor plans from guiding everyone out, as the hub checks it: grouped, in plain
// words, each problem a button that shows its screen, exit or floor on the map.
import type { InferResponseType } from 'hono/client';
import type { api } from '../lib/api-client.ts';

type ReadinessBody = Extract<InferResponseType<typeof api.readiness.$get>, { ok: true }>;
export type ReadinessProblem = ReadinessBody['problems'][number];

const GROUPS: { kind: ReadinessProblem['kind']; title: string }[] = [
  { kind: 'floor-without-plan', title: 'Floors without a plan' },
  { kind: 'screen-not-placed', title: 'Screens not placed on a map' },
  { kind: 'screen-without-exit-route', title: 'Screens with no route to an exit' },
  { kind: 'exit-not-on-graph', title: 'Exits not joined to the walkways' },
  { kind: 'node-unreachable', title: 'Walkway points cut off from every exit' },
];

export function ReadinessPanel(props: { problems: ReadinessProblem[] | null; onPick: (problem: ReadinessProblem) => void }) {
  const { problems } = props;
  return (
    <section class="side-section" aria-labelledby="readiness-title">
      <h3 id="readiness-title">Readiness of the saved plans</h3>
      {problems === null ? (
        <p class="muted">Checking…</p>
      ) : problems.length === 0 ? (
        <p class="ready" data-test="readiness-list" data-count="0">
          Every screen has a route to an exit, and every exit is on the walkways.
        </p>
      ) : (
        <div data-test="readiness-list" data-count={problems.length}>
          {GROUPS.map(({ kind, title }) => {
            const group = problems.filter((p) => p.kind === kind);
            // Kinds the hub adds later still show, under a plain heading, rather than vanish.
            if (group.length === 0) return null;
            return <ProblemGroup key={kind} title={title} problems={group} onPick={props.onPick} />;
          })}
          <ProblemGroup title="Other problems" problems={problems.filter((p) => !GROUPS.some((g) => g.kind === p.kind))} onPick={props.onPick} />
        </div>
      )}
    </section>
  );
}

function ProblemGroup(props: { title: string; problems: ReadinessProblem[]; onPick: (problem: ReadinessProblem) => void }) {
  if (props.problems.length === 0) return null;
  return (
    <div class="problem-group">
      <h4>
        {props.title} ({props.problems.length})
      </h4>
      <ul class="problem-list">
        {props.problems.map((problem, index) => (
          <li key={index}>
            <button type="button" class="problem" data-test="readiness-problem" data-kind={problem.kind} onClick={() => props.onPick(problem)}>
              {problem.message}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

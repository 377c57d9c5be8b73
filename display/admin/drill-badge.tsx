// Drill or real, marked so the two are never mistaken for each other, on screen and on paper.
export function DrillBadge(props: { drill: boolean | undefined }) {
  if (props.drill === undefined) return null;
  return (
    <span class={`badge ${props.drill ? 'drill' : 'real'}`} data-test="drill-badge">
      {props.drill ? 'Drill' : 'Real event'}
    </span>
  );
}

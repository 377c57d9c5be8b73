// <PlanCanvas>: a floor plan in the consoles (Preact): the map image in its own coordinates, children drawn on
// top in map units, and clicks or taps reported as map coordinates, so editors and the office's hazard map
// never convert pixels themselves.
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import type { FloorPlan, Point } from '../../shared/floor-plan.ts';
import { turnedViewBox } from '../../shared/map-orientation.ts';

export interface PlanCanvasProps {
  floor: Pick<FloorPlan, 'floorId' | 'width' | 'height' | 'image'>;
  /** Quarter turn for a heads-up view; consoles usually keep the plan as drawn (0). */
  turn?: 0 | 90 | 180 | 270;
  /** Called with the point in map units where the plan was clicked or tapped. */
  onPoint?: (point: Point, event: MouseEvent) => void;
  children?: ComponentChildren;
  /** Given, the plan is one image to assistive technology, named by this text; what it draws is not read out. */
  label?: string;
  /** The id of text read out after the label (e.g. a summary of what is marked). */
  describedBy?: string;
  class?: string;
  'data-test'?: string;
}

export function PlanCanvas(props: PlanCanvasProps) {
  const { floor, turn = 0 } = props;
  const layer = useRef<SVGGElement>(null);

  const onClick = (event: MouseEvent) => {
    const group = layer.current;
    const matrix = group?.getScreenCTM();
    if (!props.onPoint || !group || !matrix) return;
    // The inverse of the group's screen transform undoes the view box scaling and the turn in one step.
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    props.onPoint({ x: Math.round(point.x * 10) / 10, y: Math.round(point.y * 10) / 10 }, event);
  };

  return (
    <svg
      class={props.class}
      role={props.label ? 'img' : undefined}
      aria-label={props.label}
      aria-describedby={props.describedBy}
      viewBox={turnedViewBox(floor.width, floor.height, turn)}
      preserveAspectRatio="xMidYMid meet"
      data-test={props['data-test']}
      data-floor={floor.floorId}
      onClick={onClick}
      style={{ display: 'block', width: '100%', height: '100%', touchAction: 'manipulation' }}
    >
      <g ref={layer} transform={`rotate(${-turn})`}>
        <rect width={floor.width} height={floor.height} fill="#f8fafc" />
        {floor.image && <image href={`/maps/${floor.image.file}`} width={floor.width} height={floor.height} />}
        {props.children}
      </g>
    </svg>
  );
}

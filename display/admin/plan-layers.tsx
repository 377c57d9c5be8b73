// What the editor draws over the floor map, in map units: named areas, the walkway graph, points of interest with
// the same markers as the hallway screens, placed screens with the way their readers face, and the selection.
import { useRef } from 'preact/hooks';
import type { FloorPlan, GraphNode, Point, ScreenSpot } from '../../shared/floor-plan.ts';
import { POI_MARKERS } from '../../shared/poi-markers.ts';
import type { PlanItem } from './plan-edits.ts';
import { NODE_KIND_COLOURS, POI_TYPE_NAMES } from './plan-names.ts';
import { useMarkerDrag, type MarkerDrag } from './use-marker-drag.ts';

export interface PlacedScreen {
  spot: ScreenSpot;
  name: string;
}

export interface PlanLayersProps {
  floor: FloorPlan;
  screens: PlacedScreen[];
  selection: PlanItem | null;
  connectFrom: string | null;
  areaCorners: Point[];
  /** Edges get a wide invisible stroke to hit when the tool can remove them. */
  edgesClickable: boolean;
  /** Every area's name, not just the selected one's (they crowd the map otherwise). */
  areaNames: boolean;
  /** Points, walkway points and screens can be dragged to a new place. */
  draggable: boolean;
  onDrop: (item: PlanItem, to: Point) => void;
  onPickItem: (item: PlanItem, event: MouseEvent) => void;
  onPickEdge: (from: string, to: string, event: MouseEvent) => void;
}

const SELECTED = '#2563eb';
const centre = (polygon: Point[]) => ({
  x: polygon.reduce((sum, p) => sum + p.x, 0) / polygon.length,
  y: polygon.reduce((sum, p) => sum + p.y, 0) / polygon.length,
});
const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const isSelected = (selection: PlanItem | null, kind: PlanItem['kind'], id: string) => selection?.kind === kind && selection.id === id;

export function PlanLayers(props: PlanLayersProps) {
  const { floor, selection } = props;
  // Markers scale with the plan so a small annex and a large campus look alike in the editor.
  const unit = Math.max(floor.width, floor.height) / 60;
  const nodes = new Map(floor.nodes.map((n) => [n.id, n]));
  const layer = useRef<SVGGElement>(null);
  const drag = useMarkerDrag(layer, props.draggable, props.onDrop);
  return (
    <g ref={layer} class="plan-layers" style={{ fontFamily: 'system-ui, sans-serif' }}>
      {floor.areas.map((area) => {
        const at = centre(area.polygon);
        const selected = isSelected(selection, 'area', area.id);
        return (
          <g key={area.id} class="pick" data-test={`area-${area.id}`} onClick={(e) => props.onPickItem({ kind: 'area', id: area.id }, e)}>
            <title>{area.name}</title>
            <polygon
              points={area.polygon.map((p) => `${p.x},${p.y}`).join(' ')}
              fill={selected ? 'rgb(37 99 235 / 0.22)' : 'rgb(37 99 235 / 0.08)'}
              stroke={selected ? SELECTED : 'rgb(37 99 235 / 0.45)'}
              stroke-width={unit * (selected ? 0.25 : 0.1)}
              stroke-dasharray={selected ? undefined : `${unit * 0.4} ${unit * 0.25}`}
            />
            {(selected || props.areaNames) && (
              <text x={at.x} y={at.y} text-anchor="middle" dominant-baseline="middle" font-size={unit * 0.6} fill="#1e3a8a" class="plan-label" stroke-width={unit * 0.2}>
                {shorten(area.name, 30)}
              </text>
            )}
          </g>
        );
      })}
      {floor.edges.map((edge) => {
        const a = nodes.get(edge.from);
        const b = nodes.get(edge.to);
        if (!a || !b) return null;
        const pick = (e: MouseEvent) => props.onPickEdge(edge.from, edge.to, e);
        return (
          <g key={`${edge.from}|${edge.to}`} data-test={`edge-${edge.from}-${edge.to}`}>
            <line
              x1={a.position.x}
              y1={a.position.y}
              x2={b.position.x}
              y2={b.position.y}
              stroke="#334155"
              stroke-opacity={0.7}
              stroke-width={unit * 0.16}
              stroke-dasharray={edge.kind === 'door' ? `${unit * 0.3} ${unit * 0.2}` : undefined}
            />
            {props.edgesClickable && (
              <line class="edge-hit" x1={a.position.x} y1={a.position.y} x2={b.position.x} y2={b.position.y} stroke="transparent" stroke-width={unit * 0.8} onClick={pick}>
                <title>Click to remove this connection</title>
              </line>
            )}
          </g>
        );
      })}
      {floor.pois.map((poi) => {
        const marker = POI_MARKERS[poi.type];
        const size = unit * 1.3;
        const half = size / 2;
        const selected = isSelected(selection, 'poi', poi.id);
        return (
          <g
            key={poi.id}
            class="pick"
            transform={`translate(${poi.position.x} ${poi.position.y})`}
            data-test={`poi-${poi.id}`}
            data-type={poi.type}
            onClick={(e) => props.onPickItem({ kind: 'poi', id: poi.id }, e)}
            {...drag.handlers({ kind: 'poi', id: poi.id }, poi.position)}
          >
            <title>{`${poi.label} (${POI_TYPE_NAMES[poi.type]})`}</title>
            {selected && <rect x={-half - unit * 0.35} y={-half - unit * 0.35} width={size + unit * 0.7} height={size + unit * 0.7} rx={unit * 0.4} fill="none" stroke={SELECTED} stroke-width={unit * 0.22} />}
            <rect x={-half} y={-half} width={size} height={size} rx={size * 0.18} fill={marker.colour} stroke="#fff" stroke-width={unit * 0.1} />
            <svg x={-half * 0.8} y={-half * 0.8} width={size * 0.8} height={size * 0.8} viewBox="0 0 24 24">
              <path d={marker.glyph} fill="#fff" />
            </svg>
            {selected && <Label at={{ x: 0, y: -half - unit * 0.7 }} unit={unit} text={poi.label} />}
          </g>
        );
      })}
      {floor.nodes.map((node) => (
        <NodeDot key={node.id} node={node} unit={unit} selected={isSelected(selection, 'node', node.id)} from={props.connectFrom === node.id} onPick={props.onPickItem} drag={drag} />
      ))}
      {props.screens.map(({ spot, name }) => {
        const r = unit * 0.45;
        const selected = isSelected(selection, 'screen', spot.screenId);
        return (
          <g
            key={spot.screenId}
            class="pick"
            transform={`translate(${spot.position.x} ${spot.position.y})`}
            data-test={`screen-${spot.screenId}`}
            onClick={(e) => props.onPickItem({ kind: 'screen', id: spot.screenId }, e)}
            {...drag.handlers({ kind: 'screen', id: spot.screenId }, spot.position)}
          >
            <title>{`Screen: ${name}, readers face ${spot.facingDegrees}°`}</title>
            {/* The wedge points where the reader looks: at the screen, towards the wall it hangs on. */}
            <path d={`M0 0 L${-r * 1.4} ${-r * 4} A ${r * 4.2} ${r * 4.2} 0 0 1 ${r * 1.4} ${-r * 4} Z`} fill="rgb(220 38 38 / 0.3)" transform={`rotate(${spot.facingDegrees})`} />
            {selected && <circle r={r * 2} fill="none" stroke={SELECTED} stroke-width={unit * 0.22} />}
            <circle r={r} fill="#dc2626" stroke="#fff" stroke-width={unit * 0.12} />
            {selected && <Label at={{ x: 0, y: r * 3.2 }} unit={unit} text={name} />}
          </g>
        );
      })}
      {drag.preview && (
        <g class="drag-preview" pointer-events="none">
          <line x1={drag.preview.from.x} y1={drag.preview.from.y} x2={drag.preview.at.x} y2={drag.preview.at.y} stroke={SELECTED} stroke-width={unit * 0.12} stroke-dasharray={`${unit * 0.3} ${unit * 0.2}`} />
          <circle cx={drag.preview.at.x} cy={drag.preview.at.y} r={unit * 0.8} fill="rgb(37 99 235 / 0.2)" stroke={SELECTED} stroke-width={unit * 0.15} />
        </g>
      )}
      {props.areaCorners.length > 0 && (
        <g class="area-draft" pointer-events="none">
          <polyline points={props.areaCorners.map((p) => `${p.x},${p.y}`).join(' ')} fill="rgb(37 99 235 / 0.12)" stroke={SELECTED} stroke-width={unit * 0.15} stroke-dasharray={`${unit * 0.4} ${unit * 0.2}`} />
          {props.areaCorners.map((p, i) => (
            <circle key={i} cx={p.x} cy={p.y} r={unit * 0.25} fill={SELECTED} />
          ))}
        </g>
      )}
    </g>
  );
}

function NodeDot(props: { node: GraphNode; unit: number; selected: boolean; from: boolean; onPick: PlanLayersProps['onPickItem']; drag: MarkerDrag }) {
  const { node, unit } = props;
  const r = unit * (node.kind === 'junction' ? 0.28 : 0.38);
  return (
    <g
      class="pick"
      data-test={`node-${node.id}`}
      data-kind={node.kind}
      onClick={(e) => props.onPick({ kind: 'node', id: node.id }, e)}
      {...props.drag.handlers({ kind: 'node', id: node.id }, node.position)}
    >
      <title>{`${node.kind} ${node.id}${node.poiId ? ` → ${node.poiId}` : ''}`}</title>
      {/* A wider transparent circle: a 3-pixel dot is hard to hit with a mouse. */}
      <circle cx={node.position.x} cy={node.position.y} r={unit * 0.6} fill="transparent" />
      {(props.selected || props.from) && <circle cx={node.position.x} cy={node.position.y} r={r + unit * 0.3} fill="none" stroke={props.from ? '#f59e0b' : SELECTED} stroke-width={unit * 0.18} />}
      <circle cx={node.position.x} cy={node.position.y} r={r} fill={NODE_KIND_COLOURS[node.kind]} stroke="#fff" stroke-width={unit * 0.08} />
    </g>
  );
}

function Label(props: { at: Point; unit: number; text: string }) {
  return (
    <text x={props.at.x} y={props.at.y} text-anchor="middle" font-size={props.unit * 0.7} font-weight={800} fill="#1e3a8a" class="plan-label" stroke-width={props.unit * 0.25}>
      {shorten(props.text, 40)}
    </text>
  );
}

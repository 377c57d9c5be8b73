// A Preact hook for dragging a marker to a new place on the plan: pointer capture keeps the drag alive when the
// pointer outruns the marker, and a few pixels of slack keep an ordinary click a click.
import { useRef, useState } from 'preact/hooks';
import type { Point } from '../../shared/floor-plan.ts';
import type { PlanItem } from './plan-edits.ts';

const SLACK_PIXELS = 4;

export interface MarkerDrag {
  /** Where the dragged item would land, while dragging. */
  preview: { item: PlanItem; from: Point; at: Point } | null;
  /** Spread on a marker's <g>: onPointerDown, onPointerMove, onPointerUp, onPointerCancel. */
  handlers(item: PlanItem, from: Point): Record<string, (event: PointerEvent) => void>;
}

/** `layer` is an untransformed group inside the plan: its screen matrix maps pointer pixels to map units. */
export function useMarkerDrag(layer: { current: SVGGElement | null }, enabled: boolean, onDrop: (item: PlanItem, to: Point) => void): MarkerDrag {
  const start = useRef<{ x: number; y: number; pointerId: number } | null>(null);
  const [preview, setPreview] = useState<MarkerDrag['preview']>(null);

  const toMap = (event: PointerEvent): Point | null => {
    const matrix = layer.current?.getScreenCTM();
    if (!matrix) return null;
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    return { x: Math.round(point.x * 10) / 10, y: Math.round(point.y * 10) / 10 };
  };

  const handlers = (item: PlanItem, from: Point) => ({
    onPointerDown: (event: PointerEvent) => {
      if (!enabled || event.button !== 0) return;
      start.current = { x: event.clientX, y: event.clientY, pointerId: event.pointerId };
      (event.currentTarget as Element).setPointerCapture(event.pointerId);
    },
    onPointerMove: (event: PointerEvent) => {
      const began = start.current;
      if (!began || began.pointerId !== event.pointerId) return;
      if (!preview && Math.hypot(event.clientX - began.x, event.clientY - began.y) < SLACK_PIXELS) return;
      const at = toMap(event);
      if (at) setPreview({ item, from, at });
    },
    onPointerUp: (event: PointerEvent) => {
      const began = start.current;
      start.current = null;
      if (!began || began.pointerId !== event.pointerId || !preview) return;
      const at = toMap(event);
      setPreview(null);
      if (at) onDrop(item, at);
    },
    onPointerCancel: () => {
      start.current = null;
      setPreview(null);
    },
  });

  return { preview, handlers };
}

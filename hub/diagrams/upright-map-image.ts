// A floor's SVG map with its writing turned upright for a printed heads-up diagram (shared/upright-map-labels.ts
// on jsdom's parser, as the screens do on the browser's), and where that writing lies so the diagram's own labels
// keep clear of it. jsdom takes most of a second to load: only printing pays for it, never the hub's start.
import type { Bounds } from '../../shared/geometry.ts';
import type { QuarterTurn } from '../../shared/map-orientation.ts';
import { uprightMapLabels } from '../../shared/upright-map-labels.ts';

interface Xml {
  parse(text: string): Document;
  serialize(node: Node): string;
}

let xml: Promise<Xml> | null = null;

function loadXml(): Promise<Xml> {
  xml ??= import('jsdom').then(({ JSDOM }) => {
    const { window } = new JSDOM('');
    const parser = new window.DOMParser();
    const serializer = new window.XMLSerializer();
    return { parse: (text) => parser.parseFromString(text, 'image/svg+xml'), serialize: (node) => serializer.serializeToString(node) };
  });
  return xml;
}

/** The map turned-upright, or as it was (with no labels known) when it cannot be read as SVG. */
export async function uprightMapImage(svg: string, turn: QuarterTurn, width: number, height: number): Promise<{ svg: string; labels: Bounds[] }> {
  const { parse, serialize } = await loadXml();
  const doc = parse(svg);
  if (doc.documentElement.localName !== 'svg') return { svg, labels: [] };
  const labels = uprightMapLabels<Element>(doc.documentElement, turn, width, height).map((label) => label.box);
  return { svg: serialize(doc), labels };
}

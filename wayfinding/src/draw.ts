import type { RouteLeg, RoutePoint } from './route.js';
import type { SvgSanitizer } from './sanitize-svg.js';

export interface MapMarks {
  /** Where the guest is now (the kiosk), when it is on this floor. */
  youAreHere?: RoutePoint | null;
  /** The destination, when it is on this floor. */
  destination?: RoutePoint | null;
  labels: { youAreHere: string; destination: string };
}

export type RouteDrawer = (floorSvg: string, leg: RouteLeg | null, marks: MapMarks) => string;

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * `drawRoute(floorSvg, leg, marks)`: the floor's SVG, sanitised, with the leg drawn on top: the path
 * as a polyline (`data-route`), the start and the destination marked. The overlay goes last so it is
 * drawn over the map. The sanitiser is passed in (`@frontdesk/wayfinding/browser` or `/node` bind
 * one) so this package needs no DOM of its own.
 */
export function createRouteDrawer(sanitize: SvgSanitizer): RouteDrawer {
  return (floorSvg, leg, marks) => {
    const clean = sanitize(floorSvg);
    const parts: string[] = ['<g id="route-overlay">'];
    if (leg && leg.points.length > 1) {
      const pts = leg.points.map((p) => `${p.x},${p.y}`).join(' ');
      parts.push(
        `<polyline class="route-path" data-route="${escapeAttr(leg.points.map((p) => p.placeId).join(' '))}" points="${pts}" fill="none" stroke="#ffffff" stroke-width="14" stroke-linecap="round" stroke-linejoin="round"/>`,
        `<polyline class="route-path-line" points="${pts}" fill="none" stroke="#c92a2a" stroke-width="8" stroke-linecap="round" stroke-linejoin="round" stroke-dasharray="1 0"/>`,
      );
    }
    const mark = (p: RoutePoint, label: string, fill: string, cls: string) =>
      `<g class="${cls}"><circle cx="${p.x}" cy="${p.y}" r="14" fill="${fill}" stroke="#ffffff" stroke-width="4"/><text x="${p.x}" y="${p.y - 22}" text-anchor="middle" font-size="18" font-weight="bold" fill="#111111" stroke="#ffffff" stroke-width="4" paint-order="stroke">${escapeText(label)}</text><text x="${p.x}" y="${p.y - 22}" text-anchor="middle" font-size="18" font-weight="bold" fill="#111111">${escapeText(label)}</text></g>`;
    if (marks.youAreHere)
      parts.push(mark(marks.youAreHere, marks.labels.youAreHere, '#1864ab', 'you-are-here'));
    if (marks.destination)
      parts.push(mark(marks.destination, marks.labels.destination, '#c92a2a', 'destination'));
    parts.push('</g>');
    const at = clean.lastIndexOf('</svg>');
    return at < 0 ? clean : `${clean.slice(0, at)}${parts.join('')}${clean.slice(at)}`;
  };
}

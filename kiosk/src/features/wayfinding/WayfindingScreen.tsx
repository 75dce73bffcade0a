import type { KnowledgeBase, Lang, Place } from '@frontdesk/protocol';
import type { Route, RouteDrawer } from '@frontdesk/wayfinding';
import { useMemo } from 'preact/hooks';
import { useKioskState, useServices, useText } from '../../app/context.js';
import { QrCode } from '../phone/QrCode.js';
import { resolveKioskPlace, routeUrl, searchPlaces } from './places.js';
import { useWayfinding } from './wayfinding-lib.js';
import { TextInput } from '../../app/TextInput.js';

function FloorMap({
  draw,
  kb,
  route,
  legIndex,
  lang,
}: {
  draw: RouteDrawer;
  kb: KnowledgeBase;
  route: Route;
  legIndex: number;
  lang: Lang;
}) {
  const t = useText();
  const leg = route.legs[legIndex];
  const floor = kb.floors.find((f) => f.id === leg?.floor);
  // The KB's SVG is sanitised (allow-list of shapes and text) before it becomes markup.
  const svg = useMemo(
    () =>
      floor && leg
        ? draw(floor.svg, leg, {
            youAreHere: legIndex === 0 ? (leg.points[0] ?? null) : null,
            destination: legIndex === route.legs.length - 1 ? (leg.points.at(-1) ?? null) : null,
            labels: { youAreHere: t.wfYouAreHere, destination: t.wfDestination },
          })
        : '',
    [draw, floor, leg, legIndex, route, t],
  );
  if (!floor || !leg) return null;
  return (
    <div
      class="floor-map"
      role="img"
      aria-label={t.wfMapLabel(floor.name[lang])}
      data-floor={floor.id}
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}

/** Wayfinding: pick a place, see the way from this kiosk on the floor maps and in words. */
export function WayfindingScreen() {
  const state = useKioskState();
  const t = useText();
  const { store, kioskPlace } = useServices();
  const w = state.wayfinding;
  const kb = state.kb;
  const here = resolveKioskPlace(kb, kioskPlace, state.registeredPlace);
  // Loaded when the screen opens; the guest is still choosing a place by the time it is needed.
  const lib = useWayfinding();
  const route = useMemo(
    () => (lib && kb && here && w?.destination ? lib.planRoute(kb, here, w.destination) : null),
    [lib, kb, here, w?.destination],
  );
  if (!w) return null;
  const dispatch = store.dispatch;
  const destination = kb?.places.find((p) => p.id === w.destination) ?? null;
  const matches = kb ? searchPlaces(kb, w.query, state.lang, here) : [];
  const legIndex = route ? Math.min(w.leg, route.legs.length - 1) : 0;
  const leg = route?.legs[legIndex];

  return (
    <section class="wayfinding" aria-labelledby="wf-title">
      <h1 id="wf-title">{destination ? t.wfRouteTo(destination.name[state.lang]) : t.wfTitle}</h1>
      {!here && (
        <p class="notice" role="status">
          {t.wfNoHere}
        </p>
      )}
      {!destination && <PlaceSearch query={w.query} matches={matches} />}
      {destination && !route && here && lib && (
        <p class="notice" role="status">
          {t.wfNoRoute}
        </p>
      )}
      {lib && kb && route && leg && (
        <RouteView draw={lib.drawRoute} kb={kb} route={route} legIndex={legIndex} leg={leg} here={here} />
      )}
      <div class="actions">
        {destination && (
          <button
            type="button"
            class="secondary"
            onClick={() => dispatch({ type: 'wayfinding.destination', placeId: null })}
          >
            {t.wfOtherPlace}
          </button>
        )}
        <button type="button" class="secondary" onClick={() => dispatch({ type: 'wayfinding.close' })}>
          {t.back}
        </button>
      </div>
    </section>
  );
}

/** The search box and the places that match it. */
function PlaceSearch({ query, matches }: { query: string; matches: readonly Place[] }) {
  const { lang } = useKioskState();
  const t = useText();
  const dispatch = useServices().store.dispatch;
  return (
    <div class="wf-search">
      <label for="wf-query" class="ask-label">
        {t.wfSearchLabel}
      </label>
      <TextInput
        id="wf-query"
        type="search"
        placeholder={t.wfSearchPlaceholder}
        value={query}
        onValue={(next) => dispatch({ type: 'wayfinding.query', query: next })}
      />
      {matches.length === 0 ? (
        <p role="status">{t.wfNoMatch}</p>
      ) : (
        <ul class="wf-places" aria-label={t.wfPlaces}>
          {matches.slice(0, 40).map((p) => (
            <li key={p.id}>
              <button
                type="button"
                class="choice"
                data-place={p.id}
                onClick={() => dispatch({ type: 'wayfinding.destination', placeId: p.id })}
              >
                {p.name[lang]} <span class="wf-floor">{p.floor}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The route: the current floor's map, floor paging, the steps in words and a QR code for the phone. */
function RouteView({
  draw,
  kb,
  route,
  legIndex,
  leg,
  here,
}: {
  draw: RouteDrawer;
  kb: KnowledgeBase;
  route: Route;
  legIndex: number;
  leg: Route['legs'][number];
  here: string | null;
}) {
  const { lang } = useKioskState();
  const t = useText();
  const { store, origin, settings } = useServices();
  const dispatch = store.dispatch;
  const floorName = (id: string) => kb.floors.find((f) => f.id === id)?.name[lang] ?? id;
  return (
    <div class="wf-route" data-route-floors={route.legs.map((l) => l.floor).join(' ')}>
      <p class="wf-total">{t.wfTotal(Math.round(route.costM))}</p>
      <h2 class="wf-floor-title">{t.wfFloor(floorName(leg.floor), legIndex + 1, route.legs.length)}</h2>
      <FloorMap draw={draw} kb={kb} route={route} legIndex={legIndex} lang={lang} />
      {route.legs.length > 1 && (
        <div class="actions">
          <button
            type="button"
            class="secondary"
            disabled={legIndex === 0}
            onClick={() => dispatch({ type: 'wayfinding.leg', leg: legIndex - 1 })}
          >
            {t.wfPrevFloor}
          </button>
          <button
            type="button"
            class="primary"
            disabled={legIndex >= route.legs.length - 1}
            onClick={() => dispatch({ type: 'wayfinding.leg', leg: legIndex + 1 })}
          >
            {t.wfNextFloor}
          </button>
        </div>
      )}
      <h2>{t.wfSteps}</h2>
      <ol class="wf-steps">
        {route.steps.map((s, i) => (
          <li key={i} class={s.leg === legIndex ? 'current' : undefined} data-kind={s.kind}>
            {s.text[lang]}
          </li>
        ))}
      </ol>
      {here && settings.configured && (
        <figure class="qr-figure">
          <QrCode value={routeUrl(origin, kb.site, here, route.to)} label={t.wfQrLabel} />
          <figcaption>{t.wfPhone}</figcaption>
        </figure>
      )}
    </div>
  );
}

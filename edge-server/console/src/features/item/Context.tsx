import { type IntentId, type KnowledgeBase, type Lang, type StaffEscalationView } from '@frontdesk/protocol';
import { drawRoute } from '@frontdesk/wayfinding/browser';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useServices, useText } from '../../app/context.js';

/** The place on its floor map, drawn with the kiosk's wayfinding code (sanitised SVG). */
export function PlaceMap({
  kb,
  placeId,
  lang,
}: {
  kb: KnowledgeBase | null;
  placeId: string | null;
  lang: Lang;
}) {
  const t = useText();
  const place = kb?.places.find((p) => p.id === placeId) ?? null;
  const floor = place ? kb?.floors.find((f) => f.id === place.floor) : undefined;
  const svg = useMemo(
    () =>
      place && floor
        ? drawRoute(floor.svg, null, {
            destination: { placeId: place.id, x: place.x, y: place.y },
            labels: { youAreHere: '', destination: t.mapHere },
          })
        : '',
    [place, floor, t],
  );
  if (!placeId) return null;
  return (
    <section class="place-box">
      <h2>{t.place}</h2>
      <p>{place ? `${place.name[lang]}${floor ? ` · ${floor.name[lang]}` : ''}` : placeId}</p>
      {floor && (
        <div
          class="floor-map"
          role="img"
          aria-label={t.mapLabel(floor.name[lang])}
          data-floor={floor.id}
          dangerouslySetInnerHTML={{ __html: svg }}
        />
      )}
    </section>
  );
}

/** A guest's photo, fetched with the staff session as a blob (photos are never public URLs). */
export function Photo({ photoId, n }: { photoId: string; n: number }) {
  const { controller } = useServices();
  const t = useText();
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let objectUrl: string | null = null;
    let live = true;
    controller
      .photo(photoId)
      .then((blob) => {
        objectUrl = URL.createObjectURL(blob);
        if (live) setUrl(objectUrl);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [photoId, controller]);
  if (failed) return <p class="notice">{t.photoFailed}</p>;
  return url ? <img src={url} alt={t.photoAlt(n)} class="photo" /> : null;
}

export function Photos({ ids }: { ids: string[] }) {
  const t = useText();
  if (ids.length === 0) return null;
  return (
    <section>
      <h2>{t.photos}</h2>
      <div class="photos">
        {ids.map((id, i) => (
          <Photo key={id} photoId={id} n={i + 1} />
        ))}
      </div>
    </section>
  );
}

/** Intents the kiosk recognised, with the classifier's confidence where a guest turn carries one. */
export function Intents({ escalation }: { escalation: StaffEscalationView }) {
  const t = useText();
  const best = new Map<IntentId, number | null>();
  for (const turn of escalation.transcript)
    if (turn.intent)
      best.set(turn.intent, Math.max(best.get(turn.intent) ?? 0, turn.confidence ?? 0) || null);
  for (const intent of [escalation.intent, ...escalation.intents])
    if (intent && !best.has(intent)) best.set(intent, null);
  if (best.size === 0) return null;
  return (
    <section>
      <h2>{t.intents}</h2>
      <ul class="intents">
        {[...best].map(([intent, confidence]) => (
          <li key={intent}>
            <span data-intent={intent}>{t.intentLabel[intent]}</span>
            {confidence !== null && <span> {t.confidence(Math.round(confidence * 100))}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Transcript({ escalation }: { escalation: StaffEscalationView }) {
  const t = useText();
  if (escalation.transcript.length === 0) return null;
  const role = { guest: t.roleGuest, assistant: t.roleAssistant, staff: t.roleStaff };
  return (
    <section>
      <h2>{t.transcript}</h2>
      <ol class="transcript">
        {escalation.transcript.map((turn, i) => (
          <li key={i} class={`turn turn-${turn.role}`}>
            <span class="who">{role[turn.role]}</span>
            <span>{turn.text}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

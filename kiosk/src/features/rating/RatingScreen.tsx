import { useKioskState, useServices, useText } from '../../app/context.js';

const SCORES = [1, 2, 3, 4, 5] as const;

/** One tap of satisfaction at the end; sent as `rating.submit`. */
export function RatingScreen() {
  const state = useKioskState();
  const t = useText();
  const { controller } = useServices();
  return (
    <section class="rating" aria-labelledby="rating-title">
      <h1 id="rating-title">{t.rateTitle}</h1>
      {state.rated ? (
        <p class="rating-thanks" role="status">
          {t.rateThanks}
        </p>
      ) : (
        <div class="rating-scores" role="group" aria-labelledby="rating-title">
          {SCORES.map((n) => (
            <button
              type="button"
              class="score"
              key={n}
              aria-label={t.rateScore(n)}
              onClick={() => void controller.rate(n)}
            >
              <span aria-hidden="true">{t.rateStars(n)}</span>
            </button>
          ))}
        </div>
      )}
      <div class="actions">
        <button type="button" class="secondary" onClick={() => controller.idle()}>
          {state.rated ? t.endSession : t.skip}
        </button>
      </div>
    </section>
  );
}

import { useText } from '../../app/context.js';
import type { JourneyFailure } from './journey.js';

/** Why a journey stopped, in plain words, and the way on: a person (always), or trying again. */
export function JourneyFailed({
  failure,
  onDesk,
  onRetry,
}: {
  failure: JourneyFailure;
  onDesk(): void;
  onRetry?: () => void;
}) {
  const t = useText();
  const reason =
    failure.kind === 'offline'
      ? t.offlineDesk
      : failure.kind === 'no_answer'
        ? t.noAnswerDesk
        : t.journeyProblems[failure.code];
  return (
    <div class="journey-failed" role="alert">
      <p>{reason}</p>
      {failure.kind === 'problem' && <p>{t.needsDesk}</p>}
      <div class="actions">
        <button type="button" class="primary" onClick={onDesk}>
          {t.callDesk}
        </button>
        {onRetry && (
          <button type="button" class="secondary" onClick={onRetry}>
            {t.tryAgain}
          </button>
        )}
      </div>
    </div>
  );
}

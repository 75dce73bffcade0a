import type { Lang } from '@frontdesk/protocol';
import { useAdminText } from './admin-text.js';

/**
 * The answer as the kiosk shows it: a faithful copy of the kiosk's answer bubble (`Transcript` in
 * `kiosk/src/features/ask/AskScreen.tsx`: `li.bubble.bubble-assistant` with `.bubble-who` and
 * `.bubble-text`, an empty answer shown as "not understood"), styled by a copy of the kiosk's bubble
 * rules in `admin.css`, in a frame of the kiosk's portrait proportions (1080 × 1920).
 */
export function KioskPreview({ text, lang }: { text: string; lang: Lang }) {
  const t = useAdminText();
  return (
    <section class="kiosk-frame" aria-label={t.preview} lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <ol class="transcript" aria-label={t.preview}>
        <li class="bubble bubble-assistant" data-role="assistant">
          <span class="bubble-who">{t.kioskAssistant[lang]}</span>
          <span class="bubble-text">{text === '' ? t.kioskNotUnderstood[lang] : text}</span>
        </li>
      </ol>
    </section>
  );
}

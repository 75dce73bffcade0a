import { useState } from 'preact/hooks';
import { useKioskState, useServices, useText } from '../../app/context.js';
import { QrCode } from './QrCode.js';

/**
 * "Continue on my phone": on a tap, a handover code is made and offered through the outbox, and the
 * QR code of its URL is shown. Nothing is offered until the guest asks for it.
 */
export function ContinueOnPhone({ escalationId, ticketId }: { escalationId?: string; ticketId?: string }) {
  const t = useText();
  const state = useKioskState();
  const { handover } = useServices();
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const conversationId = state.conversationId;
  if (!conversationId) return null;

  const offer = async () => {
    setBusy(true);
    try {
      setUrl(await handover.offer({ conversationId, escalationId, ticketId }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="continue-phone">
      {url ? (
        <figure class="qr-figure">
          <QrCode value={url} label={t.phoneQrLabel} />
          <figcaption>{t.phoneScan}</figcaption>
        </figure>
      ) : (
        <button type="button" class="secondary" disabled={busy} onClick={() => void offer()}>
          {busy ? t.phonePreparing : t.phoneContinue}
        </button>
      )}
    </div>
  );
}

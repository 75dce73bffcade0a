import { Text, View } from '@tarojs/components';
import type { ConversationState } from '../core/conversation.js';
import { DICTS } from '../core/i18n.js';

/** Where the request for a person stands, and the fault report a kiosk handed over. */
export function EscalationCard({ conversation }: { conversation: ConversationState }) {
  const t = DICTS[conversation.lang];
  const e = conversation.escalation;
  const ticket = conversation.ticket;
  return (
    <View>
      {e && (
        <View className={`card escalation escalation-${e.status}`}>
          <Text className="status">{t.escalation[e.status]}</Text>
          {e.status === 'pending' && e.position !== null && <Text>{t.position(e.position)}</Text>}
          {e.assignee && e.status === 'claimed' && <Text className="assignee">{t.assignee(e.assignee)}</Text>}
          {e.waiting && e.status === 'pending' && <Text>{t.waiting}</Text>}
        </View>
      )}
      {ticket && (
        <View className={`card ticket ticket-${ticket.status}`}>
          <Text className="status">
            {t.continueTicket}: {t.ticket[ticket.status]}
          </Text>
          <Text>{ticket.description}</Text>
        </View>
      )}
    </View>
  );
}

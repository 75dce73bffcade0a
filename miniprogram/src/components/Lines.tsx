import { Text, View } from '@tarojs/components';
import type { ConversationState } from '../core/conversation.js';
import { DICTS } from '../core/i18n.js';

/** The conversation: the guest's questions, the answers, and the chat with staff. */
export function Lines({ conversation, empty }: { conversation: ConversationState; empty?: string }) {
  const t = DICTS[conversation.lang];
  if (conversation.lines.length === 0 && empty)
    return (
      <View className="lines">
        <Text className="empty">{empty}</Text>
      </View>
    );
  return (
    <View className="lines">
      {conversation.lines.map((line) => {
        const who =
          line.role === 'guest' ? t.you : line.role === 'staff' ? (line.name ?? t.staff) : t.assistant;
        const said = line.say ? t.say[line.say] : '';
        return (
          <View key={line.id} className={`line line-${line.role}`}>
            <Text className="who">{who}</Text>
            <Text className="text">{[said, line.text].filter(Boolean).join(' ')}</Text>
          </View>
        );
      })}
    </View>
  );
}

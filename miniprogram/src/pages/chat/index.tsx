import { View } from '@tarojs/components';
import { ChatPanel } from '../../components/ChatPanel.js';
import { Header } from '../../components/Header.js';
import { Notices } from '../../components/Notices.js';
import { DICTS } from '../../core/i18n.js';
import { usePhoneApp } from '../../shell/use-phone-app.js';

/** The chat with the member of staff who claimed the request, live over MQTT. */
export default function ChatPage() {
  const [view, app] = usePhoneApp();
  const t = DICTS[view.conversation.lang];
  return (
    <View className="page chat-page">
      <Header title={t.chatTitle} view={view} app={app} />
      <Notices view={view} app={app} />
      <ChatPanel view={view} app={app} />
    </View>
  );
}

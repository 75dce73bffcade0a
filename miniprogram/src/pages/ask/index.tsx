import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'preact/hooks';
import { Header } from '../../components/Header.js';
import { Lines } from '../../components/Lines.js';
import { Notices } from '../../components/Notices.js';
import { escalationOpen } from '../../core/conversation.js';
import { DICTS } from '../../core/i18n.js';
import { siteFrom } from '../../shell/platform.js';
import { usePhoneApp } from '../../shell/use-phone-app.js';

/** Ask by text: answers from the site's knowledge base, clarification chips, "talk to a person". */
export default function AskPage() {
  const router = useRouter();
  const [view, app] = usePhoneApp();
  const [text, setText] = useState('');
  const c = view.conversation;
  const t = DICTS[c.lang];
  useEffect(() => void app.start(siteFrom(router.params)), [app, router.params]);
  const ask = () => {
    void app.ask(text);
    setText('');
  };
  const toChat = () => void Taro.navigateTo({ url: '/pages/chat/index' });
  const ready = view.session === 'ready';
  return (
    <View className="page ask">
      <Header title={t.askTitle} view={view} app={app} />
      <Notices view={view} app={app} />
      <Lines conversation={c} />
      {c.asking && <Text className="asking">{t.asking}</Text>}
      {c.choices.length > 0 && (
        <View className="choices">
          {c.choices.map((intent) => (
            <Button key={intent} className="chip" size="mini" onClick={() => void app.pick(intent)}>
              {t.intents[intent]}
            </Button>
          ))}
        </View>
      )}
      <View className="composer">
        <Input
          className="ask-input"
          value={text}
          placeholder={t.askPlaceholder}
          maxlength={500}
          confirmType="send"
          disabled={!ready}
          onInput={(ev) => setText(ev.detail.value)}
          onConfirm={ask}
        />
        <Button className="send ask-send" type="primary" disabled={!ready || c.asking} onClick={ask}>
          {t.send}
        </Button>
      </View>
      {escalationOpen(c.escalation) ? (
        <Button className="person open-chat" onClick={toChat}>
          {t.openChat}
        </Button>
      ) : (
        <Button
          className="person talk-to-person"
          disabled={!ready}
          onClick={() => {
            app.requestPerson();
            toChat();
          }}
        >
          {t.talkToPerson}
        </Button>
      )}
    </View>
  );
}

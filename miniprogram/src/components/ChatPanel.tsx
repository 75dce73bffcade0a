import { Button, Input, View } from '@tarojs/components';
import { useState } from 'preact/hooks';
import { DICTS } from '../core/i18n.js';
import type { AppView, PhoneApp } from '../shell/phone-app.js';
import { EscalationCard } from './EscalationCard.js';
import { Lines } from './Lines.js';

/** The live chat with the member of staff who claimed the request (MQTT, through the outbox). */
export function ChatPanel({ view, app }: { view: AppView; app: PhoneApp }) {
  const [text, setText] = useState('');
  const c = view.conversation;
  const t = DICTS[c.lang];
  const e = c.escalation;
  const open = e !== null && e.status !== 'queued' && e.status !== 'resolved' && e.status !== 'cancelled';
  const send = () => {
    app.sendChat(text);
    setText('');
  };
  return (
    <View className="chat">
      <EscalationCard conversation={c} />
      <Lines conversation={c} empty={e ? t.chatEmpty : t.chatNone} />
      {open && (
        <View className="composer">
          <Input
            className="chat-input"
            value={text}
            placeholder={t.chatPlaceholder}
            maxlength={1000}
            confirmType="send"
            onInput={(ev) => setText(ev.detail.value)}
            onConfirm={send}
          />
          <Button className="send chat-send" type="primary" onClick={send}>
            {t.send}
          </Button>
        </View>
      )}
    </View>
  );
}

import { Button, Text, View } from '@tarojs/components';
import { DICTS } from '../core/i18n.js';
import type { AppView, PhoneApp } from '../shell/phone-app.js';

/** Why something failed (in the guest's language, with its stable code), and the link state. */
export function Notices({ view, app }: { view: AppView; app: PhoneApp }) {
  const lang = view.conversation.lang;
  const t = DICTS[lang];
  const refused = view.sessionError;
  const notice = view.conversation.notice;
  return (
    <View>
      {refused && (
        <View className="notice error session-error" id={`error-${refused.code}`}>
          <Text>{refused.text[lang]}</Text>
        </View>
      )}
      {notice && (
        <View className="notice error" id={`notice-${notice.code}`}>
          <Text>{notice.text[lang]}</Text>
          <Button size="mini" onClick={() => app.dismiss()}>
            {t.dismiss}
          </Button>
        </View>
      )}
      {view.session === 'ready' && !view.online && (
        <View className="notice offline">
          <Text>{t.offline}</Text>
        </View>
      )}
      {view.pending > 0 && (
        <View className="notice pending">
          <Text>{t.pendingSend(view.pending)}</Text>
        </View>
      )}
    </View>
  );
}

import { Button, Text, View } from '@tarojs/components';
import { DICTS } from '../core/i18n.js';
import type { AppView, PhoneApp } from '../shell/phone-app.js';

/** The page title and the language switch (zh-CN ⇄ en), kept across pages and visits. */
export function Header({ title, view, app }: { title: string; view: AppView; app: PhoneApp }) {
  const lang = view.conversation.lang;
  return (
    <View className="header">
      <Text className="title">{title}</Text>
      <Button className="lang" size="mini" onClick={() => app.setLang(lang === 'zh' ? 'en' : 'zh')}>
        {DICTS[lang].switchLang}
      </Button>
    </View>
  );
}

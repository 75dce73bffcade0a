import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect } from 'preact/hooks';
import { ChatPanel } from '../../components/ChatPanel.js';
import { Header } from '../../components/Header.js';
import { Notices } from '../../components/Notices.js';
import { handoverCodeFrom } from '../../core/endpoints.js';
import { DICTS } from '../../core/i18n.js';
import { siteFrom } from '../../shell/platform.js';
import { usePhoneApp } from '../../shell/use-phone-app.js';

/**
 * Opened from a kiosk's continue-on-phone QR (`scene` in WeChat, `?h=` in a browser): resumes that
 * conversation with its history, its ticket and the live chat with staff.
 */
export default function ContinuePage() {
  const router = useRouter();
  const [view, app] = usePhoneApp();
  const code = handoverCodeFrom(router.params);
  const t = DICTS[view.conversation.lang];
  useEffect(() => {
    if (code) void app.start(siteFrom(router.params), code);
  }, [app, code, router.params]);
  return (
    <View className="page continue">
      <Header title={t.continueTitle} view={view} app={app} />
      {!code && (
        <View className="notice error" id="error-NO_CODE">
          <Text>{t.continueNoCode}</Text>
        </View>
      )}
      <Notices view={view} app={app} />
      {code && view.session === 'opening' && <Text className="loading">{t.continueLoading}</Text>}
      {view.conversation.resumed && <ChatPanel view={view} app={app} />}
      <Button className="back-to-ask" onClick={() => void Taro.redirectTo({ url: '/pages/ask/index' })}>
        {t.backToAsk}
      </Button>
    </View>
  );
}

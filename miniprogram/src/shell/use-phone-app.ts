import { useEffect, useState } from 'preact/hooks';
import { phoneApp, type AppView, type PhoneApp } from './phone-app.js';

/** The app's view for a page, re-rendered on every change. */
export function usePhoneApp(): [AppView, PhoneApp] {
  const app = phoneApp();
  const [view, setView] = useState(app.current);
  useEffect(() => app.subscribe(setView), [app]);
  return [view, app];
}

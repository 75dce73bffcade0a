import type { PropsWithChildren } from 'react';
import './app.css';

/** The app shell: pages are rendered as its children by Taro. */
export default function App({ children }: PropsWithChildren): PropsWithChildren['children'] {
  return children;
}

/**
 * The platform under the pages: WeChat (weapp) or a phone browser (h5), through Taro's APIs. The
 * only place that knows which one it is running on.
 */
import Taro from '@tarojs/taro';
import type { Http } from '../core/http.js';
import { newId } from '../core/ids.js';
import type { KeyValueStorage } from '../core/outbox.js';

declare const FRONTDESK_SITE: string;
declare const FRONTDESK_EDGE_URL: string;

export const PLATFORM: 'weapp' | 'h5' = process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp';

/** The page's origin in a browser (the edge server that served the H5 build); null in WeChat. */
export function pageOrigin(): string | null {
  return PLATFORM === 'h5' ? window.location.origin : null;
}

/** The edge server: the H5 build's own origin, or the HTTPS origin configured for the mini-program. */
export function edgeBaseUrl(): string {
  return pageOrigin() ?? FRONTDESK_EDGE_URL;
}

/** The site this app serves: the build's, or the one a continue link names (H5). */
export function siteFrom(params: Record<string, string | undefined>): string {
  const site = params.site;
  return site && /^[A-Za-z0-9_-]{1,64}$/.test(site) ? site : FRONTDESK_SITE;
}

export const taroStorage: KeyValueStorage = {
  get(key) {
    const value: unknown = Taro.getStorageSync(key);
    return typeof value === 'string' && value !== '' ? value : null;
  },
  set(key, value) {
    Taro.setStorageSync(key, value);
  },
};

export const taroHttp: Http = {
  async request(method, url, body, headers) {
    const res = await Taro.request({
      url,
      method,
      header: headers,
      dataType: 'json',
      ...(body === undefined ? {} : { data: body as Record<string, unknown> }),
    });
    return { status: res.statusCode, body: res.data };
  },
};

export function randomBytes(bytes: Uint8Array): Uint8Array {
  if (typeof crypto !== 'undefined' && typeof crypto.getRandomValues === 'function')
    return crypto.getRandomValues(bytes);
  // WeChat's JS engine has no Web Crypto; ids need to be unique, not secret.
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return bytes;
}

export const makeId = (): string => newId(randomBytes);

/**
 * A one-time login code: `wx.login` in WeChat. A browser has no WeChat identity, so it presents a
 * simulated code, which only a demo server (or `WECHAT_LOGIN=simulated`) accepts.
 */
export async function loginCode(): Promise<string> {
  if (PLATFORM === 'weapp') return (await Taro.login()).code;
  return `sim-h5-${makeId()}`;
}

/** The phone's one way to reach the edge server over HTTP: `Taro.request` in the app, a fake in tests. */
export interface HttpReply {
  status: number;
  body: unknown;
}

export interface Http {
  request(
    method: 'GET' | 'POST',
    url: string,
    body: unknown,
    headers: Record<string, string>,
  ): Promise<HttpReply>;
}

// The protocol is built without DOM or Node typings so that neither can creep in. These two are in
// every runtime it targets (browsers, Node, WeChat base library ≥ 2.11).
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}

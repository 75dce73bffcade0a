// espeak-ng 1.0.2 ships no types: its default export is the Emscripten module factory, typed by the
// portable driver in @frontdesk/models (EspeakFactory).
declare module 'espeak-ng' {
  const factory: (args: object) => Promise<unknown>;
  export default factory;
}

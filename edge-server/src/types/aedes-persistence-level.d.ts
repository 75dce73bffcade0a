// The package ships no typings. It takes an abstract-level database and returns an aedes persistence;
// only what this code calls directly is typed.
declare module 'aedes-persistence-level' {
  interface AedesLevelPersistence {
    /** Deletes the will stored under this client id; resolves with it, if there was one. */
    delWill(client: { id: string }): Promise<unknown>;
  }
  function aedesPersistenceLevel(db: object): AedesLevelPersistence;
  export default aedesPersistenceLevel;
}

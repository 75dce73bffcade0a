// The package ships no typings. It takes an abstract-level database and returns an aedes persistence.
declare module 'aedes-persistence-level' {
  function aedesPersistenceLevel(db: object): unknown;
  export default aedesPersistenceLevel;
}

// The few better-sqlite3 calls scripts/bench/explain.ts makes (the package ships no types and
// @types/better-sqlite3 is not installed; better-sqlite3 itself is an optional dependency).
declare module 'better-sqlite3' {
  interface Statement {
    all(...params: unknown[]): unknown[];
    get(...params: unknown[]): unknown;
  }
  interface Database {
    prepare(sql: string): Statement;
    close(): void;
  }
  const Database: new (
    filename: string,
    options?: { readonly?: boolean; fileMustExist?: boolean },
  ) => Database;
  export default Database;
}

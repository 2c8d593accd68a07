/**
 * A D1 binding that counts round trips: every batch, and every first/all/run/raw of a prepared
 * statement (exec too), through sessions as well. D1 checks its own objects, so the proxies hand
 * the originals back to it.
 */
/** Any method of a D1 object: the proxies pass its arguments and answer through untouched. */
type Method = (...args: any[]) => any;

export function countingD1(db: D1Database) {
  const counter = { roundTrips: 0, queries: [] as string[] };
  const originals = new WeakMap<object, object>();
  const original = <T extends object>(x: T): T => (originals.get(x) as T | undefined) ?? x;

  const wrap = <T extends object>(target: T, methods: Record<string, (fn: Method) => Method>): T => {
    const proxy = new Proxy(target, {
      get(t, prop) {
        const value = Reflect.get(t, prop, t);
        if (typeof value !== "function") return value;
        const around = methods[prop as string];
        return around ? around(value.bind(t)) : value.bind(t);
      },
    });
    originals.set(proxy, target);
    return proxy;
  };
  const counted =
    (what: string) =>
    (fn: Method) =>
    (...args: unknown[]) => {
      counter.roundTrips++;
      counter.queries.push(what);
      return fn(...args);
    };
  const statement = (s: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const query = counted(sql.replace(/\s+/g, " ").trim());
    return wrap(s, {
      first: query,
      all: query,
      run: query,
      raw: query,
      bind:
        (fn) =>
        (...args: unknown[]) =>
          statement(fn(...args), sql),
    });
  };
  const database = <T extends D1Database | D1DatabaseSession>(d: T): T =>
    wrap(d, {
      prepare: (fn) => (sql: string) => statement(fn(sql), sql),
      batch: (fn) => (statements: D1PreparedStatement[]) =>
        counted(`batch of ${statements.length}`)(fn)(statements.map(original)),
      exec: counted("exec"),
      withSession:
        (fn) =>
        (...args: unknown[]) =>
          database(fn(...args)),
    });

  return { db: database(db), counter };
}

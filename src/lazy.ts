/**
 * A value built on first use. Schema validators are compiled this way: oclif imports every command to
 * list them, and compiling each schema at import cost about 300 ms of every start, `--version` included.
 */
export function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}

/**
 * What a Lambda function builds once per container: its AWS SDK clients and the objects that hold
 * them, made on the container's first invocation (where `Resource` and the environment are read)
 * and kept at module scope while it stays warm. Production never rebuilds them.
 *
 * The local stack runs the handlers in its own process, and tests start many stacks in one
 * process, one after another, each with links and endpoints of its own: the stack calls
 * `startNewContainers()` before its functions' first invocation, as if each stack ran them in new
 * containers. (A handler bundle imported as a file, by verify:deploy or the bench, holds its own
 * copy of this module: it is a container of its own, imported again for another stack.)
 */
const forgetters = new Set<() => void>();

/** `build()`'s result, made on the first call in a container and the same on every call after. */
export function perContainer<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  forgetters.add(() => (built = undefined));
  return () => (built ??= { value: build() }).value;
}

/** The local stack only: every `perContainer` value is built again on its next use. */
export function startNewContainers(): void {
  for (const forget of forgetters) forget();
}

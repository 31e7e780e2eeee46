/** Waits until `what` gives a value (polling every `everyMs`), or fails after `ms`. */
export async function until<T>(what: () => T | undefined | false, ms = 10_000, everyMs = 25): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = what();
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

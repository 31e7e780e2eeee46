import { useEffect, useRef } from 'react';

const typingIn = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * Single-key shortcuts on the whole page. They never fire while the steward types in a
 * field (nor with a modifier key held), so a reason or a filter can hold an 'a'.
 */
export function useShortcuts(keys: Record<string, () => void>, enabled = true): void {
  const latest = useRef(keys);
  latest.current = keys;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing || typingIn(event.target)) return;
      const run = latest.current[event.key];
      if (!run) return;
      event.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}

export function ShortcutsNote({ open = false }: { open?: boolean }) {
  return (
    <section className="panel shortcuts" aria-labelledby="shortcuts">
      <h2 id="shortcuts">Keyboard shortcuts</h2>
      <ul>
        <li><kbd>a</kbd> approve: merge the two customers</li>
        <li><kbd>r</kbd> reject: keep them apart</li>
        <li><kbd>j</kbd> or <kbd>n</kbd> next item</li>
        <li><kbd>k</kbd> or <kbd>p</kbd> previous item</li>
        {open && <li><kbd>o</kbd> open the selected item</li>}
      </ul>
      <p className="muted">Not while typing in a field. Decisions use the reason above.</p>
    </section>
  );
}

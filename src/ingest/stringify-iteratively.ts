type Task = { value: unknown } | string;

/**
 * JSON.stringify for values parsed from JSON, with an explicit stack instead of recursion:
 * the text of a record nested far too deep to store, to keep (in part) with its
 * rejection. Same output as JSON.stringify for such values: members whose value is
 * undefined are left out, undefined array items and non-finite numbers become null.
 *
 * @example stringifyIteratively(JSON.parse('[[[1]]]')) // '[[[1]]]'
 */
export function stringifyIteratively(value: unknown): string | undefined {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  const out: string[] = [];
  const stack: Task[] = [{ value }];
  while (stack.length > 0) {
    const task = stack.pop()!;
    if (typeof task === 'string') {
      out.push(task);
      continue;
    }
    const item = task.value;
    if (item === null || item === undefined || typeof item === 'function' || typeof item === 'symbol') {
      out.push('null');
    } else if (typeof item === 'number') {
      out.push(Number.isFinite(item) ? String(item) : 'null');
    } else if (typeof item !== 'object') {
      out.push(JSON.stringify(item));
    } else if (Array.isArray(item)) {
      const tasks: Task[] = ['['];
      item.forEach((element: unknown, index) => tasks.push(...(index > 0 ? [','] : []), { value: element }));
      tasks.push(']');
      for (let i = tasks.length - 1; i >= 0; i -= 1) stack.push(tasks[i]!);
    } else {
      const tasks: Task[] = ['{'];
      for (const [key, member] of Object.entries(item)) {
        if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
        tasks.push(`${tasks.length > 1 ? ',' : ''}${JSON.stringify(key)}:`, { value: member });
      }
      tasks.push('}');
      for (let i = tasks.length - 1; i >= 0; i -= 1) stack.push(tasks[i]!);
    }
  }
  return out.join('');
}

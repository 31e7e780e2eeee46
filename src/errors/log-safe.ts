/**
 * What of an error may reach the logs. Messages are left out: a database or validation
 * message can quote the value that failed (an email, a name), and logs must hold no
 * personal data. The name, code and stack frames are enough to find the fault.
 */
export function describeErrorForLog(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as { code?: unknown }).code;
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  return {
    errorClass: error.name,
    ...(typeof code === 'string' ? { code } : {}),
    stack: frames.slice(0, 12).join('\n'),
    ...(error.cause !== undefined ? { cause: describeErrorForLog(error.cause) } : {}),
  };
}

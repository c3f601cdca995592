/** Waits for `work`, but no longer than `ms`; never rejects, and leaves no timer behind. */
export async function withDeadline(work: Promise<unknown>, ms: number): Promise<'done' | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  try {
    return await Promise.race([
      work.then(
        () => 'done' as const,
        () => 'done' as const,
      ),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

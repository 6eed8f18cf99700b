// Calendar days as the bureau counts them: China Standard Time, whatever the server's clock zone.
const shanghaiDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** 'YYYY-MM-DD' of the given instant in Asia/Shanghai. */
export function shanghaiDay(at: Date = new Date()): string {
  return shanghaiDate.format(at);
}

// Quiet hours: a nightly window (Asia/Ho_Chi_Minh, fixed UTC+07:00) during which non-urgent SMS
// to staff wait until the window ends. '21:00-07:00' wraps midnight; '' or 'none' means no window.
const offsetMs = 7 * 3_600_000;
const dayMs = 86_400_000;

export interface QuietHours {
  /** minutes after local midnight */
  startMinute: number;
  endMinute: number;
}

function minuteOf(text: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!match) throw new Error(`invalid time "${text}": expected HH:MM`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export function parseQuietHours(text: string): QuietHours | null {
  if (text.trim() === '' || text.trim() === 'none') return null;
  const [start, end, ...rest] = text.split('-');
  if (end === undefined || rest.length) throw new Error(`invalid quiet hours "${text}": expected HH:MM-HH:MM`);
  const window = { startMinute: minuteOf(start), endMinute: minuteOf(end) };
  if (window.startMinute === window.endMinute) throw new Error(`invalid quiet hours "${text}": empty window`);
  return window;
}

/** When a message due at `at` may go out: `at` itself outside the window, else the window's end. */
export function sendableAt(at: number, quiet: QuietHours | null): number {
  if (!quiet) return at;
  const local = at + offsetMs;
  const midnight = local - (((local % dayMs) + dayMs) % dayMs);
  const minute = (local - midnight) / 60_000;
  const wraps = quiet.startMinute > quiet.endMinute;
  const inside = wraps
    ? minute >= quiet.startMinute || minute < quiet.endMinute
    : minute >= quiet.startMinute && minute < quiet.endMinute;
  if (!inside) return at;
  const endToday = midnight + quiet.endMinute * 60_000;
  const end = wraps && minute >= quiet.startMinute ? endToday + dayMs : endToday;
  return end - offsetMs;
}

// The provisional working-time calendar of any year, computed from the law before the government
// publishes that year's schedule: Labour Code 2019 art. 112 (1 January, five days of Tết, the Hùng
// Kings' day, 30 April, 1 May, 2 September and an adjacent day; a holiday on a weekend is taken on
// the next working day) plus holidays added by later texts. Lunar dates come from date-chinese's
// Vietnamese calendar (UTC+07:00, astronomical; checked against Tết 2007 and 2025–2027 and against
// two other lunar libraries for 1990–2100). Pure: no I/O.
import { CalendarVietnamese } from 'date-chinese';
import type { CalendarDay } from './calendar';

const labourCode = 'Bộ luật Lao động 2019, Điều 112 (Labour Code 2019, art. 112)';
const provisionalNote = 'lịch tạm tính, chờ quyết định của Chính phủ (provisional until the government decides)';

/** Holidays added after the Labour Code, each with its first year and the text that adds it. */
const laterHolidays = [
  {
    month: 11,
    day: 24,
    from: 2026,
    nameVi: 'Ngày Văn hóa Việt Nam',
    nameEn: 'Vietnam Culture Day',
    // Legal effect unconfirmed: no amendment of the Labour Code or decree was found (db/seed/SOURCES.md).
    source: 'Nghị quyết 80-NQ/TW của Bộ Chính trị (01/2026) — chưa xác nhận văn bản pháp luật (legal text unconfirmed)',
  },
];

interface Holiday {
  date: string;
  nameVi: string;
  nameEn: string;
  source: string;
}

/** The law's holidays of `year` and the weekdays that make up for those falling on a weekend. */
export function provisionalCalendar(year: number): CalendarDay[] {
  assertYear(year);
  const holidays = lawHolidays(year);
  const taken = new Set(holidays.map((holiday) => holiday.date));
  const days: CalendarDay[] = [];
  for (const holiday of holidays) {
    if (!isWeekend(holiday.date)) {
      days.push({ date: holiday.date, kind: 'holiday', ...names(holiday) });
      continue;
    }
    // Art. 112(3): a holiday on a weekly rest day is taken on the next working day.
    let compensation = nextDay(holiday.date);
    while (isWeekend(compensation) || taken.has(compensation)) compensation = nextDay(compensation);
    taken.add(compensation);
    days.push({
      date: compensation,
      kind: 'holiday',
      nameVi: `Nghỉ bù ${holiday.nameVi} (${holiday.date})`,
      nameEn: `In lieu of ${holiday.nameEn} (${holiday.date})`,
      source: holiday.source,
    });
  }
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

function names(holiday: Holiday): Omit<CalendarDay, 'date' | 'kind'> {
  return { nameVi: holiday.nameVi, nameEn: holiday.nameEn, source: holiday.source };
}

function lawHolidays(year: number): Holiday[] {
  const tet = lunarToSolar(year, 1, 1);
  const lastDayOfLunarYear = addDays(tet, -1);
  const tetDays: Holiday[] = [
    {
      date: lastDayOfLunarYear,
      nameVi: 'Tết Nguyên đán (ngày cuối năm âm lịch)',
      nameEn: 'Lunar New Year (last day of the lunar year)',
      source: `${labourCode}; ${provisionalNote}`,
    },
    ...[1, 2, 3, 4].map((n) => ({
      date: addDays(tet, n - 1),
      nameVi: `Tết Nguyên đán (mùng ${n} Tết)`,
      nameEn: `Lunar New Year (day ${n})`,
      source: `${labourCode}; ${provisionalNote}`,
    })),
  ];
  const nationalDay = `${year}-09-02`;
  return [
    { date: `${year}-01-01`, nameVi: 'Tết Dương lịch', nameEn: "New Year's Day", source: labourCode },
    // Tết of lunar year `year - 1` can end in January or February of `year`: both years' Tết days may fall here.
    ...tetDays.filter((holiday) => holiday.date.startsWith(`${year}-`)),
    {
      date: lunarToSolar(year, 3, 10),
      nameVi: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
      nameEn: "Hùng Kings' Commemoration (10th day of the 3rd lunar month)",
      source: labourCode,
    },
    {
      date: `${year}-04-30`,
      nameVi: 'Ngày Giải phóng miền Nam, thống nhất đất nước',
      nameEn: 'Reunification Day',
      source: labourCode,
    },
    { date: `${year}-05-01`, nameVi: 'Ngày Quốc tế Lao động', nameEn: 'International Labour Day', source: labourCode },
    { date: nationalDay, nameVi: 'Quốc khánh', nameEn: 'National Day', source: labourCode },
    {
      date: adjacentNationalDay(nationalDay),
      nameVi: 'Quốc khánh (ngày liền kề)',
      nameEn: 'National Day (adjacent day)',
      source: `${labourCode}; ${provisionalNote}`,
    },
    ...laterHolidays
      .filter((holiday) => year >= holiday.from)
      .map((holiday) => ({
        date: `${year}-${pad(holiday.month)}-${pad(holiday.day)}`,
        nameVi: holiday.nameVi,
        nameEn: holiday.nameEn,
        source: holiday.source,
      })),
  ].sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The Prime Minister picks 1 or 3 September each year. Provisionally: the day that joins the
 * weekend (3 September when the 2nd is a Thursday or Friday), otherwise 1 September, as in 2025 and 2026.
 */
function adjacentNationalDay(nationalDay: string): string {
  const weekday = weekdayOf(nationalDay);
  return weekday === 4 || weekday === 5 ? addDays(nationalDay, 1) : addDays(nationalDay, -1);
}

/** The Gregorian date of a day of a (non-leap) month of the Vietnamese lunar year that starts in `year`. */
export function lunarToSolar(year: number, month: number, day: number): string {
  const calendar = new CalendarVietnamese();
  calendar.fromJDE(calendar.newYear(year));
  const [cycle, lunarYear] = calendar.get();
  calendar.set(cycle, lunarYear, month, 0, day);
  const { year: y, month: m, day: d } = calendar.toGregorian(year);
  return `${y}-${pad(m)}-${pad(d)}`;
}

const DAY_MS = 86_400_000;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function nextDay(date: string): string {
  return addDays(date, 1);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const weekday = weekdayOf(date);
  return weekday === 0 || weekday === 6;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1900 || year > 2199) throw new Error(`year out of range 1900–2199: ${year}`);
}

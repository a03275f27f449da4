// Vietnam's 2026 civil-service calendar exceptions: weekdays off (holidays, bridge and
// compensation days) and Saturdays worked in exchange. Seed data for the calendar table that an
// administrator corrects each year; weekends need no entry (see domain/workingTime.ts).
//
// Sources (checked 2026; the search tool's stored copies):
// - New Year: Official Letter 12729/VPCP-KGVX (25 Dec 2025): off Thu 1 – Sun 4 Jan; Fri 2 Jan
//   swapped with Sat 10 Jan (worked). Reported by collector.com.tr/965292743 and
//   tracuuquyhoach.com ("Chính phủ đồng ý nghỉ Tết Dương lịch 4 ngày").
// - Tết Bính Ngọ: off Sat 14 – Sun 22 Feb, no swapped day (congan.com.vn "Chính thức chốt phương
//   án Tết Nguyên đán Bính Ngọ 2026 nghỉ 9 ngày"; vietnamnews.vn/politics-laws/1727514, 17 Oct 2025).
// - National Day: off Sat 29 Aug – Wed 2 Sep; Mon 31 Aug swapped with Sat 22 Aug (worked); the
//   adjacent day is Tue 1 Sep (Ministry of Home Affairs, vietnamnews.vn/politics-laws/1727514).
// - Hùng Kings' day, 10/3 lunar = Sun 26 Apr, compensated Mon 27 Apr; 30 Apr (Thu) and 1 May (Fri)
//   with no swap (Labour Code 2019 art. 111–112; thanhnien.vn 23 Feb 2026, kenh14.vn 11 Mar 2026).
// - 24 Nov, Ngày Văn hóa Việt Nam: Politburo Resolution 80-NQ/TW (Jan 2026) decides it is a paid
//   day off (cafef.vn, 13 Jan 2026). UNCONFIRMED: no amendment of the Labour Code or decree was
//   found that gives it legal effect; kept as a holiday, the sensible default per that decision.

export const calendar2026: { day: string; kind: 'holiday' | 'workday'; name: string; nameEn: string }[] = [
  { day: '2026-01-01', kind: 'holiday', name: 'Tết Dương lịch', nameEn: "New Year's Day" },
  {
    day: '2026-01-02',
    kind: 'holiday',
    name: 'Nghỉ hoán đổi Tết Dương lịch (làm bù thứ Bảy 10/01)',
    nameEn: 'New Year bridge day (worked on Saturday 10 Jan)',
  },
  {
    day: '2026-01-10',
    kind: 'workday',
    name: 'Làm bù cho thứ Sáu 02/01 (Tết Dương lịch)',
    nameEn: 'Make-up workday for Friday 2 Jan (New Year)',
  },
  {
    day: '2026-02-16',
    kind: 'holiday',
    name: 'Tết Nguyên đán Bính Ngọ (29 tháng Chạp)',
    nameEn: 'Lunar New Year (29th of the 12th lunar month)',
  },
  {
    day: '2026-02-17',
    kind: 'holiday',
    name: 'Tết Nguyên đán Bính Ngọ (mùng 1 Tết)',
    nameEn: 'Lunar New Year (day 1)',
  },
  {
    day: '2026-02-18',
    kind: 'holiday',
    name: 'Tết Nguyên đán Bính Ngọ (mùng 2 Tết)',
    nameEn: 'Lunar New Year (day 2)',
  },
  {
    day: '2026-02-19',
    kind: 'holiday',
    name: 'Tết Nguyên đán Bính Ngọ (mùng 3 Tết)',
    nameEn: 'Lunar New Year (day 3)',
  },
  {
    day: '2026-02-20',
    kind: 'holiday',
    name: 'Tết Nguyên đán Bính Ngọ (mùng 4 Tết)',
    nameEn: 'Lunar New Year (day 4)',
  },
  {
    day: '2026-04-27',
    kind: 'holiday',
    name: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch, Chủ nhật 26/04)',
    nameEn: "In lieu of Hùng Kings' Commemoration (Sunday 26 Apr)",
  },
  {
    day: '2026-04-30',
    kind: 'holiday',
    name: 'Ngày Giải phóng miền Nam, thống nhất đất nước',
    nameEn: 'Reunification Day',
  },
  { day: '2026-05-01', kind: 'holiday', name: 'Ngày Quốc tế Lao động', nameEn: 'International Labour Day' },
  {
    day: '2026-08-22',
    kind: 'workday',
    name: 'Làm bù cho thứ Hai 31/08 (Quốc khánh)',
    nameEn: 'Make-up workday for Monday 31 Aug (National Day)',
  },
  {
    day: '2026-08-31',
    kind: 'holiday',
    name: 'Nghỉ hoán đổi dịp Quốc khánh (làm bù thứ Bảy 22/08)',
    nameEn: 'National Day bridge day (worked on Saturday 22 Aug)',
  },
  { day: '2026-09-01', kind: 'holiday', name: 'Quốc khánh (ngày liền kề)', nameEn: 'National Day (adjacent day)' },
  { day: '2026-09-02', kind: 'holiday', name: 'Quốc khánh', nameEn: 'National Day' },
  { day: '2026-11-24', kind: 'holiday', name: 'Ngày Văn hóa Việt Nam', nameEn: 'Vietnam Culture Day' },
];

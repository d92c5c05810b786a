// Covers the Date & Time cards: reading dates, calendar arithmetic, the format tokens and IANA
// time zones (including daylight saving time), independent of the machine's own zone.
import { describe, expect, test } from 'vitest'
import { addMonths, formatDate, parseDate, toDate, zoneOffset } from './date'
import { getCard } from './index'
import { cardContext, cardFailure, runCard } from './test-support'

const NOW = Date.UTC(2024, 2, 5, 10, 30, 15, 250) // 2024-03-05T10:30:15.250Z, a Tuesday

const context = cardContext({ ports: { now: () => NOW } })

describe('reading dates', () => {
  test.each<[unknown, string]>([
    ['2024-03-05T10:30:15.250Z', '2024-03-05T10:30:15.250Z'],
    ['2024-03-05T10:30:15Z', '2024-03-05T10:30:15.000Z'],
    ['2024-03-05T10:30', '2024-03-05T10:30:00.000Z'],
    ['2024-03-05 10:30:15', '2024-03-05T10:30:15.000Z'],
    ['2024-03-05', '2024-03-05T00:00:00.000Z'],
    ['2024-03', '2024-03-01T00:00:00.000Z'],
    ['2024-03-05T10:30:00+05:30', '2024-03-05T05:00:00.000Z'],
    ['2024-03-05T10:30:00-0800', '2024-03-05T18:30:00.000Z'],
    ['2024-03-05T10:30:00.123456789Z', '2024-03-05T10:30:00.123Z'],
    ['Tue, 05 Mar 2024 10:30:15 GMT', '2024-03-05T10:30:15.000Z'],
    [NOW, '2024-03-05T10:30:15.250Z'],
    [String(NOW), '2024-03-05T10:30:15.250Z'],
    ['  2024-03-05  ', '2024-03-05T00:00:00.000Z'],
  ])('toDate(%j) = %s', (value, iso) => {
    expect(new Date(toDate(value, 'd')).toISOString()).toBe(iso)
  })

  test.each<[unknown, RegExp]>([
    ['2024-02-30', /Input "d" is not a valid date/],
    ['2024-13-01', /not a valid date/],
    ['2024-03-05T25:00', /not a valid date/],
    ['March 5, 2024', /not a date Workflows understands/],
    ['yesterday', /not a date Workflows understands/],
    ['', /must be a Date & Time, got Text/],
    [null, /got nothing/],
    [{}, /got an Object/],
    [1e20, /outside the range of dates/],
  ])('toDate(%j) fails: %s', (value, message) => {
    expect(() => toDate(value, 'd')).toThrow(message)
  })
})

describe('time zones', () => {
  test('offsets follow daylight saving time', () => {
    expect(zoneOffset(Date.UTC(2024, 0, 15), 'America/New_York')).toBe(-300)
    expect(zoneOffset(Date.UTC(2024, 6, 15), 'America/New_York')).toBe(-240)
    expect(zoneOffset(Date.UTC(2024, 6, 15), 'Asia/Kolkata')).toBe(330)
    expect(zoneOffset(Date.UTC(2024, 6, 15), 'UTC')).toBe(0)
  })

  test('wall-clock parsing picks the right offset on each side of a clock change', () => {
    // New York moved to EDT at 2024-03-10 02:00 local.
    expect(
      new Date(
        parseDate('2024-03-09 12:00', 'YYYY-MM-DD HH:mm', 'America/New_York', 't'),
      ).toISOString(),
    ).toBe('2024-03-09T17:00:00.000Z')
    expect(
      new Date(
        parseDate('2024-03-11 12:00', 'YYYY-MM-DD HH:mm', 'America/New_York', 't'),
      ).toISOString(),
    ).toBe('2024-03-11T16:00:00.000Z')
  })

  test('an unknown zone fails clearly', async () => {
    expect(
      (await cardFailure('date.format', { date: NOW, zone: 'Mars/Olympus' }, context)).message,
    ).toMatch(/"Mars\/Olympus" is not a known time zone; use an IANA name/)
  })
})

describe('formatting', () => {
  test.each<[string, string, string]>([
    ['YYYY-MM-DD HH:mm:ss', 'UTC', '2024-03-05 10:30:15'],
    ['MM/DD/YYYY', 'UTC', '03/05/2024'],
    ['M/D/YY h:mm a', 'UTC', '3/5/24 10:30 am'],
    ['dddd, MMMM Do YYYY', 'UTC', 'Tuesday, March 5th YYYY'.replace('YYYY', '2024')],
    ['ddd MMM D', 'UTC', 'Tue Mar 5'],
    ['d', 'UTC', '2'],
    ['HH:mm:ss.SSS Z', 'UTC', '10:30:15.250 +00:00'],
    ['hh:mm A ZZ', 'America/New_York', '05:30 AM -0500'],
    ['YYYY-MM-DD HH:mm Z', 'Asia/Kolkata', '2024-03-05 16:00 +05:30'],
    ['[Day] D [of] MMMM', 'UTC', 'Day 5 of March'],
    ['X x', 'UTC', `${Math.floor(NOW / 1000)} ${NOW}`],
    ['ISO', 'UTC', '2024-03-05T10:30:15.250Z'],
    ['', 'UTC', '2024-03-05T10:30:15.250Z'],
    ['ISO', 'Europe/Paris', '2024-03-05T11:30:15.250+01:00'],
  ])('format %j in %s = %j', (format, zone, expected) => {
    expect(formatDate(NOW, format, zone)).toBe(expected)
  })

  test('ordinals and 12-hour clock edges', () => {
    const at = (d: number, h: number) => Date.UTC(2024, 0, d, h)
    expect(
      [1, 2, 3, 4, 11, 12, 13, 21, 22, 23].map((d) => formatDate(at(d, 0), 'Do', 'UTC')),
    ).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd'])
    expect(formatDate(at(1, 0), 'h A', 'UTC')).toBe('12 AM')
    expect(formatDate(at(1, 12), 'h A', 'UTC')).toBe('12 PM')
  })
})

describe('date cards', () => {
  test.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['date.now', {}, { output: '2024-03-05T10:30:15.250Z' }],
    [
      'date.add',
      { start: '2024-03-05T00:00:00Z', scale: 2, unit: 'days' },
      { output: '2024-03-07T00:00:00.000Z' },
    ],
    [
      'date.add',
      { start: '2024-03-05T00:00:00Z', scale: 90, unit: 'Minute' },
      { output: '2024-03-05T01:30:00.000Z' },
    ],
    [
      'date.add',
      { start: '2024-03-05T00:00:00Z', scale: 1.5, unit: 'hours' },
      { output: '2024-03-05T01:30:00.000Z' },
    ],
    [
      'date.add',
      { start: '2024-01-31T12:00:00Z', scale: 1, unit: 'months' },
      { output: '2024-02-29T12:00:00.000Z' },
    ],
    [
      'date.add',
      { start: '2023-01-31T12:00:00Z', scale: 1, unit: 'month' },
      { output: '2023-02-28T12:00:00.000Z' },
    ],
    [
      'date.add',
      { start: '2024-02-29', scale: 1, unit: 'years' },
      { output: '2025-02-28T00:00:00.000Z' },
    ],
    [
      'date.add',
      { start: '2024-03-05', scale: 2, unit: 'weeks' },
      { output: '2024-03-19T00:00:00.000Z' },
    ],
    [
      'date.subtract',
      { start: '2024-03-05T00:00:00Z', scale: 900000, unit: 'milliseconds' },
      { output: '2024-03-04T23:45:00.000Z' },
    ],
    [
      'date.subtract',
      { start: '2024-03-31', scale: 1, unit: 'months' },
      { output: '2024-02-29T00:00:00.000Z' },
    ],
    [
      'date.subtract',
      { start: '2024-01-15', scale: 2, unit: 'months' },
      { output: '2023-11-15T00:00:00.000Z' },
    ],
    [
      'date.difference',
      { start: '2024-01-31T00:00:00Z', end: '2024-03-01T12:30:00Z' },
      {
        years: 0,
        months: 1,
        days: 30,
        hours: 732,
        minutes: 43950,
        seconds: 2637000,
        milliseconds: 2637000000,
      },
    ],
    [
      'date.difference',
      { start: '2024-03-01T00:00:00Z', end: '2021-03-01T00:00:01Z' },
      {
        years: -2,
        months: -35,
        days: -1095,
        hours: -26303,
        minutes: -1578239,
        seconds: -94694399,
        milliseconds: -94694399000,
      },
    ],
    [
      'date.format',
      { date: '2024-03-05T10:30:15Z', format: 'YYYY-MM-DD' },
      { output: '2024-03-05' },
    ],
    [
      'date.format',
      { date: '2024-03-05T02:30:15Z', format: 'YYYY-MM-DD', zone: 'America/Los_Angeles' },
      { output: '2024-03-04' },
    ],
    [
      'date.parse',
      { text: '03/05/2024 2:07 PM', format: 'MM/DD/YYYY h:mm A' },
      { output: '2024-03-05T14:07:00.000Z' },
    ],
    [
      'date.parse',
      { text: '03/05/2024 12:07 am', format: 'MM/DD/YYYY h:mm a' },
      { output: '2024-03-05T00:07:00.000Z' },
    ],
    [
      'date.parse',
      { text: '5 march 2024', format: 'D MMMM YYYY', zone: 'Europe/Paris' },
      { output: '2024-03-04T23:00:00.000Z' },
    ],
    [
      'date.parse',
      { text: 'Mar 5th 24', format: 'MMM Do YY' },
      { output: '2024-03-05T00:00:00.000Z' },
    ],
    [
      'date.parse',
      { text: '2024-03-05T10:00:00+02:00', format: 'YYYY-MM-DD[T]HH:mm:ssZ', zone: 'Asia/Tokyo' },
      { output: '2024-03-05T08:00:00.000Z' },
    ],
    ['date.parse', { text: '1709634615', format: 'X' }, { output: '2024-03-05T10:30:15.000Z' }],
    ['date.parse', { text: '10:30', format: 'HH:mm' }, { output: '1970-01-01T10:30:00.000Z' }],
    ['date.parse', { text: '2024-03-05T10:30:00Z' }, { output: '2024-03-05T10:30:00.000Z' }],
    [
      'date.convert',
      { start: '2024-03-05T10:30:15.250Z', zone: 'America/New_York', format: 'YYYY-MM-DD' },
      {
        date: '2024-03-05T10:30:15.250Z',
        iso: '2024-03-05T05:30:15.250-05:00',
        epoch: String(NOW),
        unix: String(Math.floor(NOW / 1000)),
        human: 'Tuesday, March 5, 2024 5:30 AM',
        custom: '2024-03-05',
      },
    ],
    [
      'date.convert',
      { start: '2024-03-05T10:30:15.250Z' },
      {
        date: '2024-03-05T10:30:15.250Z',
        iso: '2024-03-05T10:30:15.250Z',
        epoch: String(NOW),
        unix: String(Math.floor(NOW / 1000)),
        human: 'Tuesday, March 5, 2024 10:30 AM',
        custom: '',
      },
    ],
    ['date.epoch', { date: '2024-03-05T10:30:15.250Z' }, { output: NOW }],
    ['date.unix', { date: '2024-03-05T10:30:15.250Z' }, { output: 1709634615 }],
    ['date.unix', { date: '1969-12-31T23:59:59.500Z' }, { output: -1 }],
    ['date.iso', { date: NOW }, { output: '2024-03-05T10:30:15.250Z' }],
  ])('%s(%j) = %j', async (id, inputs, expected) => {
    expect(await runCard(id, inputs, context)).toEqual(expected)
  })

  test.each<[string, Record<string, unknown>, RegExp]>([
    [
      'date.add',
      { start: '2024-03-05', scale: 1, unit: 'fortnights' },
      /Input "unit" must be one of milliseconds, seconds, minutes, hours, days, weeks, months, years/,
    ],
    ['date.add', { start: '2024-03-05', scale: 1.5, unit: 'months' }, /whole number of months/],
    [
      'date.add',
      { start: '2024-03-05', scale: 'x', unit: 'days' },
      /Input "scale" must be a Number/,
    ],
    ['date.add', { start: 'soon', scale: 1, unit: 'days' }, /Input "start" is not a date/],
    ['date.add', { start: '2024-03-05', scale: 1e12, unit: 'days' }, /outside the range/],
    [
      'date.parse',
      { text: '2024/03/05', format: 'YYYY-MM-DD' },
      /"2024\/03\/05"\) does not match the format "YYYY-MM-DD"/,
    ],
    [
      'date.parse',
      { text: '02/30/2024', format: 'MM/DD/YYYY' },
      /Input "text" is not a valid date/,
    ],
    ['date.parse', { text: '13:00 PM', format: 'h:mm A' }, /hour outside 1–12/],
    ['date.difference', { start: '2024-03-05' }, /Input "end" must be a Date & Time/],
  ])('%s(%j) fails: %s', async (id, inputs, message) => {
    expect((await cardFailure(id, inputs, context)).message).toMatch(message)
  })

  test('addMonths clamps to the end of the month and keeps the time', () => {
    expect(new Date(addMonths(Date.UTC(2024, 0, 31, 8, 15), 13)).toISOString()).toBe(
      '2025-02-28T08:15:00.000Z',
    )
    expect(new Date(addMonths(Date.UTC(2024, 2, 31), -1)).toISOString()).toBe(
      '2024-02-29T00:00:00.000Z',
    )
  })

  test('Now reads the clock port, so it is not marked pure', () => {
    expect(getCard('date.now')?.pure).toBeFalsy()
    expect(getCard('date.add')?.pure).toBe(true)
  })
})

// Date & Time function cards. Dates travel as ISO 8601 text in UTC ("2024-03-05T10:00:00.000Z"),
// as Workflows' Date values do. Time zones are IANA names resolved through Intl.DateTimeFormat;
// nothing depends on the machine's own zone, so a run gives the same result everywhere.
//
// Format tokens (Date to Text, Text to Date, Convert), as in Moment.js:
//   YYYY 2024 · YY 24 · MMMM March · MMM Mar · MM 03 · M 3 · DD 05 · D 5 · Do 5th
//   dddd Tuesday · ddd Tue · d 2 (0 = Sunday) · HH 09 · H 9 · hh 09 · h 9 (12-hour) · A AM · a am
//   mm 07 · m 7 · ss 04 · s 4 · SSS 012 (milliseconds) · Z +05:30 · ZZ +0530 · X unix seconds
//   x epoch milliseconds · [text] is literal. The format "ISO" gives ISO 8601.
import type { CardFieldSpec } from '../../definition'
import { FlowError } from '../errors'
import { describeType, toText } from '../values'
import type { Card } from './card'
import { toNumber } from './number'

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
/** The JavaScript Date range: ±100,000,000 days around 1970. */
const MAX_TIME = 8.64e15

const ISO_DATE =
  /^([+-]\d{6}|\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i

function offsetMinutes(zone: string): number {
  if (/^z$/i.test(zone)) return 0
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)
  if (!match) return 0
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0)
  return match[1] === '-' ? -minutes : minutes
}

function checkTime(ms: number, input: string): number {
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_TIME) {
    throw new FlowError(`Input "${input}" is outside the range of dates (years -271821 to 275760)`)
  }
  return ms
}

/** Wall-clock fields to epoch ms in UTC, rejecting impossible dates such as 31 February. */
function utcFields(
  fields: {
    year: number
    month: number
    day: number
    hour: number
    minute: number
    second: number
    ms: number
  },
  input: string,
): number {
  const { year, month, day, hour, minute, second, ms } = fields
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  date.setUTCHours(hour, minute, second, ms)
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    date.getUTCHours() !== hour ||
    date.getUTCMinutes() !== minute ||
    date.getUTCSeconds() !== second
  ) {
    throw new FlowError(`Input "${input}" is not a valid date`)
  }
  return checkTime(date.getTime(), input)
}

/**
 * A Date & Time input as epoch milliseconds: ISO 8601 text (without a zone it is UTC), an HTTP
 * or RFC 2822 date with its zone, or a number of epoch milliseconds.
 */
export function toDate(value: unknown, input: string): number {
  if (typeof value === 'number') return checkTime(value, input)
  if (typeof value !== 'string' || value.trim() === '') {
    throw new FlowError(`Input "${input}" must be a Date & Time, got ${describeType(value)}`)
  }
  const text = value.trim()
  if (/^-?\d{10,}$/.test(text)) return checkTime(Number(text), input)
  const iso = ISO_DATE.exec(text)
  if (iso) {
    const [, year = '', month, day, hour, minute, second, fraction, zone] = iso
    const utc = utcFields(
      {
        year: Number(year),
        month: Number(month ?? 1),
        day: Number(day ?? 1),
        hour: Number(hour ?? 0),
        minute: Number(minute ?? 0),
        second: Number(second ?? 0),
        ms: Math.floor(Number(`0.${fraction ?? '0'}`) * 1000),
      },
      input,
    )
    return checkTime(utc - offsetMinutes(zone ?? 'Z') * 60_000, input)
  }
  // RFC 2822 / HTTP dates ("Tue, 05 Mar 2024 10:00:00 GMT") parse the same everywhere when
  // they name their zone; other shapes would depend on the machine's zone, so they are refused.
  if (/\b(?:GMT|UTC|UT)\b|[+-]\d{4}\b/.test(text)) {
    const parsed = Date.parse(text)
    if (!Number.isNaN(parsed)) return checkTime(parsed, input)
  }
  throw new FlowError(
    `Input "${input}" is not a date Workflows understands: use ISO 8601 such as "2024-03-05T10:00:00Z" (or Text to Date with a format)`,
  )
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString()
}

// ─── Time zones ───────────────────────────────────────────────────────────────────────────────

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(zone: string): Intl.DateTimeFormat {
  let found = formatters.get(zone)
  if (!found) {
    try {
      found = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      })
    } catch {
      throw new FlowError(
        `"${zone}" is not a known time zone; use an IANA name such as "UTC", "Europe/Paris" or "America/New_York"`,
      )
    }
    if (formatters.size > 100) formatters.clear()
    formatters.set(zone, found)
  }
  return found
}

/** A time zone input: an IANA name, UTC when empty. */
export function toZone(value: unknown, input: string): string {
  const zone = value === undefined || value === null ? '' : toText(value, input).trim()
  if (zone === '' || /^(utc|gmt|z)$/i.test(zone)) return 'UTC'
  formatter(zone)
  return zone
}

/** The offset of a zone from UTC at an instant, in minutes (e.g. -300 for New York in winter). */
export function zoneOffset(ms: number, zone: string): number {
  if (zone === 'UTC') return 0
  const parts: Record<string, string> = {}
  for (const part of formatter(zone).formatToParts(new Date(ms))) parts[part.type] = part.value
  // en-US names eras AD/BC; year 1 BC is astronomical year 0.
  const year = parts.era === 'BC' ? 1 - Number(parts.year) : Number(parts.year)
  const fields = new Date(0)
  fields.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day))
  fields.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second), 0)
  const whole = Math.floor(ms / 1000) * 1000
  return Math.round((fields.getTime() - whole) / 60_000)
}

/** Wall-clock time in a zone → epoch ms (the earlier instant when a clock change repeats it). */
function zonedToEpoch(wallAsUtc: number, zone: string): number {
  if (zone === 'UTC') return wallAsUtc
  const first = wallAsUtc - zoneOffset(wallAsUtc, zone) * 60_000
  const second = wallAsUtc - zoneOffset(first, zone) * 60_000
  return Math.min(first, second)
}

interface Wall {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  ms: number
  weekday: number
  offset: number
}

function wallClock(ms: number, zone: string): Wall {
  const offset = zoneOffset(ms, zone)
  const date = new Date(ms + offset * 60_000)
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    ms: date.getUTCMilliseconds(),
    weekday: date.getUTCDay(),
    offset,
  }
}

// ─── Formatting and parsing ───────────────────────────────────────────────────────────────────

const TOKENS =
  /\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|Do|DD|D|dddd|ddd|d|HH|H|hh|h|A|a|mm|m|ss|s|SSS|ZZ|Z|X|x/g

const pad = (n: number, width = 2) =>
  `${n < 0 ? '-' : ''}${String(Math.abs(n)).padStart(width, '0')}`

function ordinal(n: number): string {
  const tens = n % 100
  if (tens >= 11 && tens <= 13) return `${n}th`
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`
}

function zoneText(offset: number, colon: boolean): string {
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  return `${sign}${pad(Math.floor(abs / 60))}${colon ? ':' : ''}${pad(abs % 60)}`
}

const ISO_FORMAT = 'YYYY-MM-DDTHH:mm:ss.SSSZ'

export function formatDate(ms: number, format: string, zone: string): string {
  if (/^iso(?:8601)?$/i.test(format.trim()) || format === '') {
    return zone === 'UTC' ? toIso(ms) : formatDate(ms, ISO_FORMAT, zone)
  }
  const w = wallClock(ms, zone)
  const hour12 = w.hour % 12 || 12
  return format.replace(TOKENS, (token: string, literal: string | undefined) => {
    if (literal !== undefined) return literal
    switch (token) {
      case 'YYYY':
        return w.year >= 0 && w.year <= 9999 ? pad(w.year, 4) : String(w.year)
      case 'YY':
        return pad(Math.abs(w.year) % 100)
      case 'MMMM':
        return MONTHS[w.month - 1] ?? ''
      case 'MMM':
        return (MONTHS[w.month - 1] ?? '').slice(0, 3)
      case 'MM':
        return pad(w.month)
      case 'M':
        return String(w.month)
      case 'Do':
        return ordinal(w.day)
      case 'DD':
        return pad(w.day)
      case 'D':
        return String(w.day)
      case 'dddd':
        return WEEKDAYS[w.weekday] ?? ''
      case 'ddd':
        return (WEEKDAYS[w.weekday] ?? '').slice(0, 3)
      case 'd':
        return String(w.weekday)
      case 'HH':
        return pad(w.hour)
      case 'H':
        return String(w.hour)
      case 'hh':
        return pad(hour12)
      case 'h':
        return String(hour12)
      case 'A':
        return w.hour < 12 ? 'AM' : 'PM'
      case 'a':
        return w.hour < 12 ? 'am' : 'pm'
      case 'mm':
        return pad(w.minute)
      case 'm':
        return String(w.minute)
      case 'ss':
        return pad(w.second)
      case 's':
        return String(w.second)
      case 'SSS':
        return pad(w.ms, 3)
      case 'ZZ':
        return zoneText(w.offset, false)
      case 'Z':
        return zoneText(w.offset, true)
      case 'X':
        return String(Math.floor(ms / 1000))
      case 'x':
        return String(ms)
      default:
        return token
    }
  })
}

const MONTH_NAMES = MONTHS.map((m) => m.toLowerCase())

/** Parses text by a format of the tokens above; missing parts are 1970-01-01 00:00:00. */
export function parseDate(text: string, format: string, zone: string, input: string): number {
  if (/^iso(?:8601)?$/i.test(format.trim())) return toDate(text, input)
  const groups: string[] = []
  let source = ''
  let last = 0
  for (const match of format.matchAll(TOKENS)) {
    source += escape(format.slice(last, match.index))
    last = match.index + match[0].length
    const [token, literal] = match
    if (literal !== undefined) {
      source += escape(literal)
      continue
    }
    groups.push(token)
    source += `(${TOKEN_PATTERNS[token] ?? '.+?'})`
  }
  source += escape(format.slice(last))
  const found = new RegExp(`^\\s*${source}\\s*$`, 'i').exec(text)
  if (!found) {
    throw new FlowError(`Input "${input}" ("${text}") does not match the format "${format}"`)
  }
  const f = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, ms: 0 }
  let pm: boolean | undefined
  let offset: number | undefined
  let epoch: number | undefined
  groups.forEach((token, i) => {
    const value = found[i + 1] ?? ''
    const n = Number(value)
    switch (token) {
      case 'YYYY':
        f.year = n
        break
      case 'YY':
        f.year = n + (n < 69 ? 2000 : 1900)
        break
      case 'MMMM':
      case 'MMM':
        f.month = MONTH_NAMES.findIndex((m) => m.startsWith(value.toLowerCase())) + 1
        break
      case 'MM':
      case 'M':
        f.month = n
        break
      case 'Do':
        f.day = parseInt(value, 10)
        break
      case 'DD':
      case 'D':
        f.day = n
        break
      case 'HH':
      case 'H':
      case 'hh':
      case 'h':
        f.hour = n
        break
      case 'A':
      case 'a':
        pm = value.toLowerCase() === 'pm'
        break
      case 'mm':
      case 'm':
        f.minute = n
        break
      case 'ss':
      case 's':
        f.second = n
        break
      case 'SSS':
        f.ms = Math.floor(Number(`0.${value}`) * 1000)
        break
      case 'ZZ':
      case 'Z':
        offset = offsetMinutes(value)
        break
      case 'X':
        epoch = n * 1000
        break
      case 'x':
        epoch = n
        break
    }
  })
  if (epoch !== undefined) return checkTime(epoch, input)
  if (pm !== undefined) {
    if (f.hour < 1 || f.hour > 12) throw new FlowError(`Input "${input}" has an hour outside 1–12`)
    f.hour = (f.hour % 12) + (pm ? 12 : 0)
  }
  const wall = utcFields(f, input)
  return checkTime(offset === undefined ? zonedToEpoch(wall, zone) : wall - offset * 60_000, input)
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

const TOKEN_PATTERNS: Record<string, string> = {
  YYYY: '[+-]?\\d{4,6}',
  YY: '\\d{2}',
  MMMM: '[A-Za-z]{3,9}',
  MMM: '[A-Za-z]{3}',
  MM: '\\d{2}',
  M: '\\d{1,2}',
  Do: '\\d{1,2}(?:st|nd|rd|th)',
  DD: '\\d{2}',
  D: '\\d{1,2}',
  dddd: '[A-Za-z]{6,9}',
  ddd: '[A-Za-z]{3}',
  d: '[0-6]',
  HH: '\\d{2}',
  H: '\\d{1,2}',
  hh: '\\d{2}',
  h: '\\d{1,2}',
  A: '[AaPp][Mm]',
  a: '[AaPp][Mm]',
  mm: '\\d{2}',
  m: '\\d{1,2}',
  ss: '\\d{2}',
  s: '\\d{1,2}',
  SSS: '\\d{1,9}',
  ZZ: 'Z|[+-]\\d{2}:?\\d{2}',
  Z: 'Z|[+-]\\d{2}:?\\d{2}',
  X: '-?\\d+(?:\\.\\d+)?',
  x: '-?\\d+',
}

// ─── Arithmetic ───────────────────────────────────────────────────────────────────────────────

const FIXED_UNITS: Record<string, number> = {
  millisecond: 1,
  second: 1_000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
}
export const UNITS = [...Object.keys(FIXED_UNITS), 'month', 'year'].map((u) => `${u}s`)

/** A unit input: singular or plural, any case ("days", "Day", "minute"). */
export function toUnit(value: unknown, input: string): string {
  const unit = toText(value, input).trim().toLowerCase().replace(/s$/, '')
  if (unit in FIXED_UNITS || unit === 'month' || unit === 'year') return unit
  throw new FlowError(
    `Input "${input}" must be one of ${UNITS.join(', ')}, got "${toText(value, input)}"`,
  )
}

/** Adds whole calendar months in UTC; the day is clamped (31 January + 1 month = 28/29 February). */
export function addMonths(ms: number, months: number): number {
  const date = new Date(ms)
  const day = date.getUTCDate()
  date.setUTCDate(1)
  date.setUTCMonth(date.getUTCMonth() + months)
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate()
  date.setUTCDate(Math.min(day, lastDay))
  return date.getTime()
}

export function addTime(ms: number, amount: number, unit: string, input = 'scale'): number {
  const fixed = FIXED_UNITS[unit]
  if (fixed !== undefined) return checkTime(ms + amount * fixed, 'start')
  if (!Number.isInteger(amount)) {
    throw new FlowError(`Input "${input}" must be a whole number of ${unit}s`)
  }
  return checkTime(addMonths(ms, unit === 'year' ? amount * 12 : amount), 'start')
}

/** Whole calendar months from start to end (negative when end is earlier), truncated. */
function monthsBetween(start: number, end: number): number {
  const a = new Date(start)
  const b = new Date(end)
  let months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth())
  if (months > 0 && addMonths(start, months) > end) months--
  if (months < 0 && addMonths(start, months) < end) months++
  return months
}

// ─── Cards ────────────────────────────────────────────────────────────────────────────────────

const dateIn = (key: string, help?: string): CardFieldSpec => ({
  key,
  type: 'datetime',
  required: true,
  ...(help ? { help } : {}),
})
const zoneIn: CardFieldSpec = {
  key: 'zone',
  type: 'text',
  help: 'An IANA time zone such as "America/New_York"; UTC when empty.',
}
const dateOut: CardFieldSpec[] = [{ key: 'output', type: 'datetime' }]
const shift: CardFieldSpec[] = [
  dateIn('start'),
  { key: 'scale', type: 'number', required: true, help: 'How many units.' },
  { key: 'unit', type: 'text', required: true, help: UNITS.join(', ') },
]

function shiftCard(id: 'add' | 'subtract', name: string, sign: 1 | -1): Card {
  return {
    id: `date.${id}`,
    name,
    category: 'Date & Time',
    oktaKey: `date:${id}`,
    help: `${sign > 0 ? 'Adds' : 'Subtracts'} a number of units (${UNITS.join(', ')}) ${sign > 0 ? 'to' : 'from'} a date & time. Months and years are calendar months in UTC: the day is kept, or clamped to the month's last day.`,
    pure: true,
    inputs: shift,
    outputs: dateOut,
    run(inputs) {
      const start = toDate(inputs.start, 'start')
      const scale = toNumber(inputs.scale, 'scale')
      const unit = toUnit(inputs.unit, 'unit')
      return { outputs: { output: toIso(addTime(start, sign * scale, unit)) } }
    },
  }
}

export const dateCards: Card[] = [
  {
    id: 'date.now',
    name: 'Now',
    category: 'Date & Time',
    oktaKey: 'date:now',
    help: 'The current date & time (the run’s clock: virtual in the playground, fixed in tests), as ISO 8601 in UTC.',
    inputs: [],
    outputs: dateOut,
    run: (_inputs, context) => ({ outputs: { output: toIso(context.ports.now()) } }),
  },
  shiftCard('add', 'Add', 1),
  shiftCard('subtract', 'Subtract', -1),
  {
    id: 'date.difference',
    name: 'Difference',
    category: 'Date & Time',
    oktaKey: 'date:diff',
    help: 'The time from start to end in each unit, each a whole number truncated towards zero (negative when end is earlier). Months and years count calendar months.',
    pure: true,
    inputs: [dateIn('start'), dateIn('end')],
    outputs: ['years', 'months', 'days', 'hours', 'minutes', 'seconds', 'milliseconds'].map(
      (key) => ({ key, type: 'number' as const }),
    ),
    run(inputs) {
      const start = toDate(inputs.start, 'start')
      const end = toDate(inputs.end, 'end')
      const ms = end - start
      const months = monthsBetween(start, end)
      const whole = (unit: number) => Math.trunc(ms / unit) || 0
      return {
        outputs: {
          years: Math.trunc(months / 12) || 0,
          months,
          days: whole(86_400_000),
          hours: whole(3_600_000),
          minutes: whole(60_000),
          seconds: whole(1_000),
          milliseconds: ms,
        },
      }
    },
  },
  {
    id: 'date.format',
    name: 'Date to Text',
    category: 'Date & Time',
    oktaKey: 'date:format',
    help: 'Formats a date & time as text in a time zone. Tokens: YYYY YY MMMM MMM MM M Do DD D dddd ddd d HH H hh h A a mm m ss s SSS Z ZZ X x, and [literal text]; e.g. "YYYY-MM-DD HH:mm:ss" or "MM/DD/YYYY". Empty or "ISO" gives ISO 8601.',
    pure: true,
    inputs: [dateIn('date'), { key: 'format', type: 'text' }, zoneIn],
    outputs: [{ key: 'output', type: 'text' }],
    run(inputs) {
      const date = toDate(inputs.date, 'date')
      const zone = toZone(inputs.zone, 'zone')
      return { outputs: { output: formatDate(date, toText(inputs.format, 'format'), zone) } }
    },
  },
  {
    id: 'date.parse',
    name: 'Text to Date',
    category: 'Date & Time',
    oktaKey: 'date:parse',
    help: 'Reads text as a date & time by a format of the Date to Text tokens (e.g. "MM/DD/YYYY h:mm A"), as wall-clock time in the zone unless the text has its own offset (Z). Parts the format lacks are taken from 1970-01-01 00:00:00. Without a format, ISO 8601 is expected.',
    pure: true,
    inputs: [
      { key: 'text', type: 'text', required: true },
      { key: 'format', type: 'text' },
      zoneIn,
    ],
    outputs: dateOut,
    run(inputs) {
      const text = toText(inputs.text, 'text')
      const format = toText(inputs.format, 'format')
      const zone = toZone(inputs.zone, 'zone')
      const ms = format === '' ? toDate(text, 'text') : parseDate(text, format, zone, 'text')
      return { outputs: { output: toIso(ms) } }
    },
  },
  {
    id: 'date.convert',
    name: 'Convert',
    category: 'Date & Time',
    oktaKey: 'date:fromISO',
    help: 'Converts a date & time to several formats at once: date (ISO, UTC), iso (ISO with the zone’s offset), epoch (milliseconds) and unix (seconds) as text, human ("Tuesday, March 5, 2024 10:00 AM" in the zone) and custom (by the format, empty without one).',
    pure: true,
    inputs: [dateIn('start'), { key: 'format', type: 'text' }, zoneIn],
    outputs: [
      { key: 'date', type: 'datetime' },
      ...['iso', 'epoch', 'unix', 'human', 'custom'].map((key) => ({ key, type: 'text' as const })),
    ],
    run(inputs) {
      const ms = toDate(inputs.start, 'start')
      const zone = toZone(inputs.zone, 'zone')
      const format = toText(inputs.format, 'format')
      return {
        outputs: {
          date: toIso(ms),
          iso: formatDate(ms, 'ISO', zone),
          epoch: String(ms),
          unix: String(Math.floor(ms / 1000)),
          human: formatDate(ms, 'dddd, MMMM D, YYYY h:mm A', zone),
          custom: format === '' ? '' : formatDate(ms, format, zone),
        },
      }
    },
  },
  {
    id: 'date.epoch',
    name: 'EPOCH',
    category: 'Date & Time',
    oktaKey: 'date:epoch',
    help: 'The date & time as milliseconds since 1970-01-01T00:00:00Z.',
    pure: true,
    inputs: [dateIn('date')],
    outputs: [{ key: 'output', type: 'number' }],
    run: (inputs) => ({ outputs: { output: toDate(inputs.date, 'date') } }),
  },
  {
    id: 'date.unix',
    name: 'UNIX',
    category: 'Date & Time',
    oktaKey: 'date:unix',
    help: 'The date & time as whole seconds since 1970-01-01T00:00:00Z (UNIX time).',
    pure: true,
    inputs: [dateIn('date')],
    outputs: [{ key: 'output', type: 'number' }],
    run: (inputs) => ({ outputs: { output: Math.floor(toDate(inputs.date, 'date') / 1000) } }),
  },
  {
    id: 'date.iso',
    name: 'ISO',
    category: 'Date & Time',
    oktaKey: 'date:iso',
    help: 'The date & time as ISO 8601 text in UTC (e.g. from epoch milliseconds or an HTTP date).',
    pure: true,
    inputs: [dateIn('date')],
    outputs: [{ key: 'output', type: 'text' }],
    run: (inputs) => ({ outputs: { output: toIso(toDate(inputs.date, 'date')) } }),
  },
]

// Value conversion between Workflows data types, following its loose flags (auto-transform,
// looseStrings, looseNulls): numbers and booleans become text, empty becomes empty, and a value
// that cannot be converted is a clear card error naming the input.
import { FlowError } from './errors'

export type PlainObject = Record<string, unknown>

export function isPlainObject(value: unknown): value is PlainObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

export function toText(value: unknown, input: string): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (typeof value === 'object') return JSON.stringify(value)
  throw new FlowError(`Input "${input}" cannot be converted to Text`)
}

export function toObject(value: unknown, input: string): PlainObject {
  if (value === undefined || value === null || value === '') return {}
  if (isPlainObject(value)) return value
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value)
      if (isPlainObject(parsed)) return parsed
    } catch {
      // fall through to the error below
    }
  }
  throw new FlowError(`Input "${input}" must be an Object, got ${describeType(value)}`)
}

export function describeType(value: unknown): string {
  if (value === null || value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'a List'
  switch (typeof value) {
    case 'string':
      return 'Text'
    case 'number':
      return 'a Number'
    case 'boolean':
      return 'True/False'
    default:
      return 'an Object'
  }
}

/** UTF-8 safe Base64 (btoa only takes Latin-1). */
export function base64Encode(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

export function base64Decode(encoded: string, input: string): string {
  let binary: string
  try {
    binary = atob(encoded.trim())
  } catch {
    throw new FlowError(`Input "${input}" is not valid Base64`)
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0))
  return new TextDecoder().decode(bytes)
}

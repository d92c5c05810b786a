// Share links: a project in a URL fragment, `#p1/<base64url(deflate-raw(JSON))>`. Encoding strips
// secrets; decoding treats the link as hostile input — it caps the encoded length, streams the
// decompression with a cap on output size, and checks the payload's shape before anything uses it.
// Every format version ever released keeps its decoder here.
import type { ProjectContent, ProjectFiles } from '../definition'
import { stripSecrets, type StrippedSecret } from './strip-secrets'

export const SHARE_PREFIX_V1 = 'p1/'
/** Longest fragment we try to decode (browsers keep far longer URLs; this is a safety cap). */
export const MAX_LINK_CHARS = 400_000
/** Largest project JSON a link may inflate to. */
export const MAX_DECODED_BYTES = 4 * 1024 * 1024
const MAX_FILES = 500
const MAX_NAME_LENGTH = 200
const SAFE_PATH = /^[A-Za-z0-9_\-. ()]+(\/[A-Za-z0-9_\-. ()]+)*$/

export type DecodeResult = { ok: true; project: ProjectContent } | { ok: false; error: string }

export interface EncodeResult {
  /** The fragment without `#`, e.g. `p1/…`. */
  fragment: string
  /** Values that were removed because they looked like secrets. */
  stripped: StrippedSecret[]
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  const chunk = 0x8000
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk))
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/')
  try {
    return Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) =>
      c.charCodeAt(0),
    )
  } catch {
    return undefined
  }
}

async function pipeBytes(
  bytes: Uint8Array,
  transform: GenericTransformStream,
): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform)
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

/** Inflates with a running cap, so a decompression bomb is stopped early instead of filling memory. */
async function inflateCapped(bytes: Uint8Array, cap: number): Promise<Uint8Array | 'too-large'> {
  const reader = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'))
    .getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > cap) {
      await reader.cancel()
      return 'too-large'
    }
    chunks.push(value)
  }
  const out = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}

export async function encodeShareLink(project: ProjectContent): Promise<EncodeResult> {
  const { files, stripped } = stripSecrets(project.files)
  const json = JSON.stringify({ v: 1, name: project.name, files })
  const compressed = await pipeBytes(
    new TextEncoder().encode(json),
    new CompressionStream('deflate-raw'),
  )
  return { fragment: SHARE_PREFIX_V1 + toBase64Url(compressed), stripped }
}

/** Checks a decoded payload's shape and copies it into fresh objects (no prototype tricks). */
export function validateSharedPayload(payload: unknown): DecodeResult {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return { ok: false, error: 'The link does not contain a project.' }
  }
  const record = payload as Record<string, unknown>
  if (record.v !== 1) {
    return { ok: false, error: `The link uses an unknown project version (${String(record.v)}).` }
  }
  if (typeof record.name !== 'string' || record.name.trim() === '') {
    return { ok: false, error: 'The shared project has no name.' }
  }
  const files = record.files
  if (files === null || typeof files !== 'object' || Array.isArray(files)) {
    return { ok: false, error: 'The shared project has no files.' }
  }
  const entries = Object.entries(files as Record<string, unknown>)
  if (entries.length === 0) return { ok: false, error: 'The shared project has no files.' }
  if (entries.length > MAX_FILES) {
    return { ok: false, error: `The shared project has more than ${MAX_FILES} files.` }
  }
  const clean: ProjectFiles = Object.create(null) as ProjectFiles
  for (const [path, text] of entries) {
    if (!SAFE_PATH.test(path) || path.split('/').some((s) => s === '..' || s === '.')) {
      return {
        ok: false,
        error: `The shared project has an unsafe file path: ${JSON.stringify(path.slice(0, 80))}`,
      }
    }
    if (path === '__proto__' || path === 'constructor' || path === 'prototype') {
      return { ok: false, error: `The shared project has a reserved file name: ${path}` }
    }
    if (typeof text !== 'string') {
      return { ok: false, error: `The shared file ${path} is not text.` }
    }
    clean[path] = text
  }
  return {
    ok: true,
    project: { name: record.name.trim().slice(0, MAX_NAME_LENGTH), files: { ...clean } },
  }
}

/** Decodes a fragment (with or without `#`). Never throws. */
export async function decodeShareLink(fragment: string): Promise<DecodeResult> {
  const body = fragment.startsWith('#') ? fragment.slice(1) : fragment
  if (!body.startsWith(SHARE_PREFIX_V1)) {
    return { ok: false, error: 'This is not a Connector Playground project link.' }
  }
  if (body.length > MAX_LINK_CHARS) {
    return {
      ok: false,
      error: `The link is too long (${body.length.toLocaleString('en-US')} characters; the limit is ${MAX_LINK_CHARS.toLocaleString('en-US')}).`,
    }
  }
  const bytes = fromBase64Url(body.slice(SHARE_PREFIX_V1.length))
  if (!bytes || bytes.length === 0) {
    return { ok: false, error: 'The link is damaged: it is not valid base64url.' }
  }
  let inflated: Uint8Array | 'too-large'
  try {
    inflated = await inflateCapped(bytes, MAX_DECODED_BYTES)
  } catch {
    return {
      ok: false,
      error: 'The link is damaged: its data does not decompress (was it cut short?).',
    }
  }
  if (inflated === 'too-large') {
    return {
      ok: false,
      error: `The link expands to more than ${MAX_DECODED_BYTES / 1024 / 1024} MB, so it was not opened.`,
    }
  }
  let payload: unknown
  try {
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated))
  } catch {
    return { ok: false, error: 'The link is damaged: its content is not valid JSON.' }
  }
  return validateSharedPayload(payload)
}

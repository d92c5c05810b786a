// The OAuth 2.0 client side of the platform (what Workflows does for a connector): PKCE, the
// authorize URL with `state`, token requests for the authorization code, refresh and client
// credentials grants with either client authentication method, and reading token responses and
// RFC 6749 errors into messages a person can act on.
import type { MockRequest, MockResponse } from '../mocks/types'
import type { TokenSet } from './platform-store'

export type TokenSender = (request: MockRequest) => Promise<MockResponse>

/** The redirect URI the playground registers, like Workflows' `oauth.workflows.okta.com/…/cb`. */
export function redirectUriFor(connectorKey: string): string {
  return `https://oauth.playground.example/oauth/${encodeURIComponent(connectorKey)}/cb`
}

export function base64Url(bytes: Uint8Array): string {
  let text = ''
  for (const byte of bytes) text += String.fromCharCode(byte)
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

export function randomUrlToken(bytes: number): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)))
}

/** RFC 7636: the S256 challenge of a verifier. */
export async function pkceChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))
  return base64Url(new Uint8Array(digest))
}

export function formEncode(fields: Record<string, string | undefined>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) params.set(key, value)
  return params.toString()
}

/** `Authorization: Basic base64(user:password)` (RFC 7617, UTF-8). */
export function basicAuthorization(user: string, password: string): string {
  let text = ''
  for (const byte of new TextEncoder().encode(`${user}:${password}`))
    text += String.fromCharCode(byte)
  return `Basic ${btoa(text)}`
}

/** Client authentication (RFC 6749 §2.3.1): id and secret form-encoded, then Basic. */
export function basicCredentials(clientId: string, secret: string): string {
  return basicAuthorization(encodeURIComponent(clientId), encodeURIComponent(secret))
}

export interface AuthorizeParams {
  authorizeUrl: string
  clientId: string
  redirectUri: string
  scopes: string[]
  state: string
  codeChallenge?: string
}

export function buildAuthorizeUrl(params: AuthorizeParams): string {
  const url = new URL(params.authorizeUrl)
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('client_id', params.clientId)
  url.searchParams.set('redirect_uri', params.redirectUri)
  if (params.scopes.length > 0) url.searchParams.set('scope', params.scopes.join(' '))
  url.searchParams.set('state', params.state)
  if (params.codeChallenge) {
    url.searchParams.set('code_challenge', params.codeChallenge)
    url.searchParams.set('code_challenge_method', 'S256')
  }
  return url.toString()
}

export type TokenResult = { ok: true; tokens: TokenSet } | { ok: false; message: string }

interface TokenClient {
  tokenUrl: string
  clientId: string
  clientSecret?: string
  clientAuthentication: 'client_secret_basic' | 'client_secret_post'
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/** Says what an OAuth error response means, e.g. `invalid_grant: The refresh token was revoked`. */
export function describeOAuthError(response: MockResponse, what: string): string {
  const body = parseJson(response.body)
  const code = typeof body?.error === 'string' ? body.error : undefined
  const detail =
    typeof body?.error_description === 'string'
      ? body.error_description
      : typeof body?.message === 'string'
        ? body.message
        : undefined
  if (code) return `${what} failed with ${response.status} ${code}${detail ? `: ${detail}` : ''}`
  return `${what} failed with HTTP ${response.status} ${response.statusText}${
    body ? '' : ' (the response was not JSON)'
  }`
}

/** Sends a token request with the client's authentication method and reads the token set. */
export async function requestTokens(
  send: TokenSender,
  client: TokenClient,
  grant: TokenSet['grant'],
  fields: Record<string, string | undefined>,
  now: number,
  what: string,
  previous?: TokenSet,
): Promise<TokenResult> {
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  }
  const body: Record<string, string | undefined> = { ...fields }
  if (client.clientSecret !== undefined && client.clientAuthentication === 'client_secret_basic') {
    headers.authorization = basicCredentials(client.clientId, client.clientSecret)
  } else {
    body.client_id = client.clientId
    body.client_secret = client.clientSecret
  }
  let response: MockResponse
  try {
    response = await send({
      method: 'POST',
      url: client.tokenUrl,
      headers,
      body: formEncode(body),
    })
  } catch (error) {
    return { ok: false, message: `${what} could not be sent: ${String(error)}` }
  }
  if (response.status < 200 || response.status >= 300) {
    return { ok: false, message: describeOAuthError(response, what) }
  }
  const token = parseJson(response.body)
  const accessToken = token?.access_token
  if (typeof accessToken !== 'string' || accessToken === '') {
    return { ok: false, message: `${what}: the token response has no access_token` }
  }
  const expiresIn = Number(token?.expires_in)
  const refreshToken =
    typeof token?.refresh_token === 'string' ? token.refresh_token : previous?.refreshToken
  const scope = typeof token?.scope === 'string' ? token.scope : previous?.scope
  const tokens: TokenSet = {
    accessToken,
    tokenType: typeof token?.token_type === 'string' ? token.token_type : 'Bearer',
    grant,
    tokenUrl: previous?.tokenUrl ?? client.tokenUrl,
    clientId: client.clientId,
    clientAuthentication: client.clientAuthentication,
  }
  if (previous?.refreshUrl) tokens.refreshUrl = previous.refreshUrl
  if (client.clientSecret !== undefined) tokens.clientSecret = client.clientSecret
  if (refreshToken !== undefined) tokens.refreshToken = refreshToken
  if (scope !== undefined) tokens.scope = scope
  if (Number.isFinite(expiresIn) && expiresIn > 0) tokens.expiresAt = now + expiresIn * 1000
  return { ok: true, tokens }
}

/** Reads the provider's redirect back to the platform: the code, or the error it reports. */
export function readRedirect(
  location: string | undefined,
  redirectUri: string,
  expectedState: string,
): { ok: true; code: string } | { ok: false; message: string; denied?: boolean } {
  if (!location) return { ok: false, message: 'The provider did not redirect back (no Location)' }
  let url: URL
  try {
    url = new URL(location)
  } catch {
    return { ok: false, message: `The provider redirected to an invalid URL: ${location}` }
  }
  if (`${url.origin}${url.pathname}` !== redirectUri) {
    return {
      ok: false,
      message: `The provider redirected to ${url.origin}${url.pathname}, not ${redirectUri}`,
    }
  }
  if (url.searchParams.get('state') !== expectedState) {
    return {
      ok: false,
      message:
        'The state returned by the provider does not match the one sent; the response was rejected (possible CSRF).',
    }
  }
  const error = url.searchParams.get('error')
  if (error) {
    const description = url.searchParams.get('error_description')
    return {
      ok: false,
      denied: error === 'access_denied',
      message:
        error === 'access_denied'
          ? `Access was denied on the consent screen${description ? `: ${description}` : ''}`
          : `The provider returned ${error}${description ? `: ${description}` : ''}`,
    }
  }
  const code = url.searchParams.get('code')
  if (!code) return { ok: false, message: 'The provider redirected back without a code' }
  return { ok: true, code }
}

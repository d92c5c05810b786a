import { describe, expect, test } from 'vitest'
import {
  basicCredentials,
  buildAuthorizeUrl,
  describeOAuthError,
  pkceChallenge,
  readRedirect,
  requestTokens,
} from './oauth'
import type { MockRequest, MockResponse } from '../mocks/types'

const REDIRECT = 'https://oauth.playground.example/oauth/demo_KEY/cb'

const json = (status: number, body: unknown): MockResponse => ({
  status,
  statusText: '',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

describe('PKCE and the authorize URL', () => {
  test('the S256 challenge matches RFC 7636 appendix B', async () => {
    expect(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    )
  })

  test('the authorize URL carries the grant parameters, and keeps existing query parameters', () => {
    const url = new URL(
      buildAuthorizeUrl({
        authorizeUrl: 'https://files.example/oauth2/authorize?prompt=consent',
        clientId: 'app',
        redirectUri: REDIRECT,
        scopes: ['profile', 'files.read'],
        state: 'xyz',
        codeChallenge: 'abc',
      }),
    )
    expect(Object.fromEntries(url.searchParams)).toEqual({
      prompt: 'consent',
      response_type: 'code',
      client_id: 'app',
      redirect_uri: REDIRECT,
      scope: 'profile files.read',
      state: 'xyz',
      code_challenge: 'abc',
      code_challenge_method: 'S256',
    })
  })
})

describe('reading the redirect back', () => {
  test('a code with the right state is accepted', () => {
    expect(readRedirect(`${REDIRECT}?code=c1&state=s1`, REDIRECT, 's1')).toEqual({
      ok: true,
      code: 'c1',
    })
  })

  test.each([
    [`${REDIRECT}?code=c1&state=other`, 's1', 'does not match'],
    [`${REDIRECT}?code=c1`, 's1', 'does not match'],
    ['https://evil.example/cb?code=c1&state=s1', 's1', 'not https://oauth.playground.example'],
    [`${REDIRECT}?state=s1`, 's1', 'without a code'],
    [`${REDIRECT}?error=access_denied&state=s1`, 's1', 'Access was denied'],
    [`${REDIRECT}?error=server_error&error_description=down&state=s1`, 's1', 'server_error: down'],
    [undefined, 's1', 'no Location'],
    ['::', 's1', 'invalid URL'],
  ])('%s is refused (%s)', (location, state, message) => {
    const result = readRedirect(location, REDIRECT, state)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.message).toContain(message)
  })
})

describe('token requests', () => {
  const client = {
    tokenUrl: 'https://files.example/oauth2/token',
    clientId: 'app id',
    clientSecret: 's&cret',
  }

  test('client_secret_basic form-encodes the credentials into the Basic header', async () => {
    const sent: MockRequest[] = []
    const result = await requestTokens(
      async (request) => {
        sent.push(request)
        return json(200, { access_token: 'at', expires_in: 900, refresh_token: 'rt', scope: 'a b' })
      },
      { ...client, clientAuthentication: 'client_secret_basic' },
      'authorization_code',
      { grant_type: 'authorization_code', code: 'c', code_verifier: undefined },
      1_000,
      'Exchange',
    )
    expect(sent[0]?.headers.authorization).toBe(basicCredentials('app id', 's&cret'))
    expect(atob((sent[0]?.headers.authorization ?? '').slice(6))).toBe('app%20id:s%26cret')
    expect(sent[0]?.body).toBe('grant_type=authorization_code&code=c')
    expect(result).toEqual({
      ok: true,
      tokens: {
        accessToken: 'at',
        tokenType: 'Bearer',
        refreshToken: 'rt',
        scope: 'a b',
        expiresAt: 901_000,
        grant: 'authorization_code',
        tokenUrl: client.tokenUrl,
        clientId: 'app id',
        clientSecret: 's&cret',
        clientAuthentication: 'client_secret_basic',
      },
    })
  })

  test('client_secret_post puts them in the body; a refresh keeps the old refresh token if none comes back', async () => {
    const sent: MockRequest[] = []
    const result = await requestTokens(
      async (request) => {
        sent.push(request)
        return json(200, { access_token: 'at2', token_type: 'bearer' })
      },
      { ...client, clientAuthentication: 'client_secret_post' },
      'authorization_code',
      { grant_type: 'refresh_token', refresh_token: 'rt' },
      0,
      'Refresh',
      {
        accessToken: 'at',
        tokenType: 'Bearer',
        refreshToken: 'rt',
        grant: 'authorization_code',
        tokenUrl: client.tokenUrl,
        refreshUrl: 'https://files.example/oauth2/refresh',
        clientId: 'app id',
        clientAuthentication: 'client_secret_post',
      },
    )
    expect(sent[0]?.headers.authorization).toBeUndefined()
    expect(new URLSearchParams(sent[0]?.body ?? '').get('client_secret')).toBe('s&cret')
    expect(result.ok && result.tokens.refreshToken).toBe('rt')
    expect(result.ok && result.tokens.refreshUrl).toBe('https://files.example/oauth2/refresh')
    expect(result.ok && result.tokens.expiresAt).toBeUndefined()
  })

  test('errors are described from the RFC 6749 body, or from the status when it is not JSON', async () => {
    expect(
      describeOAuthError(
        json(400, { error: 'invalid_grant', error_description: 'used' }),
        'Refresh',
      ),
    ).toBe('Refresh failed with 400 invalid_grant: used')
    expect(
      describeOAuthError(
        { status: 502, statusText: 'Bad Gateway', headers: {}, body: '<html>' },
        'X',
      ),
    ).toBe('X failed with HTTP 502 Bad Gateway (the response was not JSON)')
    const missing = await requestTokens(
      async () => json(200, { token_type: 'Bearer' }),
      { ...client, clientAuthentication: 'client_secret_basic' },
      'client_credentials',
      {},
      0,
      'Token',
    )
    expect(missing).toEqual({ ok: false, message: 'Token: the token response has no access_token' })
  })
})

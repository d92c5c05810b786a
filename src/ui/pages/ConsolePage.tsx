// The request console: a small Postman for the mock APIs. Build a request (or start from a
// preset), optionally apply a connection — its values fill `{{connection.key}}` placeholders and
// Basic/OAuth connections add the Authorization header — send it, and read the response, the
// request exactly as sent (secrets redacted by the worker) and the same request as curl.
// The draft lives at module level so it survives switching pages.
import { createMemo, createSignal, For, Show } from 'solid-js'
import { createStore } from 'solid-js/store'
import type { ConnectionSummary, ConsoleExchange } from '../../platform/engine-api'
import {
  CONSOLE_PRESETS,
  describeAuthType,
  formatDuration,
  headerValue,
  invalidHeaderNames,
  isJsonContentType,
  methodHasBody,
  placeholderKeys,
  prettyBody,
  rowsToHeaders,
  shortUrl,
  statusClass,
  statusLine,
  type ConsolePreset,
  type HeaderRow,
} from '../console-format'
import { usePlatform } from '../state/platform-state'
import { CopyButton } from './MocksPage'
import './mocks.css'

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']

interface ConsoleDraft {
  presetId: string
  method: string
  url: string
  connectionId: string
  headers: HeaderRow[]
  body: string
}

const [draft, setDraft] = createStore<ConsoleDraft>({
  presetId: '',
  method: 'GET',
  url: '',
  connectionId: '',
  headers: [{ key: '', value: '' }],
  body: '',
})
/** The exchange picked in the history; the newest one when none is (or it has gone). */
const [picked, setPicked] = createSignal<ConsoleExchange>()

const SERVICE_NAMES: Record<string, string> = {
  hr: 'Acme HR',
  files: 'Nimbus Files',
  tickets: 'Tickety',
}

function applyPreset(preset: ConsolePreset) {
  setDraft({
    presetId: preset.id,
    method: preset.method,
    url: preset.url,
    headers: [...preset.headers.map((h) => ({ ...h })), { key: '', value: '' }],
    body: preset.body ?? '',
  })
}

// ---- The request form --------------------------------------------------------------------------

function PresetPicker() {
  const platform = usePlatform()
  const groups = createMemo(() => {
    const ids = [...new Set(CONSOLE_PRESETS.map((p) => p.serviceId))]
    return ids.map((id) => ({
      id,
      name:
        platform.state.mocks?.services.find((s) => s.id === id)?.name ?? SERVICE_NAMES[id] ?? id,
      presets: CONSOLE_PRESETS.filter((p) => p.serviceId === id),
    }))
  })
  return (
    <div class="console-field">
      <label for="console-preset">Start from a preset</label>
      <select
        id="console-preset"
        data-testid="console-preset"
        value={draft.presetId}
        onChange={(e) => {
          const preset = CONSOLE_PRESETS.find((p) => p.id === e.currentTarget.value)
          if (preset) applyPreset(preset)
          else setDraft('presetId', '')
        }}
      >
        <option value="">Choose a request…</option>
        <For each={groups()}>
          {(group) => (
            <optgroup label={group.name}>
              <For each={group.presets}>
                {(preset) => (
                  <option value={preset.id} selected={preset.id === draft.presetId}>
                    {preset.label}
                  </option>
                )}
              </For>
            </optgroup>
          )}
        </For>
      </select>
    </div>
  )
}

function ConnectionPicker(props: { connections: ConnectionSummary[]; selected: string }) {
  return (
    <div class="console-field">
      <label for="console-connection">Connection</label>
      <select
        id="console-connection"
        data-testid="console-connection"
        value={props.selected}
        onChange={(e) => setDraft('connectionId', e.currentTarget.value)}
      >
        <option value="" selected={props.selected === ''}>
          No auth
        </option>
        <For each={props.connections}>
          {(c) => (
            <option value={c.id} selected={c.id === props.selected}>
              {c.name} ({describeAuthType(c.authType)}
              {c.account ? `, ${c.account}` : ''})
              {c.health.state === 'revoked' || c.health.state === 'failed'
                ? ` — ${c.health.state}`
                : ''}
            </option>
          )}
        </For>
      </select>
    </div>
  )
}

function HeaderEditor() {
  return (
    <fieldset class="console-headers">
      <legend>Headers</legend>
      <div class="console-header-rows">
        <For each={draft.headers}>
          {(row, index) => (
            <div class="console-header-row">
              <input
                data-testid="console-header-key"
                aria-label={`Header ${index() + 1} name`}
                placeholder="Name"
                spellcheck={false}
                value={row.key}
                onInput={(e) => setDraft('headers', index(), 'key', e.currentTarget.value)}
              />
              <input
                data-testid="console-header-value"
                aria-label={`Header ${index() + 1} value`}
                placeholder="Value"
                spellcheck={false}
                value={row.value}
                onInput={(e) => setDraft('headers', index(), 'value', e.currentTarget.value)}
              />
              <button
                type="button"
                class="icon-button"
                data-testid="console-remove-header"
                aria-label={`Remove header ${row.key || index() + 1}`}
                title="Remove header"
                onClick={() => setDraft('headers', (rows) => rows.filter((_, i) => i !== index()))}
              >
                ×
              </button>
            </div>
          )}
        </For>
      </div>
      <button
        type="button"
        class="small"
        data-testid="console-add-header"
        onClick={() => setDraft('headers', (rows) => [...rows, { key: '', value: '' }])}
      >
        Add header
      </button>
    </fieldset>
  )
}

function BodyEditor() {
  const notJson = () => {
    const type = headerValue(rowsToHeaders(draft.headers), 'content-type')
    if (draft.body.trim() === '' || (type !== undefined && !isJsonContentType(type))) return false
    try {
      JSON.parse(draft.body.replace(/\{\{\s*connection\.[^}]*\}\}/g, '0'))
      return false
    } catch {
      return true
    }
  }
  return (
    <div class="console-field">
      <label for="console-body">Body</label>
      <textarea
        id="console-body"
        data-testid="console-body"
        rows={8}
        spellcheck={false}
        placeholder='{ "key": "value" }'
        value={draft.body}
        onInput={(e) => setDraft('body', e.currentTarget.value)}
      />
      <p class="help">
        Sent as <code>Content-Type: application/json</code> unless you add a Content-Type header.
      </p>
      <Show when={notJson()}>
        <p class="console-warning" data-testid="console-body-warning">
          This body is not valid JSON; the API will probably answer 400.
        </p>
      </Show>
    </div>
  )
}

function RequestForm(props: {
  sending: boolean
  formError: string | undefined
  onSend: () => void
}) {
  const platform = usePlatform()
  /** The chosen connection, when it still exists. */
  const connectionId = () =>
    platform.state.connections.some((c) => c.id === draft.connectionId) ? draft.connectionId : ''
  const missingConnection = () =>
    connectionId() === ''
      ? placeholderKeys(
          draft.url,
          ...draft.headers.map((h) => h.value),
          methodHasBody(draft.method) ? draft.body : '',
        )
      : []
  return (
    <form
      class="console-request"
      aria-label="Request"
      onSubmit={(e) => {
        e.preventDefault()
        props.onSend()
      }}
    >
      <div class="console-pickers">
        <PresetPicker />
        <ConnectionPicker connections={platform.state.connections} selected={connectionId()} />
      </div>
      <div class="request-line">
        <label class="visually-hidden" for="console-method">
          Method
        </label>
        <select
          id="console-method"
          data-testid="console-method"
          value={draft.method}
          onChange={(e) => setDraft({ method: e.currentTarget.value, presetId: '' })}
        >
          <For each={METHODS}>
            {(method) => (
              <option value={method} selected={method === draft.method}>
                {method}
              </option>
            )}
          </For>
        </select>
        <label class="visually-hidden" for="console-url">
          URL
        </label>
        <input
          id="console-url"
          class="console-url"
          data-testid="console-url"
          type="text"
          inputMode="url"
          spellcheck={false}
          autocomplete="off"
          placeholder="https://hr.example/api/v1/users"
          value={draft.url}
          onInput={(e) => setDraft({ url: e.currentTarget.value, presetId: '' })}
        />
        <button type="submit" class="primary" data-testid="console-send" disabled={props.sending}>
          {props.sending ? 'Sending…' : 'Send'}
        </button>
      </div>
      <p class="help">
        <kbd>Ctrl</kbd>/<kbd>⌘</kbd>+<kbd>Enter</kbd> sends from anywhere in the console.
        Placeholders like <code>{'{{connection.api_key}}'}</code> or{' '}
        <code>{'{{connection.subdomain}}'}</code> in the URL, headers and body are filled from the
        chosen connection. Basic and OAuth 2.0 connections add the Authorization header themselves.
        Secrets are redacted in everything shown here.
      </p>
      <Show when={missingConnection().length > 0}>
        <p class="console-warning" data-testid="console-placeholder-warning">
          This request uses{' '}
          {missingConnection()
            .map((k) => `{{connection.${k}}}`)
            .join(', ')}
          : choose a connection to fill {missingConnection().length === 1 ? 'it' : 'them'} in.
        </p>
      </Show>
      <HeaderEditor />
      <Show when={methodHasBody(draft.method)}>
        <BodyEditor />
      </Show>
      <Show when={props.formError}>
        <p class="form-error" role="alert" data-testid="console-form-error">
          {props.formError}
        </p>
      </Show>
    </form>
  )
}

// ---- The response ------------------------------------------------------------------------------

function HeaderTable(props: { headers: Record<string, string>; label: string }) {
  return (
    <Show when={Object.keys(props.headers).length > 0} fallback={<p class="muted">No headers.</p>}>
      <table class="console-kv-table" aria-label={props.label}>
        <tbody>
          <For each={Object.entries(props.headers)}>
            {([name, value]) => (
              <tr>
                <th scope="row">{name}</th>
                <td>{value}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </Show>
  )
}

function SentRequest(props: { exchange: ConsoleExchange }) {
  const body = () => {
    const text = props.exchange.request.body
    if (text === null || text === '') return undefined
    return prettyBody(text, headerValue(props.exchange.request.headers, 'content-type'))
  }
  return (
    <section class="sent-request" data-testid="console-sent-request" aria-label="Request as sent">
      <h4>Request as sent</h4>
      <p class="sent-line">
        <strong>{props.exchange.request.method}</strong> <code>{props.exchange.request.url}</code>
      </p>
      <HeaderTable headers={props.exchange.request.headers} label="Request headers" />
      <Show when={body()}>{(b) => <pre class="json-view">{b().text}</pre>}</Show>
      <p class="help">
        What the console sent after filling placeholders and adding auth. Secrets appear as
        redacted.
      </p>
    </section>
  )
}

function ResponseBody(props: { exchange: ConsoleExchange }) {
  const contentType = () => headerValue(props.exchange.response.headers, 'content-type')
  const body = () => prettyBody(props.exchange.response.body, contentType())
  const malformed = () =>
    isJsonContentType(contentType()) && props.exchange.response.body !== '' && !body().json
  return (
    <section class="response-body" aria-label="Response body">
      <h4>Body</h4>
      <Show
        when={props.exchange.response.body !== ''}
        fallback={
          <p class="muted" data-testid="console-response-body">
            (empty body)
          </p>
        }
      >
        <pre class="json-view response-pre" data-testid="console-response-body">
          {body().text}
        </pre>
      </Show>
      <Show when={body().truncated > 0}>
        <p class="muted">… {body().truncated.toLocaleString()} more characters not shown.</p>
      </Show>
      <Show when={malformed()}>
        <p class="console-warning" data-testid="console-malformed">
          The response says it is JSON but does not parse (a malformed-body fault does this).
        </p>
      </Show>
    </section>
  )
}

function ExchangeView(props: { exchange: ConsoleExchange }) {
  const sent = () => props.exchange.response.status > 0
  const headerCount = () => Object.keys(props.exchange.response.headers).length
  return (
    <section class="console-response" data-testid="console-response" aria-label="Response">
      <div class="response-summary">
        <span
          class={`http-status http-${statusClass(sent() ? props.exchange.response.status : undefined)}`}
          data-testid="console-status"
        >
          {sent()
            ? statusLine(props.exchange.response.status, props.exchange.response.statusText)
            : 'Not sent'}
        </span>
        <Show when={sent()}>
          <span class="muted" data-testid="console-duration">
            {formatDuration(props.exchange.durationMs)}
          </span>
        </Show>
        <CopyButton
          text={props.exchange.curl}
          label="Copy as curl"
          name="Copy the request as a curl command"
          testId="console-copy-curl"
        />
      </div>
      <Show when={props.exchange.error}>
        <div class="callout error" role="alert" data-testid="console-error">
          {props.exchange.error}
        </div>
      </Show>
      <Show when={sent()}>
        <ResponseBody exchange={props.exchange} />
        <details class="response-headers">
          <summary>Response headers ({headerCount()})</summary>
          <HeaderTable headers={props.exchange.response.headers} label="Response headers" />
        </details>
      </Show>
      <SentRequest exchange={props.exchange} />
      <details class="curl-details">
        <summary>curl command</summary>
        <pre class="json-view" data-testid="console-curl">
          {props.exchange.curl}
        </pre>
      </details>
    </section>
  )
}

// ---- History -----------------------------------------------------------------------------------

function History(props: {
  exchanges: ConsoleExchange[]
  shown: ConsoleExchange | undefined
  onPick: (exchange: ConsoleExchange) => void
}) {
  return (
    <aside class="console-history" aria-labelledby="console-history-title">
      <h3 id="console-history-title">History</h3>
      <Show
        when={props.exchanges.length > 0}
        fallback={<p class="muted">Requests you send appear here, for this session.</p>}
      >
        <ol class="history-list">
          <For each={props.exchanges}>
            {(exchange) => (
              <li>
                <button
                  type="button"
                  class="history-item"
                  classList={{ active: exchange === props.shown }}
                  aria-current={exchange === props.shown ? 'true' : undefined}
                  data-testid="console-history-item"
                  title={`${exchange.request.method} ${exchange.request.url}`}
                  onClick={() => props.onPick(exchange)}
                >
                  <span class="history-method">{exchange.request.method}</span>
                  <span class="history-url">{shortUrl(exchange.request.url)}</span>
                  <span
                    class={`http-status http-${statusClass(exchange.response.status || undefined)}`}
                  >
                    {exchange.response.status || 'error'}
                  </span>
                </button>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </aside>
  )
}

// ---- The page ----------------------------------------------------------------------------------

export default function ConsolePage() {
  const platform = usePlatform()
  const [sending, setSending] = createSignal(false)
  const [formError, setFormError] = createSignal<string>()

  const shown = () => {
    const chosen = picked()
    return chosen && platform.state.console.includes(chosen) ? chosen : platform.state.console[0]
  }

  const send = async () => {
    if (sending()) return
    const url = draft.url.trim()
    if (url === '') {
      setFormError('Enter a URL, or start from a preset.')
      return
    }
    const invalid = invalidHeaderNames(draft.headers)
    if (invalid.length > 0) {
      setFormError(
        `Not a valid header name: ${invalid.map((n) => `"${n}"`).join(', ')} (no spaces or colons).`,
      )
      return
    }
    const connectionId = platform.state.connections.some((c) => c.id === draft.connectionId)
      ? draft.connectionId
      : undefined
    setFormError(undefined)
    setSending(true)
    try {
      await platform.actions.sendRequest({
        method: draft.method,
        url,
        headers: rowsToHeaders(draft.headers),
        body: methodHasBody(draft.method) && draft.body !== '' ? draft.body : null,
        ...(connectionId ? { connectionId } : {}),
      })
      setPicked(undefined)
    } catch (e) {
      setFormError(`The console could not send it: ${e instanceof Error ? e.message : String(e)}`)
    } finally {
      setSending(false)
    }
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault()
      // The app's own Ctrl/Cmd+Enter runs the flow; here it sends the request instead.
      event.stopPropagation()
      void send()
    }
  }

  return (
    <section
      class="console-page"
      data-testid="console-page"
      aria-labelledby="console-page-title"
      on:keydown={onKeyDown}
    >
      <header class="page-header">
        <div>
          <h2 id="console-page-title">Request console</h2>
          <p class="help">
            Call the mock APIs by hand, with or without a connection, to learn what an endpoint
            expects and returns before you build a card for it.
          </p>
        </div>
      </header>
      <div class="console-layout">
        <div class="console-main">
          <RequestForm sending={sending()} formError={formError()} onSend={() => void send()} />
          <Show
            when={shown()}
            fallback={
              <p class="muted console-empty">
                Send a request to see the response here. Try a preset.
              </p>
            }
          >
            {(exchange) => <ExchangeView exchange={exchange()} />}
          </Show>
        </div>
        <History
          exchanges={platform.state.console}
          shown={shown()}
          onPick={(exchange) => setPicked(() => exchange)}
        />
      </div>
    </section>
  )
}

// The Mock services page for the open project: the virtual clock, one card per mock service
// (what it holds, its fake demo credentials, faults to arm, expire/revoke/reset), and the log of
// recent requests. It refreshes the mock state while it is shown, so faults that disarm
// themselves as they fire and new log entries appear without a click.
import { createSignal, For, Match, onCleanup, onMount, Show, Switch } from 'solid-js'
import { createStore } from 'solid-js/store'
import type { Fault, MockLogEntry, MockServiceState, MockState } from '../../platform/engine-api'
import {
  DEFAULT_FAULT_DRAFT,
  describeAuthStyle,
  describeFault,
  describeOffset,
  describeRevoke,
  FAULT_KINDS,
  FAULT_LIMITS,
  faultFromDraft,
  relativeTime,
  statusClass,
  statusLine,
  type FaultDraft,
  type FaultKind,
} from '../console-format'
import ConfirmDialog from '../panels/ConfirmDialog'
import { usePlatform } from '../state/platform-state'
import './mocks.css'

const REFRESH_MS = 2_000
/** The worker keeps at most this many faults per service (src/mocks/faults.ts). */
const MAX_FAULTS = 16

const MINUTE = 60_000
const SERVER_ERRORS = [500, 502, 503, 504] as const
const ADVANCES = [
  {
    testId: 'clock-advance-5m',
    label: '+5 min',
    ms: 5 * MINUTE,
    name: 'Advance the clock 5 minutes',
  },
  {
    testId: 'clock-advance-1h',
    label: '+1 hour',
    ms: 60 * MINUTE,
    name: 'Advance the clock 1 hour',
  },
  {
    testId: 'clock-advance-1d',
    label: '+1 day',
    ms: 24 * 60 * MINUTE,
    name: 'Advance the clock 1 day',
  },
]

const FAULT_BADGES: Record<string, string> = {
  rateLimit: 'rate limit',
  serverError: 'server error',
  latency: 'latency',
  malformedBody: 'malformed body',
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' })
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' })
const dayKey = (ms: number) => new Date(ms).toDateString()

interface ConfirmRequest {
  title: string
  message: string
  confirmLabel: string
  onConfirm: () => Promise<unknown>
  /** Said in the status line once it is done. */
  done: string
}

/** What the page hands its parts: run an action (busy, errors, a status line) or ask first. */
interface PageTools {
  busy: () => boolean
  /** Waits for an action's promise with the page busy; shows its error, or `done` after it. */
  run: (work: Promise<unknown>, done?: string) => Promise<boolean>
  ask: (request: ConfirmRequest) => void
}

/** Plain copies: store proxies cannot cross the worker boundary (structured clone). */
const plainFaults = (faults: readonly Fault[]): Fault[] => faults.map((f) => ({ ...f }))

// ---- Copying -----------------------------------------------------------------------------------

/** A button that copies a text and says "Copied" for a moment (or that copying failed). */
export function CopyButton(props: {
  text: string
  label?: string
  /** The accessible name, e.g. "Copy password". */
  name?: string
  testId?: string
  class?: string
}) {
  const [copied, setCopied] = createSignal<'idle' | 'copied' | 'failed'>('idle')
  let timer: ReturnType<typeof setTimeout> | undefined
  onCleanup(() => clearTimeout(timer))
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text)
      setCopied('copied')
    } catch {
      setCopied('failed')
    }
    clearTimeout(timer)
    timer = setTimeout(() => setCopied('idle'), 1_800)
  }
  return (
    <button
      type="button"
      class={`copy-button ${props.class ?? 'small'}`}
      classList={{ copied: copied() === 'copied' }}
      data-testid={props.testId}
      aria-label={copied() === 'idle' ? props.name : undefined}
      onClick={() => void copy()}
    >
      {copied() === 'copied'
        ? 'Copied'
        : copied() === 'failed'
          ? 'Copy failed — select it by hand'
          : (props.label ?? 'Copy')}
    </button>
  )
}

// ---- Virtual clock -----------------------------------------------------------------------------

function VirtualClock(props: { mocks: MockState; tools: PageTools }) {
  const platform = usePlatform()
  const [realNow, setRealNow] = createSignal(Date.now())
  const ticker = setInterval(() => setRealNow(Date.now()), 1_000)
  onCleanup(() => clearInterval(ticker))
  const virtualNow = () => realNow() + props.mocks.clockOffsetMs
  const ahead = () => props.mocks.clockOffsetMs >= MINUTE
  return (
    <section
      class="virtual-clock"
      data-testid="virtual-clock"
      aria-labelledby="virtual-clock-title"
    >
      <div class="clock-reading">
        <h3 id="virtual-clock-title">Virtual clock</h3>
        <time
          class="clock-now"
          data-testid="virtual-clock-now"
          dateTime={new Date(virtualNow()).toISOString()}
        >
          {dateTime.format(virtualNow())}
        </time>
        <span
          class="clock-offset"
          classList={{ ahead: ahead() }}
          data-testid="virtual-clock-offset"
        >
          {ahead()
            ? `${describeOffset(props.mocks.clockOffsetMs)} ahead of real time`
            : 'in step with real time'}
        </span>
      </div>
      <div class="clock-buttons" role="group" aria-label="Fast-forward the virtual clock">
        <For each={ADVANCES}>
          {(advance) => (
            <button
              type="button"
              data-testid={advance.testId}
              aria-label={advance.name}
              disabled={props.tools.busy()}
              onClick={() =>
                void props.tools.run(
                  platform.actions.advanceClock(advance.ms),
                  `The virtual clock moved ${advance.label.slice(1)} forward.`,
                )
              }
            >
              {advance.label}
            </button>
          )}
        </For>
      </div>
      <p class="help clock-help">
        Token expiry and schedules follow this clock; fast-forward and the next call refreshes the
        token. It only moves forward, and only for this project.
      </p>
    </section>
  )
}

// ---- Service card ------------------------------------------------------------------------------

function DemoCredentials(props: { service: MockServiceState }) {
  return (
    <section class="demo-credentials" aria-label={`Demo credentials for ${props.service.name}`}>
      <h4>
        Demo credentials <span class="fake-badge">Fake — mock service only</span>
      </h4>
      <p class="help">
        Made-up credentials that only this mock {props.service.name} accepts. Use them when you
        create a connection; they are not secrets and work nowhere else.
      </p>
      <Show
        when={props.service.demoCredentials.length > 0}
        fallback={<p class="muted">This service has no demo credentials.</p>}
      >
        <ul class="credential-list">
          <For each={props.service.demoCredentials}>
            {(credential) => (
              <li class="credential" data-testid="demo-credential">
                <div class="credential-label">{credential.label}</div>
                <dl class="credential-values">
                  <For each={Object.entries(credential.values)}>
                    {([key, value]) => (
                      <div class="credential-value">
                        <dt>{key}</dt>
                        <dd>
                          <code data-testid={`credential-${key}`}>{value}</code>
                          <CopyButton text={value} name={`Copy ${key} (${credential.label})`} />
                        </dd>
                      </div>
                    )}
                  </For>
                </dl>
                <Show when={credential.note}>
                  <p class="help">{credential.note}</p>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}

function ArmedFaults(props: { service: MockServiceState; tools: PageTools }) {
  const platform = usePlatform()
  const remove = (index: number) =>
    props.tools.run(
      platform.actions.setFaults(
        props.service.id,
        plainFaults(props.service.faults.filter((_, i) => i !== index)),
      ),
    )
  return (
    <div class="armed-faults">
      <div class="armed-header">
        <h5>Armed now</h5>
        <Show when={props.service.faults.length > 0}>
          <button
            type="button"
            class="small danger-text"
            data-testid="faults-clear"
            disabled={props.tools.busy()}
            onClick={() =>
              void props.tools.run(
                platform.actions.setFaults(props.service.id, []),
                `Faults cleared for ${props.service.name}.`,
              )
            }
          >
            Clear all
          </button>
        </Show>
      </div>
      <Show
        when={props.service.faults.length > 0}
        fallback={
          <p class="muted" data-testid="no-faults">
            None: requests are answered normally.
          </p>
        }
      >
        <ol class="armed-list">
          <For each={props.service.faults}>
            {(fault, index) => (
              <li class="armed-fault" data-testid="armed-fault" data-kind={fault.kind}>
                <span>{describeFault(fault)}</span>
                <button
                  type="button"
                  class="icon-button"
                  data-testid="fault-remove"
                  aria-label={`Remove fault: ${describeFault(fault)}`}
                  title="Remove"
                  disabled={props.tools.busy()}
                  onClick={() => void remove(index())}
                >
                  ×
                </button>
              </li>
            )}
          </For>
        </ol>
        <p class="help">
          They fire in this order; latency adds to whatever answers. Counted faults disarm
          themselves once used.
        </p>
      </Show>
    </div>
  )
}

function FaultParameter(props: {
  kind: FaultKind
  idPrefix: string
  draft: Omit<FaultDraft, 'kind'>
  set: (key: 'retryAfterSeconds' | 'status' | 'latencyMs', value: string) => void
}) {
  const id = () => `${props.idPrefix}-param`
  return (
    <Switch fallback={<span class="muted fault-no-param">No settings</span>}>
      <Match when={props.kind === 'rateLimit'}>
        <label for={id()}>
          Retry-After (seconds)
          <input
            id={id()}
            type="number"
            min="0"
            max={FAULT_LIMITS.retryAfterSeconds}
            step="1"
            data-testid="fault-retry-after"
            value={props.draft.retryAfterSeconds}
            onInput={(e) => props.set('retryAfterSeconds', e.currentTarget.value)}
          />
        </label>
      </Match>
      <Match when={props.kind === 'serverError'}>
        <label for={id()}>
          Status
          <select
            id={id()}
            data-testid="fault-status"
            value={props.draft.status}
            onChange={(e) => props.set('status', e.currentTarget.value)}
          >
            <For each={SERVER_ERRORS}>
              {(status) => (
                <option value={String(status)} selected={String(status) === props.draft.status}>
                  {statusLine(status)}
                </option>
              )}
            </For>
          </select>
        </label>
      </Match>
      <Match when={props.kind === 'latency'}>
        <label for={id()}>
          Delay (ms)
          <input
            id={id()}
            type="number"
            min="1"
            max={FAULT_LIMITS.latencyMs}
            step="100"
            data-testid="fault-latency-ms"
            value={props.draft.latencyMs}
            onInput={(e) => props.set('latencyMs', e.currentTarget.value)}
          />
        </label>
      </Match>
    </Switch>
  )
}

function FaultForm(props: {
  service: MockServiceState
  kind: FaultKind
  label: string
  help: string
  tools: PageTools
}) {
  const platform = usePlatform()
  const [draft, setDraft] = createStore<Omit<FaultDraft, 'kind'>>({ ...DEFAULT_FAULT_DRAFT })
  const [error, setError] = createSignal<string>()
  const idPrefix = () => `fault-${props.service.id}-${props.kind}`
  const arm = async () => {
    const built = faultFromDraft({ ...draft, kind: props.kind })
    if ('error' in built) {
      setError(built.error)
      return
    }
    if (props.service.faults.length >= MAX_FAULTS) {
      setError(`At most ${MAX_FAULTS} faults can be armed at once; remove one first.`)
      return
    }
    setError(undefined)
    await props.tools.run(
      platform.actions.setFaults(props.service.id, [
        ...plainFaults(props.service.faults),
        built.fault,
      ]),
      `Armed on ${props.service.name}: ${describeFault(built.fault)}.`,
    )
  }
  return (
    <fieldset class="fault-form" data-testid={`fault-form-${props.kind}`}>
      <legend>{props.label}</legend>
      <div class="fault-controls">
        <FaultParameter
          kind={props.kind}
          idPrefix={idPrefix()}
          draft={draft}
          set={(key, value) => setDraft(key, value)}
        />
        <label for={`${idPrefix()}-times`}>
          For the next
          <span class="times-input">
            <input
              id={`${idPrefix()}-times`}
              type="number"
              min="1"
              max={FAULT_LIMITS.times}
              step="1"
              data-testid={`fault-times-${props.kind}`}
              disabled={draft.untilOff}
              value={draft.times}
              onInput={(e) => setDraft('times', e.currentTarget.value)}
            />
            requests
          </span>
        </label>
        <label class="until-off" for={`${idPrefix()}-until-off`}>
          <input
            id={`${idPrefix()}-until-off`}
            type="checkbox"
            data-testid={`fault-until-off-${props.kind}`}
            checked={draft.untilOff}
            onChange={(e) => setDraft('untilOff', e.currentTarget.checked)}
          />
          or until turned off
        </label>
        <button
          type="button"
          class="arm-button"
          data-testid={`fault-arm-${props.kind}`}
          aria-label={`Arm ${props.label} on ${props.service.name}`}
          disabled={props.tools.busy()}
          onClick={() => void arm()}
        >
          Arm
        </button>
      </div>
      <p class="help">{props.help}</p>
      <Show when={error()}>
        <p class="form-error" role="alert">
          {error()}
        </p>
      </Show>
    </fieldset>
  )
}

function FaultsSection(props: { service: MockServiceState; tools: PageTools }) {
  return (
    <section
      class="faults"
      data-testid={`faults-${props.service.id}`}
      aria-labelledby={`faults-${props.service.id}-title`}
    >
      <h4 id={`faults-${props.service.id}-title`}>Faults</h4>
      <p class="help">
        Make {props.service.name} misbehave the way real APIs do, to see how your connector and
        flows cope: they apply to every request to this service, from flows and the console alike.
      </p>
      <ArmedFaults service={props.service} tools={props.tools} />
      <div class="fault-forms">
        <For each={FAULT_KINDS}>
          {(item) => (
            <FaultForm
              service={props.service}
              kind={item.kind}
              label={item.label}
              help={item.help}
              tools={props.tools}
            />
          )}
        </For>
      </div>
    </section>
  )
}

function ServiceControls(props: { service: MockServiceState; tools: PageTools }) {
  const platform = usePlatform()
  const [chosen, setSeed] = createSignal<string>()
  const seed = () => chosen() ?? props.service.seeds[0]?.id ?? ''
  const seedLabel = () => props.service.seeds.find((s) => s.id === seed())?.label ?? seed()
  const seedId = () => `seed-${props.service.id}`
  return (
    <section class="service-controls" aria-label={`Controls for ${props.service.name}`}>
      <h4>Credentials and data</h4>
      <Show when={props.service.authStyle === 'oauth2'}>
        <div class="control-row">
          <button
            type="button"
            data-testid="mock-expire-tokens"
            disabled={props.tools.busy()}
            onClick={() =>
              void props.tools.run(
                platform.actions.expireTokens(props.service.id),
                `${props.service.name}: every access token has expired. The next call gets 401 and the platform refreshes the token.`,
              )
            }
          >
            Expire tokens now
          </button>
          <p class="help">
            Every access token expires at once: the next call gets 401 and the platform refreshes
            the token with the refresh token, then retries.
          </p>
        </div>
      </Show>
      <div class="control-row">
        <button
          type="button"
          class="danger-text"
          data-testid="mock-revoke-credentials"
          disabled={props.tools.busy()}
          onClick={() =>
            props.tools.ask({
              title: `Revoke ${props.service.name} credentials?`,
              message: describeRevoke(props.service.authStyle),
              confirmLabel: 'Revoke credentials',
              onConfirm: () => platform.actions.revokeCredentials(props.service.id),
              done: `${props.service.name}: credentials revoked.`,
            })
          }
        >
          Revoke credentials
        </button>
        <p class="help">{describeRevoke(props.service.authStyle)}</p>
      </div>
      <div class="control-row reset-row">
        <label for={seedId()}>
          Seed data
          <select
            id={seedId()}
            data-testid="mock-seed-select"
            value={seed()}
            onChange={(e) => setSeed(e.currentTarget.value)}
          >
            <For each={props.service.seeds}>
              {(s) => (
                <option value={s.id} selected={s.id === seed()}>
                  {s.label}
                </option>
              )}
            </For>
          </select>
        </label>
        <button
          type="button"
          data-testid="mock-reset"
          disabled={props.tools.busy()}
          onClick={() =>
            props.tools.ask({
              title: `Reset ${props.service.name}?`,
              message: `Replaces this service's data for this project with “${seedLabel()}”. Its armed faults are cleared too. This cannot be undone.`,
              confirmLabel: 'Reset',
              onConfirm: () => platform.actions.resetMocks(props.service.id, seed()),
              done: `${props.service.name} was reset to “${seedLabel()}”.`,
            })
          }
        >
          Reset
        </button>
      </div>
    </section>
  )
}

function ServiceCard(props: { service: MockServiceState; tools: PageTools }) {
  return (
    <article
      class="mock-service"
      data-testid="mock-service"
      data-service-id={props.service.id}
      aria-labelledby={`service-${props.service.id}-name`}
    >
      <header class="service-header">
        <h3 id={`service-${props.service.id}-name`}>{props.service.name}</h3>
        <code class="service-origin">{props.service.origin}</code>
        <span class="badge auth-style">{describeAuthStyle(props.service.authStyle)}</span>
      </header>
      <p class="service-description">{props.service.description}</p>
      <ul class="service-counts" aria-label="What it holds">
        <For each={props.service.counts}>
          {(count) => (
            <li data-testid="mock-count">
              <span class="count-value">{count.count.toLocaleString()}</span> {count.name}
            </li>
          )}
        </For>
      </ul>
      <div class="service-body">
        <div class="service-column">
          <DemoCredentials service={props.service} />
          <ServiceControls service={props.service} tools={props.tools} />
        </div>
        <FaultsSection service={props.service} tools={props.tools} />
      </div>
    </article>
  )
}

// ---- Request log -------------------------------------------------------------------------------

function LogRow(props: { entry: MockLogEntry; serviceName: string; now: number }) {
  const when = () =>
    dayKey(props.entry.at) === dayKey(props.now)
      ? timeOnly.format(props.entry.at)
      : dateTime.format(props.entry.at)
  return (
    <tr data-testid="mock-log-entry">
      <td title={relativeTime(props.entry.at, props.now)}>
        <time dateTime={new Date(props.entry.at).toISOString()}>{when()}</time>
      </td>
      <td>{props.serviceName}</td>
      <td class="log-method">{props.entry.method}</td>
      <td class="log-path">
        <code>{props.entry.path}</code>
      </td>
      <td>
        <span class={`http-status http-${statusClass(props.entry.status)}`}>
          {props.entry.status}
        </span>
      </td>
      <td>
        <Show when={props.entry.fault}>
          {(fault) => (
            <span class="badge fault-badge" data-testid="mock-log-fault">
              {FAULT_BADGES[fault()] ?? fault()}
            </span>
          )}
        </Show>
      </td>
    </tr>
  )
}

function RequestLog(props: { mocks: MockState; onRefresh: () => void; refreshing: boolean }) {
  const serviceName = (id: string) => props.mocks.services.find((s) => s.id === id)?.name ?? id
  return (
    <section class="mock-log" data-testid="mock-log" aria-labelledby="mock-log-title">
      <div class="log-header">
        <h3 id="mock-log-title">Recent requests</h3>
        <span class="muted">Newest first, times on the virtual clock.</span>
        <button
          type="button"
          class="small"
          data-testid="mock-log-refresh"
          disabled={props.refreshing}
          onClick={() => props.onRefresh()}
        >
          Refresh
        </button>
      </div>
      <Show
        when={props.mocks.log.length > 0}
        fallback={
          <p class="muted" data-testid="mock-log-empty">
            No requests yet. Run a flow, test a connection or send one from the Console.
          </p>
        }
      >
        <div class="log-scroll">
          <table class="log-table">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Service</th>
                <th scope="col">Method</th>
                <th scope="col">Path</th>
                <th scope="col">Status</th>
                <th scope="col">Fault</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.mocks.log}>
                {(entry) => (
                  <LogRow
                    entry={entry}
                    serviceName={serviceName(entry.service)}
                    now={props.mocks.now}
                  />
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  )
}

// ---- The page ----------------------------------------------------------------------------------

export default function MocksPage() {
  const platform = usePlatform()
  const [busy, setBusy] = createSignal(false)
  const [refreshing, setRefreshing] = createSignal(false)
  const [error, setError] = createSignal<string>()
  const [status, setStatus] = createSignal<string>()
  const [confirm, setConfirm] = createSignal<ConfirmRequest>()

  const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

  const refresh = async (quiet: boolean) => {
    if (refreshing()) return
    setRefreshing(true)
    try {
      await platform.actions.refreshMocks()
      if (!quiet) setError(undefined)
    } catch (e) {
      if (!quiet) setError(`Could not read the mock services: ${message(e)}`)
    } finally {
      setRefreshing(false)
    }
  }

  const tools: PageTools = {
    busy,
    async run(work, done) {
      setBusy(true)
      setError(undefined)
      try {
        await work
        if (done) setStatus(done)
        return true
      } catch (e) {
        setError(message(e))
        return false
      } finally {
        setBusy(false)
      }
    },
    ask: (request) => setConfirm(request),
  }

  onMount(() => {
    void refresh(false)
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible' && !busy()) void refresh(true)
    }, REFRESH_MS)
    onCleanup(() => clearInterval(timer))
  })

  return (
    <section class="mocks-page" data-testid="mocks-page" aria-labelledby="mocks-page-title">
      <header class="page-header">
        <div>
          <h2 id="mocks-page-title">Mock services</h2>
          <p class="help">
            Stateful fake APIs your connector talks to. Their data, credentials, faults and clock
            belong to this project and are kept in your browser.
          </p>
        </div>
        <button
          type="button"
          class="danger-text"
          data-testid="mock-reset-all"
          disabled={busy() || !platform.state.mocks}
          onClick={() =>
            tools.ask({
              title: 'Reset all services?',
              message:
                "Replaces every mock service's data for this project with its default seed and clears every armed fault. This cannot be undone.",
              confirmLabel: 'Reset all',
              onConfirm: () => platform.actions.resetMocks(),
              done: 'Every mock service was reset to its default data.',
            })
          }
        >
          Reset all services
        </button>
      </header>

      <Show when={error()}>
        <div class="callout error" role="alert" data-testid="mocks-error">
          {error()}
        </div>
      </Show>
      <p class="mocks-status" role="status" data-testid="mocks-status">
        {status() ?? ''}
      </p>

      <Show when={platform.state.mocks} fallback={<p class="muted">Loading the mock services…</p>}>
        {(mocks) => (
          <>
            <VirtualClock mocks={mocks()} tools={tools} />
            <div class="mock-services">
              <For each={mocks().services}>
                {(service) => <ServiceCard service={service} tools={tools} />}
              </For>
            </div>
            <RequestLog
              mocks={mocks()}
              refreshing={refreshing()}
              onRefresh={() => void refresh(false)}
            />
          </>
        )}
      </Show>

      <Show when={confirm()}>
        {(request) => (
          <ConfirmDialog
            title={request().title}
            message={request().message}
            confirmLabel={request().confirmLabel}
            onCancel={() => setConfirm(undefined)}
            onConfirm={() => {
              const { onConfirm, done } = request()
              setConfirm(undefined)
              void tools.run(onConfirm(), done)
            }}
          />
        )}
      </Show>
    </section>
  )
}

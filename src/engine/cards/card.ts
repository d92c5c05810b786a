// The card contract: a CardSpec (data, shared with the editor) plus the function that runs it.
import type { CardSpec, Step } from '../../definition'
import type { EnginePorts } from '../ports'

export interface CardContext {
  step: Step
  flowName: string
  ports: EnginePorts
  signal: AbortSignal
  /** Runs a helper flow of the project and returns what it returned. */
  callFlow(name: string, input: Record<string, unknown>): Promise<Record<string, unknown>>
}

export interface CardOutcome {
  outputs: Record<string, unknown>
  /** True when the card ends the flow — or, inside a container, only the container (Return). */
  returns?: boolean
  /** Continue If: stop quietly with this message (the flow, or only the enclosing container). */
  stop?: string
}

export interface Card extends CardSpec {
  /** Function cards compute outputs from inputs. Container cards are run by the interpreter. */
  run?(inputs: Record<string, unknown>, context: CardContext): CardOutcome | Promise<CardOutcome>
}

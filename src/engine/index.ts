// The engine's public surface: the interpreter, its ports, the card catalogue and the trace types.
export * from './cards'
export * from './errors'
export * from './ports'
export * from './redact'
export * from './references'
export * from './run-flow'
export * from './trace'

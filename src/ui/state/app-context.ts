// The app store, shared with components through a Solid context.
import { createContext, useContext } from 'solid-js'
import type { AppStore } from './app-store'

export const AppContext = createContext<AppStore>()

export function useApp(): AppStore {
  const app = useContext(AppContext)
  if (!app) throw new Error('useApp must be used inside <AppContext.Provider>')
  return app
}

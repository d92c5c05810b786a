// The playground's service worker: MSW's generated worker, imported unchanged, plus static
// routes (the Service Worker Static Routing API, Chromium 123+) that send the app's own
// same-origin requests straight to the network. Only requests to mock hosts (*.example) reach
// MSW's fetch handler, so a warm reload costs what it would without a service worker.
importScripts('./mockServiceWorker.js')

self.addEventListener('install', (event) => {
  if (typeof event.addRoutes !== 'function' || typeof URLPattern === 'undefined') return
  const { protocol, hostname, port } = self.location
  event.waitUntil(
    event.addRoutes([
      {
        condition: {
          urlPattern: new URLPattern({ protocol: protocol.slice(0, -1), hostname, port }),
        },
        source: 'network',
      },
    ]),
  )
})

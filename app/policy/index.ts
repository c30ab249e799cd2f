// The one policy module: every loader, action and API route asks these functions, never the UI.
export * from './viewer'
export * from './accounts'
export * from './register'
export * from './experience'
export * from './benefits'

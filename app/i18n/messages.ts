import { nb } from './nb'

export type MessageKey = keyof typeof nb
export type Messages = Record<MessageKey, string>

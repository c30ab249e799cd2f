import { SMTPServer } from 'smtp-server'

// A real SMTP server in the test process: the app sends through nodemailer over the network, and the tests read what
// arrived. A small MIME reader decodes what nodemailer writes (multipart/alternative, quoted-printable or base64,
// encoded-word subjects); it is not a general mail parser.

export type ReceivedMail = { from: string; to: string[]; subject: string; text: string; html: string; raw: string }

export type TestSmtp = {
  url: string
  port: number
  messages: ReceivedMail[]
  /** Waits until a message to `to` (and matching `subject`, if given) has arrived. */
  waitFor(to: string, subject?: RegExp, timeoutMs?: number): Promise<ReceivedMail>
  close(): Promise<void>
  /** Refuse every message from now on (a mail server that is down), or accept again. */
  setFailing(failing: boolean): void
}

export async function startTestSmtp(onMessage?: (mail: ReceivedMail) => void): Promise<TestSmtp> {
  const messages: ReceivedMail[] = []
  let failing = false
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        if (failing) return callback(Object.assign(new Error('Mailbox unavailable (test)'), { responseCode: 451 }))
        const raw = Buffer.concat(chunks).toString('utf8')
        const mail = {
          ...parseMail(raw),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        }
        messages.push(mail)
        onMessage?.(mail)
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    setFailing: (f) => (failing = f),
    async waitFor(to, subject, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const found = messages.find((m) => m.to.includes(to.toLowerCase()) && (!subject || subject.test(m.subject)))
        if (found) return found
        if (Date.now() > deadline) throw new Error(`No message to ${to} arrived (got ${messages.length})`)
        await new Promise((r) => setTimeout(r, 100))
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

function splitHeaders(part: string) {
  const at = part.search(/\r?\n\r?\n/)
  const head = at === -1 ? part : part.slice(0, at)
  const body = at === -1 ? '' : part.slice(at).replace(/^\r?\n\r?\n/, '')
  const headers = new Map<string, string>()
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
  }
  return { headers, body }
}

function decodeBody(body: string, encoding: string | undefined) {
  const enc = (encoding ?? '').toLowerCase()
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (enc === 'quoted-printable') {
    const soft = body.replace(/=\r?\n/g, '')
    const bytes: number[] = []
    for (let i = 0; i < soft.length; i++) {
      const hex = soft.slice(i + 1, i + 3)
      if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
        bytes.push(parseInt(hex, 16))
        i += 2
      } else bytes.push(...Buffer.from(soft[i] ?? '', 'utf8'))
    }
    return Buffer.from(bytes).toString('utf8')
  }
  return body
}

function decodeWords(value: string) {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, kind: string, text: string) =>
    kind.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeBody(text.replace(/_/g, ' '), 'quoted-printable'),
  )
}

function parseMail(raw: string): Omit<ReceivedMail, 'from' | 'to' | 'raw'> {
  const { headers, body } = splitHeaders(raw)
  const subject = decodeWords(headers.get('subject') ?? '')
  let text = ''
  let html = ''
  const collect = (h: Map<string, string>, b: string) => {
    const type = h.get('content-type') ?? 'text/plain'
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1]
    if (/^multipart\//i.test(type) && boundary) {
      for (const part of b.split(`--${boundary}`).slice(1)) {
        if (part.startsWith('--')) break
        const inner = splitHeaders(part.replace(/^\r?\n/, ''))
        collect(inner.headers, inner.body)
      }
    } else if (/^text\/html/i.test(type)) html += decodeBody(b, h.get('content-transfer-encoding'))
    else if (/^text\/plain/i.test(type)) text += decodeBody(b, h.get('content-transfer-encoding'))
  }
  collect(headers, body)
  return { subject, text: text.replace(/\r\n/g, '\n'), html }
}

/** The first link to this site's `path` in a message's text. */
export function linkIn(mail: ReceivedMail, path: string) {
  const match = new RegExp(`https?://[^\\s]+${path.replace(/\//g, '\\/')}[^\\s]*`).exec(mail.text)
  if (!match) throw new Error(`No link to ${path} in:\n${mail.text}`)
  return new URL(match[0])
}

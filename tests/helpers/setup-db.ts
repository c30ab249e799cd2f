import { randomUUID } from 'node:crypto'
import { copyFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, inject } from 'vitest'
import { closeDb } from '../../db/client'
import { resetEnvCache } from '../../app/utils/env.server'

// A fresh copy of the migrated template per test file: tests never share a mutable database.
const template = inject('templateDb')
const path = join(dirname(template), `${randomUUID()}.sqlite`)
copyFileSync(template, path)
process.env.DATABASE_PATH = path
process.env.NODE_ENV = 'test'
resetEnvCache()

afterAll(async () => {
  await closeDb()
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true })
})

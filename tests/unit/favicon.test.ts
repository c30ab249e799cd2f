import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadStaticFiles } from '../../server/static-files'

// /favicon.ico is asked for by browsers, feed readers and bookmark services without reading the page, so it must be a
// real icon (scripts/favicon-ico.ts draws it from favicon.svg), served like the other public files.

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

describe('favicon.ico', () => {
  it('is an ICO file with 16, 32 and 48 pixel images', () => {
    const ico = readFileSync('public/favicon.ico')
    expect(ico.readUInt16LE(0)).toBe(0)
    expect(ico.readUInt16LE(2)).toBe(1) // an icon, not a cursor
    const count = ico.readUInt16LE(4)
    const sizes: number[] = []
    for (let i = 0; i < count; i++) {
      const entry = 6 + 16 * i
      const length = ico.readUInt32LE(entry + 8)
      const offset = ico.readUInt32LE(entry + 12)
      expect(offset + length).toBeLessThanOrEqual(ico.length)
      const png = ico.subarray(offset, offset + length)
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true)
      // The PNG's own width and height agree with the directory entry.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([ico[entry], ico[entry + 1]])
      sizes.push(ico[entry]!)
    }
    expect(sizes).toEqual([16, 32, 48])
  })

  it('is served from the public files as an icon, cached like the SVG', () => {
    const files = loadStaticFiles('public')
    const ico = files.get('/favicon.ico')
    expect(ico?.type).toBe('image/x-icon')
    expect(ico?.cacheControl).toBe(files.get('/favicon.svg')?.cacheControl)
  })
})

// npx tsx scripts/favicon-ico.ts
// Writes public/favicon.ico from public/favicon.svg. Browsers, feed readers and bookmark services ask for
// /favicon.ico without reading the page's <link rel="icon">, and Safari does not use an SVG icon, so the icon also
// exists as a committed .ico. Run this again after changing the SVG. It draws the SVG in Debian's Chromium (as the
// browser tests do) at 16, 32 and 48 pixels and stores the three as PNG images in one ICO file, which every browser
// since Internet Explorer on Windows Vista reads.
import { execSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { chromium } from 'playwright-core'

const SIZES = [16, 32, 48]

const svg = readFileSync('public/favicon.svg', 'utf8')
const executablePath = execSync('command -v chromium', { encoding: 'utf8', shell: '/bin/bash' }).trim()
const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu'] })
const pngs: Buffer[] = []
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } })
    await page.setContent(
      `<html><body style="margin:0;background:transparent">` +
        svg.replace('<svg ', `<svg width="${size}" height="${size}" `) +
        `</body></html>`,
    )
    pngs.push(await page.screenshot({ omitBackground: true, type: 'png' }))
    await page.close()
  }
} finally {
  await browser.close()
}

// ICONDIR (6 bytes), one ICONDIRENTRY (16 bytes) per image, then the images.
const header = Buffer.alloc(6)
header.writeUInt16LE(0, 0)
header.writeUInt16LE(1, 2) // 1: icon
header.writeUInt16LE(pngs.length, 4)
let offset = 6 + 16 * pngs.length
const entries = pngs.map((png, i) => {
  const size = SIZES[i]!
  const entry = Buffer.alloc(16)
  entry.writeUInt8(size % 256, 0) // width (0 would mean 256)
  entry.writeUInt8(size % 256, 1) // height
  entry.writeUInt8(0, 2) // no palette
  entry.writeUInt8(0, 3)
  entry.writeUInt16LE(1, 4) // colour planes
  entry.writeUInt16LE(32, 6) // bits per pixel
  entry.writeUInt32LE(png.length, 8)
  entry.writeUInt32LE(offset, 12)
  offset += png.length
  return entry
})
writeFileSync('public/favicon.ico', Buffer.concat([header, ...entries, ...pngs]))
console.log(`public/favicon.ico: ${SIZES.join(', ')} px, ${offset} bytes`)

// "Municipalities like mine" (docs/domain.md, "Procurements"): population bands, lower bound inclusive, upper bound
// exclusive.

export const POPULATION_BANDS = [
  { code: 'under_5000', min: 0, max: 5_000 },
  { code: '5000_20000', min: 5_000, max: 20_000 },
  { code: '20000_50000', min: 20_000, max: 50_000 },
  { code: '50000_100000', min: 50_000, max: 100_000 },
  { code: 'over_100000', min: 100_000, max: null },
] as const
export type PopulationBand = (typeof POPULATION_BANDS)[number]['code']
export const POPULATION_BAND_CODES = POPULATION_BANDS.map((b) => b.code) as [PopulationBand, ...PopulationBand[]]

export function populationBand(population: number): PopulationBand {
  const band = POPULATION_BANDS.find((b) => population >= b.min && (b.max === null || population < b.max))
  return (band ?? POPULATION_BANDS[0]).code
}

export function populationBandRange(code: PopulationBand): { min: number; max: number | null } {
  const band = POPULATION_BANDS.find((b) => b.code === code) ?? POPULATION_BANDS[0]
  return { min: band.min, max: band.max }
}

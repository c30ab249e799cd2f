import { isCoordinatorOrAdmin, isVerifiedBuyer, type Viewer } from './viewer'

// Benefit figures (docs/domain.md, "Visibility", rule `benefit-figures`; docs/decisions/011-public-benefit-figures.md).
// Those who may read every benefit record (verified buyers, coordinators) see live figures, exact, with counts, and
// may filter them by category, county and population band. Everyone else (visitors, pending accounts, suppliers)
// gets the figures last published in steps, never computed on the fly, and only the fixed slices that are published
// (category × area cells, a product's figures, a population band's median): a filtered live view could be
// subtracted from another to single out one municipality. Which records count is decided in the model (a benefit's
// latest realised and latest estimated measurement, against its baseline).

export type BenefitFigureSource = 'live' | 'published'

export const benefitFigureSource = (viewer: Viewer | null): BenefitFigureSource =>
  isCoordinatorOrAdmin(viewer) || isVerifiedBuyer(viewer) ? 'live' : 'published'

/** County and population band narrow live figures only; the public's figures are national (a band picks only which
 * band's published median the extrapolation shows). */
export const canFilterBenefitFigures = (viewer: Viewer | null) => benefitFigureSource(viewer) === 'live'

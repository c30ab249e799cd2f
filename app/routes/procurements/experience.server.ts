import { data } from 'react-router'
import { RATING_DIMENSIONS, RATING_FIELDS } from '~/domain/procurement-rules'
import type { ExperienceData } from '~/models/experiences.server'
import { getProcurement } from '~/models/procurements.server'
import type { Viewer } from '~/policy/viewer'
import type { FormValues } from '~/utils/forms.server'

/** The procurement a report is written for; 404 when it does not exist, 403 unless the viewer may write one. */
export async function procurementForWriting(viewer: Viewer, procurementId: number) {
  const procurement = await getProcurement(viewer, procurementId)
  if (!procurement) throw data(null, { status: 404 })
  if (!procurement.viewerCan.writeExperience) throw data(null, { status: 403 })
  return procurement
}

/** A saved draft as form values. */
export function experienceFormDefaults(d: ExperienceData): FormValues {
  const values: FormValues = {
    reportDate: d.reportDate ?? '',
    recommendation: d.recommendation,
    workedWell: d.workedWell ?? '',
    wasHard: d.wasHard ?? '',
    advice: d.advice ?? '',
    ended: d.ended ? 'on' : '',
    endingReason: d.endingReason ?? '',
    endingDetails: d.endingDetails ?? '',
    switchingCostNok: d.switchingCostNok === null ? '' : String(d.switchingCostNok),
    dataExported: d.dataExported ?? '',
  }
  for (const dim of RATING_DIMENSIONS) {
    const v = d[RATING_FIELDS[dim]]
    values[RATING_FIELDS[dim]] = v === null || v === undefined ? '' : String(v)
  }
  return values
}

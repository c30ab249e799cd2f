import type { ReactNode } from 'react'
import { useT } from '~/i18n/use-translation'

export type ProductFactsData = {
  ceMarked: boolean
  intendedUse: 'professional' | 'home' | 'both' | null
  mdrClass: 'none' | 'I' | 'IIa' | 'IIb' | 'III'
  standards: string | null
  integrations: Array<'hl7_fhir' | 'welfare_tech_hub' | 'epj' | 'scaip' | 'open_api' | 'other'>
  careSettings: Array<'home_care' | 'nursing_home' | 'sheltered_housing' | 'hospital'>
  intendedUsers: string | null
  dataStorageLocation: string | null
  dpiaTemplateAvailable: boolean
  dpaAvailable: boolean
  universalDesign: string | null
  priceModel: string | null
  website: string | null
}

/** The product's public facts as label/value rows: one definition shared by the product page and the compare page. */
export function useProductFacts(): Array<{ key: string; label: string; value: (p: ProductFactsData) => ReactNode }> {
  const t = useT()
  // Plain elements (app.css): the compare page shows these for four products on every signed-in request.
  const text = (v: string | null) =>
    v ? <span className="pre-wrap">{v}</span> : <span className="text-dimmed">{t('product.notStated')}</span>
  const yesNo = (v: boolean) => (v ? t('product.available') : t('product.notAvailable'))
  const list = (items: string[]) =>
    items.length === 0 ? (
      <span className="text-dimmed">{t('product.notStated')}</span>
    ) : (
      <ul className="compact-list">
        {items.map((i) => (
          <li key={i}>{i}</li>
        ))}
      </ul>
    )
  return [
    { key: 'ce', label: t('product.ceMarked'), value: (p) => (p.ceMarked ? t('common.yes') : t('common.no')) },
    { key: 'mdr', label: t('product.mdrClass'), value: (p) => t(`mdr.${p.mdrClass}`) },
    {
      key: 'use',
      label: t('product.intendedUse'),
      value: (p) => (p.intendedUse ? t(`intendedUse.${p.intendedUse}`) : text(null)),
    },
    { key: 'standards', label: t('product.standards'), value: (p) => text(p.standards) },
    {
      key: 'integrations',
      label: t('product.integrations'),
      value: (p) => list(p.integrations.map((i) => t(`integration.${i}`))),
    },
    {
      key: 'care',
      label: t('product.careSettings'),
      value: (p) => list(p.careSettings.map((c) => t(`careSetting.${c}`))),
    },
    { key: 'users', label: t('product.intendedUsers'), value: (p) => text(p.intendedUsers) },
    { key: 'storage', label: t('product.dataStorage'), value: (p) => text(p.dataStorageLocation) },
    { key: 'dpia', label: t('product.dpiaTemplate'), value: (p) => yesNo(p.dpiaTemplateAvailable) },
    { key: 'dpa', label: t('product.dpa'), value: (p) => yesNo(p.dpaAvailable) },
    { key: 'ud', label: t('product.universalDesign'), value: (p) => text(p.universalDesign) },
    { key: 'price', label: t('product.priceModel'), value: (p) => text(p.priceModel) },
    {
      key: 'web',
      label: t('product.website'),
      value: (p) =>
        p.website ? (
          <a className="plain-link" href={p.website} rel="noopener noreferrer">
            {p.website}
          </a>
        ) : (
          text(null)
        ),
    },
  ]
}

export type DocumentSection = { heading: string; paragraphs: string[]; list?: string[] }
export type LegalDocument = { title: string; updated: string; intro: string; sections: DocumentSection[] }

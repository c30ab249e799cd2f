// The dataset description the national data catalogue (data.norge.no) harvests: DCAT-AP-NO 2 as JSON-LD, for the
// register, the published decisions, the OCDS feed and the published benefit figures. Built from the origin the app
// is served at (PUBLIC_ORIGIN, never a request header), so the URLs in it are the stable public ones.

const LICENCE = 'http://data.norge.no/nlod/no/2.0'
const DATA_THEME = 'http://publications.europa.eu/resource/authority/data-theme/HEAL'
const PUBLIC_ACCESS = 'http://publications.europa.eu/resource/authority/access-right/PUBLIC'
const FILE_TYPE = (code: 'JSON' | 'CSV') => `http://publications.europa.eu/resource/authority/file-type/${code}`
const NB = (text: string) => ({ '@language': 'nb', '@value': text })
const EN = (text: string) => ({ '@language': 'en', '@value': text })

export function dcatCatalog(origin: string, modified: string) {
  const publisher = { '@id': `${origin}/#publisher`, '@type': 'foaf:Agent', 'foaf:name': [NB('Erfaringsbanken')] }
  const contactPoint = {
    '@type': 'vcard:Organization',
    'vcard:fn': 'Erfaringsbanken',
    'vcard:hasURL': { '@id': `${origin}/` },
  }
  const distribution = (id: string, title: string, url: string, format: 'JSON' | 'CSV', conformsTo?: string) => ({
    '@id': `${origin}/api/v1/catalog#${id}`,
    '@type': 'dcat:Distribution',
    'dct:title': [NB(title)],
    'dcat:accessURL': { '@id': url },
    'dct:format': { '@id': FILE_TYPE(format) },
    'dct:license': { '@id': LICENCE },
    ...(conformsTo ? { 'dct:conformsTo': { '@id': conformsTo } } : {}),
  })
  const dataset = (
    id: string,
    title: [string, string],
    description: [string, string],
    keywords: string[],
    distributions: object[],
  ) => ({
    '@id': `${origin}/api/v1/catalog#${id}`,
    '@type': 'dcat:Dataset',
    'dct:identifier': `${origin}/api/v1/catalog#${id}`,
    'dct:title': [NB(title[0]), EN(title[1])],
    'dct:description': [NB(description[0]), EN(description[1])],
    'dct:publisher': publisher,
    'dcat:contactPoint': contactPoint,
    'dcat:theme': { '@id': DATA_THEME },
    'dcat:keyword': keywords.map(NB),
    'dct:accessRights': { '@id': PUBLIC_ACCESS },
    'dct:language': { '@id': 'http://publications.europa.eu/resource/authority/language/NOR' },
    'dct:spatial': { '@id': 'https://data.geonorge.no/administrativeEnheter/nasjon/id/173163' },
    'dct:modified': { '@type': 'xsd:date', '@value': modified },
    'dcat:landingPage': { '@id': `${origin}/api` },
    'dcat:distribution': distributions,
  })
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      foaf: 'http://xmlns.com/foaf/0.1/',
      vcard: 'http://www.w3.org/2006/vcard/ns#',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
    },
    '@id': `${origin}/api/v1/catalog`,
    '@type': 'dcat:Catalog',
    'dct:title': [NB('Erfaringsbanken: åpne data'), EN('Erfaringsbanken: open data')],
    'dct:description': [
      NB('Nasjonalt register over vurderte velferdsteknologiske løsninger, vedtak og kommunenes anskaffelser.'),
      EN("National register of assessed welfare-technology solutions, decisions and municipalities' procurements."),
    ],
    'dct:publisher': publisher,
    'dct:license': { '@id': LICENCE },
    'dct:language': { '@id': 'http://publications.europa.eu/resource/authority/language/NOR' },
    'foaf:homepage': { '@id': `${origin}/` },
    'dcat:dataset': [
      dataset(
        'register',
        ['Register over velferdsteknologiske løsninger', 'Register of welfare-technology solutions'],
        [
          'Løsninger vurdert mot de publiserte kriteriene, med godkjenningsstatus, versjoner og trinnvis publiserte erfaringstall fra minst tre kommuner.',
          'Solutions assessed against the published criteria, with approval status, versions and experience figures published in steps from at least three municipalities.',
        ],
        ['velferdsteknologi', 'trygghetsalarm', 'godkjenning'],
        [
          distribution(
            'register-json',
            'Registeret som JSON',
            `${origin}/api/v1/products`,
            'JSON',
            `${origin}/api/v1/openapi.json`,
          ),
          distribution('register-csv', 'Registeret som CSV', `${origin}/register/eksport`, 'CSV'),
        ],
      ),
      dataset(
        'decisions',
        ['Vedtak om godkjenning', 'Approval decisions'],
        [
          'Publiserte vedtak (godkjenning, midlertidig godkjenning, tilbaketrekking) med begrunnelse og resultat per kriterium.',
          'Published decisions (approval, provisional approval, withdrawal) with rationale and result per criterion.',
        ],
        ['vedtak', 'kriterier'],
        [
          distribution(
            'decisions-json',
            'Vedtak som JSON',
            `${origin}/api/v1/decisions`,
            'JSON',
            `${origin}/api/v1/openapi.json`,
          ),
        ],
      ),
      dataset(
        'procurements',
        ['Kommunale anskaffelser av velferdsteknologi (OCDS)', 'Municipal procurements of welfare technology (OCDS)'],
        [
          'Kommunenes anskaffelser som Open Contracting-releaser (OCDS 1.1). Kontraktsverdi bare der kommunen har valgt å publisere den.',
          "Municipalities' procurements as Open Contracting releases (OCDS 1.1). Contract values only where the municipality chose to publish them.",
        ],
        ['anskaffelser', 'OCDS', 'kontrakter'],
        [
          distribution(
            'procurements-ocds',
            'OCDS-releasepakker',
            `${origin}/api/v1/ocds/releases`,
            'JSON',
            'https://standard.open-contracting.org/1.1/en/schema/release_package/',
          ),
        ],
      ),
      dataset(
        'benefits',
        ['Realiserte gevinster av velferdsteknologi', 'Realised benefits of welfare technology'],
        [
          'Nasjonal gevinstoversikt: timer i året, årsverk og kroner per gevinstkategori og område, realisert og estimert hver for seg, og en framskriving per innbyggerbånd. Bare tall publisert trinnvis, hvert fra minst tre kommuner.',
          'The national benefit overview: hours a year, full-time equivalents and NOK per benefit category and area, realised and estimated apart, and an extrapolation per population band. Only figures published in steps, each from at least three municipalities.',
        ],
        ['gevinstrealisering', 'velferdsteknologi', 'kommuner'],
        [
          distribution(
            'benefits-json',
            'Gevinstoversikten som JSON',
            `${origin}/api/v1/benefits`,
            'JSON',
            `${origin}/api/v1/openapi.json`,
          ),
        ],
      ),
    ],
  }
}

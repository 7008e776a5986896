/**
 * UK places for demo data: 12 regions, their towns with postcode areas and dialling codes, and
 * the regional bodies (police forces, ambulance services, water and energy companies) that employ
 * public-service workers there.
 *
 * Owns: the geography that keeps a member's region, branch, workplace, postcode and landline
 * consistent with each other (a Leeds branch member has an LS postcode and an 0113 landline).
 * Must never: pretend to be a gazetteer. Postcode districts are drawn from plausible ranges, so a
 * generated postcode has the right shape and area but may not exist.
 */

export const REGIONS = [
  'North East',
  'North West',
  'Yorkshire and the Humber',
  'East Midlands',
  'West Midlands',
  'East of England',
  'London',
  'South East',
  'South West',
  'Wales',
  'Scotland',
  'Northern Ireland',
] as const;
export type Region = (typeof REGIONS)[number];

export interface Town {
  readonly name: string;
  readonly region: Region;
  /** Postcode area and the district numbers used for it, e.g. LS 1–29. */
  readonly postcodeArea: string;
  readonly districtMin: number;
  readonly districtMax: number;
  /** National dialling code with its 0, e.g. "0113", and the local number's length and first digits. */
  readonly diallingCode: string;
  readonly localLength: number;
  readonly localPrefixes: readonly string[];
  /** Relative size of the town's public-service workforce. */
  readonly weight: number;
  readonly isCity: boolean;
  readonly hasUniversity: boolean;
  readonly londonBorough: boolean;
  readonly policeForce: string;
  /** Health employer outside England (health boards and trusts); England's trusts are named per town. */
  readonly healthBody?: string;
}

// name|postcode area|districts|dialling code|local length|local first digits|weight|flags (c city, u university, b London borough)|police force|health body
const TOWNS_SPEC: Readonly<Record<Region, string>> = {
  'North East': `
Newcastle upon Tyne|NE|1-15|0191|7|2-4|7|cu|Northumbria Police
Sunderland|SR|1-7|0191|7|5|4|cu|Northumbria Police
Durham|DH|1-9|0191|7|3|3|cu|Durham Constabulary
Middlesbrough|TS|1-9|01642|6|2-8|3.5|u|Cleveland Police
Gateshead|NE|8-11|0191|7|4|2.5||Northumbria Police
Darlington|DL|1-3|01325|6|2-4|2||Durham Constabulary
Hartlepool|TS|24-27|01429|6|2-8|1.5||Cleveland Police
South Shields|NE|33-34|0191|7|4|1.5||Northumbria Police
Morpeth|NE|61-65|01670|6|5|1.5||Northumbria Police`,
  'North West': `
Manchester|M|1-40|0161|7|2-9|10|cu|Greater Manchester Police
Liverpool|L|1-37|0151|7|2-7|8|cu|Merseyside Police
Salford|M|5-7|0161|7|7|3|cu|Greater Manchester Police
Bolton|BL|1-7|01204|6|2-8|3|u|Greater Manchester Police
Wigan|WN|1-6|01942|6|2-8|3||Greater Manchester Police
Preston|PR|1-5|01772|6|2-8|3|cu|Lancashire Constabulary
Blackburn|BB|1-6|01254|6|2-6|2.5||Lancashire Constabulary
Blackpool|FY|1-8|01253|6|2-8|2.5||Lancashire Constabulary
Stockport|SK|1-8|0161|7|4|3||Greater Manchester Police
Oldham|OL|1-9|0161|7|6|2.5||Greater Manchester Police
Warrington|WA|1-5|01925|6|2-8|2.5||Cheshire Constabulary
Carlisle|CA|1-3|01228|6|2-6|1.5|cu|Cumbria Constabulary
Lancaster|LA|1-5|01524|6|3-8|1.5|cu|Lancashire Constabulary
Chester|CH|1-4|01244|6|3-6|2|cu|Cheshire Constabulary
Birkenhead|CH|41-43|0151|7|6|2||Merseyside Police`,
  'Yorkshire and the Humber': `
Leeds|LS|1-29|0113|7|2-4|9|cu|West Yorkshire Police
Sheffield|S|1-36|0114|7|2-4|7|cu|South Yorkshire Police
Bradford|BD|1-22|01274|6|2-8|5|cu|West Yorkshire Police
Hull|HU|1-17|01482|6|2-8|4|cu|Humberside Police
York|YO|1-32|01904|6|2-8|3|cu|North Yorkshire Police
Wakefield|WF|1-17|01924|6|2-8|3|c|West Yorkshire Police
Huddersfield|HD|1-9|01484|6|2-8|3|u|West Yorkshire Police
Doncaster|DN|1-12|01302|6|3-8|3|c|South Yorkshire Police
Rotherham|S|60-66|01709|6|3-8|2||South Yorkshire Police
Barnsley|S|70-75|01226|6|2-7|2||South Yorkshire Police
Halifax|HX|1-7|01422|6|3-8|2||West Yorkshire Police
Harrogate|HG|1-5|01423|6|5-8|1.5||North Yorkshire Police
Scarborough|YO|11-14|01723|6|3-8|1||North Yorkshire Police
Grimsby|DN|31-37|01472|6|2-8|1.5||Humberside Police`,
  'East Midlands': `
Nottingham|NG|1-25|0115|7|8-9|6|cu|Nottinghamshire Police
Leicester|LE|1-19|0116|7|2-2|6|cu|Leicestershire Police
Derby|DE|1-24|01332|6|2-8|4|cu|Derbyshire Constabulary
Northampton|NN|1-7|01604|6|2-8|3|u|Northamptonshire Police
Lincoln|LN|1-6|01522|6|5-8|2.5|cu|Lincolnshire Police
Mansfield|NG|18-21|01623|6|4-6|2||Nottinghamshire Police
Chesterfield|S|40-45|01246|6|2-5|2||Derbyshire Constabulary
Kettering|NN|14-16|01536|6|4-5|1.5||Northamptonshire Police
Loughborough|LE|11-12|01509|6|2-6|1.5|u|Leicestershire Police
Boston|PE|20-22|01205|6|3-7|1||Lincolnshire Police`,
  'West Midlands': `
Birmingham|B|1-48|0121|7|2-7|12|cu|West Midlands Police
Coventry|CV|1-7|024|8|76|5|cu|West Midlands Police
Wolverhampton|WV|1-14|01902|6|2-8|4|cu|West Midlands Police
Stoke-on-Trent|ST|1-12|01782|6|2-8|4|cu|Staffordshire Police
Dudley|DY|1-3|01384|6|2-8|3||West Midlands Police
Walsall|WS|1-9|01922|6|2-7|3||West Midlands Police
Telford|TF|1-7|01952|6|2-8|2||West Mercia Police
Worcester|WR|1-5|01905|6|2-8|2|cu|West Mercia Police
Hereford|HR|1-4|01432|6|2-3|1.5|c|West Mercia Police
Shrewsbury|SY|1-5|01743|6|2-3|1.5||West Mercia Police
Solihull|B|90-94|0121|7|7|2||West Midlands Police
West Bromwich|B|70-71|0121|7|5|2||West Midlands Police`,
  'East of England': `
Norwich|NR|1-14|01603|6|2-7|4|cu|Norfolk Constabulary
Peterborough|PE|1-7|01733|6|2-5|3|c|Cambridgeshire Constabulary
Cambridge|CB|1-5|01223|6|2-8|3|cu|Cambridgeshire Constabulary
Ipswich|IP|1-9|01473|6|2-8|3||Suffolk Constabulary
Luton|LU|1-7|01582|6|2-7|3|u|Bedfordshire Police
Chelmsford|CM|1-3|01245|6|2-6|2.5|cu|Essex Police
Colchester|CO|1-7|01206|6|2-8|2.5|cu|Essex Police
Southend-on-Sea|SS|0-9|01702|6|2-6|2.5|c|Essex Police
Watford|WD|17-25|01923|6|2-8|2||Hertfordshire Constabulary
Bedford|MK|40-45|01234|6|2-8|2|u|Bedfordshire Police
Stevenage|SG|1-2|01438|6|2-7|1.5||Hertfordshire Constabulary
Basildon|SS|13-16|01268|6|2-7|2||Essex Police
King's Lynn|PE|30-34|01553|6|6-7|1||Norfolk Constabulary`,
  London: `
Camden|NW|1-6|020|8|7|3|b|Metropolitan Police Service
Hackney|E|5-9|020|8|8|3|b|Metropolitan Police Service
Islington|N|1-7|020|8|7|3|b|Metropolitan Police Service
Lambeth|SW|2-9|020|8|7|3|b|Metropolitan Police Service
Southwark|SE|1-22|020|8|7|3|b|Metropolitan Police Service
Tower Hamlets|E|1-3|020|8|7|3|b|Metropolitan Police Service
Newham|E|12-16|020|8|8|3|b|Metropolitan Police Service
Lewisham|SE|4-13|020|8|8|2.5|b|Metropolitan Police Service
Croydon|CR|0-8|020|8|8|3|b|Metropolitan Police Service
Brent|HA|0-9|020|8|8|2.5|b|Metropolitan Police Service
Ealing|W|3-13|020|8|8|2.5|b|Metropolitan Police Service
Haringey|N|8-22|020|8|8|2.5|b|Metropolitan Police Service
Barnet|EN|4-5|020|8|8|2|b|Metropolitan Police Service
Enfield|EN|1-3|020|8|8|2.5|b|Metropolitan Police Service
Westminster|W|2-11|020|8|7|2.5|b|Metropolitan Police Service
Greenwich|SE|2-18|020|8|8|2.5|bu|Metropolitan Police Service
Wandsworth|SW|11-18|020|8|8|2.5|b|Metropolitan Police Service
Hammersmith and Fulham|W|6-14|020|8|7|2|b|Metropolitan Police Service
Kingston upon Thames|KT|1-9|020|8|8|2|bu|Metropolitan Police Service
Havering|RM|1-14|01708|6|2-7|2|b|Metropolitan Police Service
Redbridge|IG|1-11|020|8|8|2|b|Metropolitan Police Service`,
  'South East': `
Southampton|SO|14-19|023|8|80|4|cu|Hampshire and Isle of Wight Constabulary
Portsmouth|PO|1-6|023|8|92|4|cu|Hampshire and Isle of Wight Constabulary
Brighton and Hove|BN|1-3|01273|6|2-8|4|cu|Sussex Police
Reading|RG|1-6|0118|7|9|3.5|u|Thames Valley Police
Oxford|OX|1-4|01865|6|2-7|3|cu|Thames Valley Police
Milton Keynes|MK|1-19|01908|6|2-6|3|c|Thames Valley Police
Maidstone|ME|14-17|01622|6|2-7|2.5||Kent Police
Canterbury|CT|1-6|01227|6|4-7|2|cu|Kent Police
Crawley|RH|10-11|01293|6|2-8|2||Sussex Police
Guildford|GU|1-5|01483|6|2-8|2|u|Surrey Police
Slough|SL|1-3|01753|6|2-8|2||Thames Valley Police
High Wycombe|HP|10-15|01494|6|4-5|2||Thames Valley Police
Basingstoke|RG|21-24|01256|6|3-8|2||Hampshire and Isle of Wight Constabulary
Hastings|TN|34-35|01424|6|4-7|1.5||Sussex Police
Chatham|ME|4-5|01634|6|2-8|2.5||Kent Police
Worthing|BN|11-14|01903|6|2-8|1.5||Sussex Police
Newport (Isle of Wight)|PO|30-30|01983|6|2-8|1||Hampshire and Isle of Wight Constabulary`,
  'South West': `
Bristol|BS|1-16|0117|7|9|7|cu|Avon and Somerset Police
Plymouth|PL|1-9|01752|6|2-8|4|cu|Devon and Cornwall Police
Exeter|EX|1-4|01392|6|2-8|3|cu|Devon and Cornwall Police
Gloucester|GL|1-4|01452|6|3-5|2.5|cu|Gloucestershire Constabulary
Swindon|SN|1-5|01793|6|4-8|3||Wiltshire Police
Bournemouth|BH|1-11|01202|6|2-7|3|u|Dorset Police
Bath|BA|1-2|01225|6|3-8|2|cu|Avon and Somerset Police
Cheltenham|GL|50-53|01242|6|2-5|2||Gloucestershire Constabulary
Taunton|TA|1-3|01823|6|2-4|1.5||Avon and Somerset Police
Truro|TR|1-4|01872|6|2-5|1.5|c|Devon and Cornwall Police
Torquay|TQ|1-2|01803|6|2-6|1.5||Devon and Cornwall Police
Salisbury|SP|1-2|01722|6|3-4|1|c|Wiltshire Police
Poole|BH|12-17|01202|6|6-7|2||Dorset Police`,
  Wales: `
Cardiff|CF|3-24|029|8|20|6|cu|South Wales Police|Cardiff and Vale University Health Board
Swansea|SA|1-7|01792|6|2-7|4|cu|South Wales Police|Swansea Bay University Health Board
Newport|NP|10-20|01633|6|2-8|3|c|Gwent Police|Aneurin Bevan University Health Board
Wrexham|LL|11-14|01978|6|2-8|2|cu|North Wales Police|Betsi Cadwaladr University Health Board
Bangor|LL|57-57|01248|6|3-6|1|cu|North Wales Police|Betsi Cadwaladr University Health Board
Aberystwyth|SY|23-23|01970|6|6-6|1|u|Dyfed-Powys Police|Hywel Dda University Health Board
Merthyr Tydfil|CF|47-48|01685|6|3-8|1.5||South Wales Police|Cwm Taf Morgannwg University Health Board
Bridgend|CF|31-35|01656|6|6-7|2||South Wales Police|Cwm Taf Morgannwg University Health Board
Carmarthen|SA|31-33|01267|6|2-2|1.5||Dyfed-Powys Police|Hywel Dda University Health Board
Pontypridd|CF|37-38|01443|6|4-8|2|u|South Wales Police|Cwm Taf Morgannwg University Health Board
Llanelli|SA|14-15|01554|6|7-7|1.5||Dyfed-Powys Police|Hywel Dda University Health Board`,
  Scotland: `
Glasgow|G|1-84|0141|7|2-9|9|cu|Police Scotland|NHS Greater Glasgow and Clyde
Edinburgh|EH|1-17|0131|7|2-6|7|cu|Police Scotland|NHS Lothian
Aberdeen|AB|10-25|01224|6|2-8|4|cu|Police Scotland|NHS Grampian
Dundee|DD|1-5|01382|6|2-8|3|cu|Police Scotland|NHS Tayside
Inverness|IV|1-3|01463|6|2-7|2|cu|Police Scotland|NHS Highland
Stirling|FK|7-9|01786|6|4-8|1.5|cu|Police Scotland|NHS Forth Valley
Perth|PH|1-2|01738|6|4-6|1.5|c|Police Scotland|NHS Tayside
Paisley|PA|1-3|0141|7|8|2|u|Police Scotland|NHS Greater Glasgow and Clyde
Kilmarnock|KA|1-3|01563|6|5-5|1.5||Police Scotland|NHS Ayrshire and Arran
Falkirk|FK|1-2|01324|6|6-6|1.5||Police Scotland|NHS Forth Valley
Dunfermline|KY|11-12|01383|6|7-7|1.5|c|Police Scotland|NHS Fife
Kirkcaldy|KY|1-2|01592|6|2-7|1.5||Police Scotland|NHS Fife
Hamilton|ML|3-3|01698|6|2-4|2||Police Scotland|NHS Lanarkshire
Ayr|KA|7-8|01292|6|2-6|1.5||Police Scotland|NHS Ayrshire and Arran`,
  'Northern Ireland': `
Belfast|BT|1-17|028|8|90|6|cu|Police Service of Northern Ireland|Belfast Health and Social Care Trust
Derry|BT|47-48|028|8|71|2.5|cu|Police Service of Northern Ireland|Western Health and Social Care Trust
Lisburn|BT|27-28|028|8|92|2|c|Police Service of Northern Ireland|South Eastern Health and Social Care Trust
Newry|BT|34-35|028|8|30|1.5|c|Police Service of Northern Ireland|Southern Health and Social Care Trust
Armagh|BT|60-61|028|8|37|1|c|Police Service of Northern Ireland|Southern Health and Social Care Trust
Ballymena|BT|42-43|028|8|25|1.5||Police Service of Northern Ireland|Northern Health and Social Care Trust
Bangor (County Down)|BT|19-20|028|8|91|1.5||Police Service of Northern Ireland|South Eastern Health and Social Care Trust
Omagh|BT|78-79|028|8|82|1||Police Service of Northern Ireland|Western Health and Social Care Trust
Enniskillen|BT|74-74|028|8|66|1||Police Service of Northern Ireland|Western Health and Social Care Trust
Craigavon|BT|64-66|028|8|38|1.5||Police Service of Northern Ireland|Southern Health and Social Care Trust`,
};

function parseLocalPrefixes(spec: string): string[] {
  const range = /^(\d)-(\d)$/.exec(spec);
  if (!range) return [spec];
  const out: string[] = [];
  for (let d = Number(range[1]); d <= Number(range[2]); d++) out.push(String(d));
  return out;
}

export const TOWNS: readonly Town[] = REGIONS.flatMap((region) =>
  TOWNS_SPEC[region]
    .trim()
    .split('\n')
    .map((line) => {
      const [name, area, districts, code, length, prefixes, weight, flags, police, health] = line.trim().split('|');
      const [min, max] = districts.split('-').map(Number);
      return {
        name,
        region,
        postcodeArea: area,
        districtMin: min,
        districtMax: max,
        diallingCode: code,
        localLength: Number(length),
        localPrefixes: parseLocalPrefixes(prefixes),
        weight: Number(weight),
        isCity: flags.includes('c'),
        hasUniversity: flags.includes('u'),
        londonBorough: flags.includes('b'),
        policeForce: police,
        ...(health ? { healthBody: health } : {}),
      } satisfies Town;
    }),
);

export const AMBULANCE_SERVICES: Readonly<Record<Region, string>> = {
  'North East': 'North East Ambulance Service NHS Foundation Trust',
  'North West': 'North West Ambulance Service NHS Trust',
  'Yorkshire and the Humber': 'Yorkshire Ambulance Service NHS Trust',
  'East Midlands': 'East Midlands Ambulance Service NHS Trust',
  'West Midlands': 'West Midlands Ambulance Service University NHS Foundation Trust',
  'East of England': 'East of England Ambulance Service NHS Trust',
  London: 'London Ambulance Service NHS Trust',
  'South East': 'South East Coast Ambulance Service NHS Foundation Trust',
  'South West': 'South Western Ambulance Service NHS Foundation Trust',
  Wales: 'Welsh Ambulance Services University NHS Trust',
  Scotland: 'Scottish Ambulance Service',
  'Northern Ireland': 'Northern Ireland Ambulance Service',
};

export const WATER_COMPANIES: Readonly<Record<Region, string>> = {
  'North East': 'Northumbrian Water',
  'North West': 'United Utilities',
  'Yorkshire and the Humber': 'Yorkshire Water',
  'East Midlands': 'Severn Trent',
  'West Midlands': 'Severn Trent',
  'East of England': 'Anglian Water',
  London: 'Thames Water',
  'South East': 'Southern Water',
  'South West': 'Wessex Water',
  Wales: 'Dŵr Cymru Welsh Water',
  Scotland: 'Scottish Water',
  'Northern Ireland': 'Northern Ireland Water',
};

export const ENERGY_NETWORKS: Readonly<Record<Region, string>> = {
  'North East': 'Northern Powergrid',
  'North West': 'Electricity North West',
  'Yorkshire and the Humber': 'Northern Gas Networks',
  'East Midlands': 'Cadent Gas',
  'West Midlands': 'National Grid Electricity Distribution',
  'East of England': 'UK Power Networks',
  London: 'UK Power Networks',
  'South East': 'SGN',
  'South West': 'Wales & West Utilities',
  Wales: 'Wales & West Utilities',
  Scotland: 'SP Energy Networks',
  'Northern Ireland': 'NIE Networks',
};

export const BUS_OPERATORS = ['First Bus', 'Stagecoach', 'Arriva', 'Go-Ahead', 'National Express West Midlands'] as const;
export const FACILITIES_CONTRACTORS = ['Serco', 'Mitie', 'ISS', 'Sodexo', 'OCS', 'Medirest', 'Engie', 'Bidvest Noonan'] as const;
export const WASTE_CONTRACTORS = ['Veolia', 'Biffa', 'FCC Environment', 'Urbaser', 'Suez'] as const;
export const LEISURE_OPERATORS = ['Everyone Active', 'GLL', 'Places Leisure', 'Freedom Leisure', 'Parkwood Leisure'] as const;
export const CARE_PROVIDERS = ['HC-One', 'Barchester Healthcare', 'Care UK', 'Anchor', 'Runwood Homes', 'Sanctuary Care', 'Avery Healthcare'] as const;
export const CATERING_CONTRACTORS = ['Chartwells', 'Caterlink', 'Taylor Shaw', 'Aspens'] as const;

/** Neighbourhood-style names for schools, health centres and care homes ("Oakfield Primary School"). */
export const NEIGHBOURHOODS = [
  'Oakfield', 'Hillside', 'Westfield', 'Northgate', 'Southfields', 'Riverside', 'Parkside', 'Greenbank', 'Moorside',
  'Meadowbank', "St Mary's", "St John's", "St Peter's", 'Holy Trinity', 'Christ Church', 'All Saints', 'Beechwood',
  'Ashgrove', 'Elmwood', 'Fairfield', 'Highfield', 'Brookfield', 'Woodlands', 'Castle', 'Abbey', 'Priory', 'Kingsway',
  'Queensway', 'Victoria', 'Albert Road', 'Springfield', 'Broadway', 'Newtown', 'Eastbrook', 'Lowfield', 'Thornhill',
  'Redhill', 'Whitegate', 'Stonebridge', 'Millbrook', 'Langley', 'Chapel End', 'Heathfield', 'Rosehill', 'Orchard',
  'Bridge End', 'Harbour', 'Cliffe', 'Marsh Lane', 'Grange', 'Mount Pleasant', 'Lime Tree', 'Hawthorn', 'Willow Bank',
  'Cedar', 'Larkhill', 'Foxhill', 'Swallow Hill', 'Brambles', 'Cross Green', 'Hollybush', 'Kirkstall', 'Lea Bridge',
  'Ravenscroft', 'Sandhills', 'Thistle', 'Wellgate', 'Windmill', 'Bluebell', 'Primrose', 'Parklands', 'Beaumont',
] as const;

export const HOSPITAL_PATTERNS = ['General Infirmary', 'General Hospital', 'Royal Infirmary', 'Royal Hospital', 'University Hospital', 'District General Hospital'] as const;
export const SAINTS = ["St James's", "St Luke's", "St George's", "St Thomas's", "St Helier's", "St Mary's", "St Margaret's", "St Andrew's"] as const;

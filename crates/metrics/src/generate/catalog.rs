//! The word lists and catalogues the synthetic book draws from: countries, segments, the
//! partner's MPN locations (places, as `PartnerLocation` publishes them), attribution types,
//! sales channels, the product catalogue, Azure meters and the EMS services.

use crate::family::{AZURE, DYNAMICS, EMS, M365, OTHER, POWER_BI, WINDOWS};

/// How a SKU is sold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Per-user licences.
    Seat,
    /// Azure plan: consumption, one "seat" per plan.
    Plan,
    /// Azure reserved instances: a small quantity, all "assigned".
    Instance,
}

/// A SKU of the catalogue. `family` is the family the formats.md name rules give for `name`
/// (checked by a test), so REST files (family from the offer name) agree with Insights files
/// (family from `insights_product`).
#[derive(Clone, Copy, Debug)]
pub struct Sku {
    pub name: &'static str,
    pub family: &'static str,
    /// The Insights `Product` value.
    pub insights_product: &'static str,
    /// A plausible NCE offer id.
    pub offer_id: &'static str,
    /// Carries the Office workloads (Exchange, SharePoint, Teams, ...) counted by OfficeUsage.
    pub office: bool,
    pub unit: Unit,
}

const fn sku(
    name: &'static str,
    family: &'static str,
    insights_product: &'static str,
    offer_id: &'static str,
    office: bool,
    unit: Unit,
) -> Sku {
    Sku {
        name,
        family,
        insights_product,
        offer_id,
        office,
        unit,
    }
}

pub const M365_BASIC: usize = 0;
pub const M365_STANDARD: usize = 1;
pub const M365_PREMIUM: usize = 2;
pub const M365_E3: usize = 3;
pub const M365_E5: usize = 4;
pub const M365_F3: usize = 5;
pub const O365_E1: usize = 6;
pub const O365_E3: usize = 7;
pub const EXCHANGE_P1: usize = 8;
pub const TEAMS_ESSENTIALS: usize = 9;
pub const AZURE_PLAN: usize = 10;
pub const AZURE_RI: usize = 11;
pub const D365_SALES_PRO: usize = 12;
pub const D365_SALES_ENT: usize = 13;
pub const D365_SERVICE: usize = 14;
pub const D365_BC_ESS: usize = 15;
pub const D365_BC_PREM: usize = 16;
pub const EMS_E3: usize = 17;
pub const EMS_E5: usize = 18;
pub const INTUNE: usize = 19;
pub const ENTRA_P1: usize = 20;
pub const PBI_PRO: usize = 21;
pub const PBI_PPU: usize = 22;
pub const WIN_E3: usize = 23;
pub const WIN_E5: usize = 24;
pub const DEFENDER_BIZ: usize = 25;
pub const DEFENDER_EP1: usize = 26;
pub const MINECRAFT: usize = 27;

#[rustfmt::skip]
pub const SKUS: [Sku; 28] = [
    sku("Microsoft 365 Business Basic", M365, "Microsoft 365", "CFQ7TTC0LH18", true, Unit::Seat),
    sku("Microsoft 365 Business Standard", M365, "Microsoft 365", "CFQ7TTC0LDPB", true, Unit::Seat),
    sku("Microsoft 365 Business Premium", M365, "Microsoft 365", "CFQ7TTC0LCHC", true, Unit::Seat),
    sku("Microsoft 365 E3", M365, "Microsoft 365", "CFQ7TTC0LFLX", true, Unit::Seat),
    sku("Microsoft 365 E5", M365, "Microsoft 365", "CFQ7TTC0LFLZ", true, Unit::Seat),
    sku("Microsoft 365 F3", M365, "Microsoft 365", "CFQ7TTC0LGZT", true, Unit::Seat),
    sku("Office 365 E1", M365, "Office 365", "CFQ7TTC0LF8Q", true, Unit::Seat),
    sku("Office 365 E3", M365, "Office 365", "CFQ7TTC0LF8R", true, Unit::Seat),
    sku("Exchange Online (Plan 1)", M365, "Office 365", "CFQ7TTC0LH16", false, Unit::Seat),
    sku("Microsoft Teams Essentials", M365, "Microsoft 365", "CFQ7TTC0RM8K", false, Unit::Seat),
    sku("Azure plan", AZURE, "Microsoft Azure", "DZH318Z0BPS6", false, Unit::Plan),
    sku("Azure Reserved Virtual Machine Instances", AZURE, "Microsoft Azure", "DZH318Z0BQ3Q", false, Unit::Instance),
    sku("Dynamics 365 Sales Professional", DYNAMICS, "Dynamics 365", "CFQ7TTC0LH3Q", false, Unit::Seat),
    sku("Dynamics 365 Sales Enterprise", DYNAMICS, "Dynamics 365", "CFQ7TTC0LH2H", false, Unit::Seat),
    sku("Dynamics 365 Customer Service Enterprise", DYNAMICS, "Dynamics 365", "CFQ7TTC0LHF7", false, Unit::Seat),
    sku("Dynamics 365 Business Central Essentials", DYNAMICS, "Dynamics 365", "CFQ7TTC0LHSF", false, Unit::Seat),
    sku("Dynamics 365 Business Central Premium", DYNAMICS, "Dynamics 365", "CFQ7TTC0LHSG", false, Unit::Seat),
    sku("Enterprise Mobility + Security E3", EMS, "Enterprise Mobility + Security", "CFQ7TTC0LFK5", false, Unit::Seat),
    sku("Enterprise Mobility + Security E5", EMS, "Enterprise Mobility + Security", "CFQ7TTC0LFK6", false, Unit::Seat),
    sku("Microsoft Intune Plan 1", EMS, "Enterprise Mobility + Security", "CFQ7TTC0LCH8", false, Unit::Seat),
    sku("Microsoft Entra ID P1", EMS, "Enterprise Mobility + Security", "CFQ7TTC0LFLT", false, Unit::Seat),
    sku("Power BI Pro", POWER_BI, "Power BI", "CFQ7TTC0L3PB", false, Unit::Seat),
    sku("Power BI Premium Per User", POWER_BI, "Power BI", "CFQ7TTC0HL8W", false, Unit::Seat),
    sku("Windows 11 Enterprise E3", WINDOWS, "Windows", "CFQ7TTC0LGTX", false, Unit::Seat),
    sku("Windows 11 Enterprise E5", WINDOWS, "Windows", "CFQ7TTC0LGTZ", false, Unit::Seat),
    sku("Microsoft Defender for Business", OTHER, "Microsoft Defender", "CFQ7TTC0LCHZ", false, Unit::Seat),
    sku("Microsoft Defender for Endpoint P1", OTHER, "Microsoft Defender", "CFQ7TTC0LGTP", false, Unit::Seat),
    sku("Minecraft Education", OTHER, "Minecraft", "CFQ7TTC0HKRZ", false, Unit::Seat),
];

/// A country, its weight (in tenths of a percent of customers) and the partner locations that
/// serve it (the first is the usual one).
#[derive(Clone, Copy, Debug)]
pub struct Country {
    pub code: &'static str,
    pub weight: u32,
    /// CustomerMarket: the country itself, except for a few countries served from a neighbour's
    /// market.
    pub market: &'static str,
    pub locations: &'static [&'static str],
    pub suffixes: &'static [&'static str],
}

const fn country(
    code: &'static str,
    weight: u32,
    market: &'static str,
    locations: &'static [&'static str],
    suffixes: &'static [&'static str],
) -> Country {
    Country {
        code,
        weight,
        market,
        locations,
        suffixes,
    }
}

const US_LOC: &[&str] = &["United States"];
const US_SFX: &[&str] = &["Inc", "LLC", "Corp", "Co"];
const EU_SFX: &[&str] = &["Ltd", "Group", "Holding"];

/// About forty countries, weighted; plus [`UNKNOWN_COUNTRY_WEIGHT`] for customers whose country
/// is not known.
#[rustfmt::skip]
pub const COUNTRIES: [Country; 41] = [
    country("US", 220, "US", US_LOC, US_SFX),
    country("GB", 80, "GB", &["United Kingdom"], &["Ltd", "plc", "LLP"]),
    country("DE", 80, "DE", &["Germany"], &["GmbH", "AG", "KG"]),
    country("FR", 70, "FR", &["France"], &["SARL", "SAS", "SA"]),
    country("CA", 50, "CA", &["Canada"], &["Inc", "Ltd", "Corp"]),
    country("AU", 40, "AU", &["Australia"], &["Pty Ltd"]),
    country("NL", 30, "NL", &["Netherlands"], &["BV", "NV"]),
    country("IN", 40, "IN", &["India"], &["Pvt Ltd", "Ltd"]),
    country("JP", 30, "JP", &["Japan"], &["KK", "Co Ltd"]),
    country("BR", 30, "BR", &["Brazil"], &["Ltda", "SA"]),
    country("ES", 30, "ES", &["Spain"], &["SL", "SA"]),
    country("IT", 30, "IT", &["Italy"], &["Srl", "SpA"]),
    country("SE", 20, "SE", &["Sweden"], &["AB"]),
    country("CH", 20, "CH", &["Switzerland", "Germany"], &["AG", "GmbH", "SA"]),
    country("BE", 20, "BE", &["Belgium", "France"], &["BV", "SRL", "SA"]),
    country("AT", 15, "AT", &["Germany"], &["GmbH"]),
    country("DK", 15, "DK", &["Sweden"], &["ApS", "A/S"]),
    country("NO", 15, "NO", &["Sweden"], &["AS"]),
    country("FI", 10, "FI", &["Sweden"], &["Oy"]),
    country("IE", 15, "IE", &["Ireland", "United Kingdom"], &["Ltd", "DAC"]),
    country("PL", 20, "PL", &["Poland"], &["sp. z o.o.", "SA"]),
    country("PT", 10, "PT", &["Spain"], &["Lda", "SA"]),
    country("MX", 20, "MX", &["Mexico", "United States"], &["SA de CV"]),
    country("SG", 15, "SG", &["Singapore"], &["Pte Ltd"]),
    country("NZ", 10, "NZ", &["Australia"], &["Ltd"]),
    country("ZA", 15, "ZA", &["South Africa"], &["(Pty) Ltd"]),
    country("AE", 10, "AE", &["United Arab Emirates"], &["LLC", "FZE"]),
    country("SA", 10, "SA", &["United Arab Emirates"], &["LLC"]),
    country("IL", 10, "IL", &["Israel"], &["Ltd"]),
    country("KR", 15, "KR", &["Japan", "South Korea"], &["Co Ltd"]),
    country("CN", 10, "CN", &["Singapore"], &["Co Ltd"]),
    country("HK", 10, "HK", &["Singapore"], &["Ltd"]),
    country("TW", 10, "TW", &["Singapore"], &["Co Ltd"]),
    country("CZ", 10, "CZ", &["Poland"], &["s.r.o.", "a.s."]),
    country("HU", 5, "HU", &["Poland"], &["Kft", "Zrt"]),
    country("RO", 5, "RO", &["Poland"], &["SRL"]),
    country("GR", 5, "GR", &["Italy"], &["SA"]),
    country("TR", 10, "TR", &["United Arab Emirates"], &["AS", "Ltd Sti"]),
    country("AR", 10, "AR", &["Brazil"], &["SA", "SRL"]),
    // served from the neighbouring market
    country("LU", 3, "BE", &["France", "Belgium"], EU_SFX),
    country("MC", 2, "FR", &["France"], &["SAM"]),
];

/// Weight of "country unknown" (about 2 %).
pub const UNKNOWN_COUNTRY_WEIGHT: u32 = 20;

/// The partner's MPN locations: the place each is published under (`PartnerLocation`, a
/// country name as in the exports) and its MPN id (`MpnId`, a numeric string). The book's
/// partner locations are these places; the Insights writers add the matching MPN id.
#[rustfmt::skip]
pub const MPN_LOCATIONS: [(&str, &str); 23] = [
    ("United States", "4310551"),
    ("United Kingdom", "4310552"),
    ("Germany", "4310553"),
    ("France", "4310554"),
    ("Canada", "4310555"),
    ("Australia", "4310556"),
    ("Netherlands", "4310557"),
    ("India", "4310558"),
    ("Japan", "4310559"),
    ("Brazil", "4310560"),
    ("Spain", "4310561"),
    ("Italy", "4310562"),
    ("Sweden", "4310563"),
    ("Switzerland", "4310564"),
    ("Belgium", "4310565"),
    ("Ireland", "4310566"),
    ("Poland", "4310567"),
    ("Mexico", "4310568"),
    ("Singapore", "4310569"),
    ("South Africa", "4310570"),
    ("United Arab Emirates", "4310571"),
    ("Israel", "4310572"),
    ("South Korea", "4310573"),
];

/// The MPN id of a partner location place (empty for a place not in [`MPN_LOCATIONS`]).
pub fn mpn_id(place: &str) -> &'static str {
    MPN_LOCATIONS
        .iter()
        .find(|l| l.0 == place)
        .map_or("", |l| l.1)
}

/// The partner global account's MPN id (`PGAMpnId`).
pub const PGA_MPN_ID: &str = "4310500";

/// The partner's name (`PartnerName`).
pub const PARTNER_NAME: &str = "Northwind Cloud Partners";

/// Where a deal of a global account is booked when it is reported a second time for another
/// partner id of the global account (the `IsDuplicateRowForPGA` rows): the global account's
/// own MPN location.
pub const GLOBAL_LOCATION: (&str, &str) = ("United States", PGA_MPN_ID);

/// Customer segments, their weights and their Insights `TopSegment`.
pub const SEGMENTS: [(&str, u32, &str); 7] = [
    ("SMB", 330, "SMB"),
    ("SMB Commercial", 200, "SMB"),
    ("Corporate", 150, "Corporate"),
    ("Enterprise", 80, "Enterprise"),
    ("Education", 90, "Public Sector"),
    ("Government", 60, "Public Sector"),
    ("Nonprofit", 90, "Nonprofit"),
];
pub const SMB: usize = 0;
pub const SMB_COMMERCIAL: usize = 1;
pub const CORPORATE: usize = 2;
pub const ENTERPRISE: usize = 3;
pub const EDUCATION: usize = 4;
pub const GOVERNMENT: usize = 5;
pub const NONPROFIT: usize = 6;

/// Attribution types (formats.md, from the published data definitions) and their weights, in the
/// short spelling the loader shows.
pub const ATTRIBUTIONS: [(&str, u32); 9] = [
    ("CSP Tier 1", 200),
    ("CSP Tier 2", 250),
    ("DPOR", 150),
    ("PAL", 120),
    ("CPOR", 100),
    ("Advisor", 60),
    ("Deal Registration", 50),
    ("Channel Partner", 40),
    ("CPOR - FRP", 30),
];

/// The long published spelling of an attribution type (`Words (ABBR) rest` for `ABBR rest`),
/// for the types formats.md lists in both spellings; `None` for the others.
pub fn attribution_long(short: &str) -> Option<&'static str> {
    match short {
        "CSP Tier 1" => Some("Cloud Solution Provider (CSP) Tier 1"),
        "CPOR" => Some("Claiming Partner of Record (CPOR)"),
        "DPOR" => Some("Digital Partner of Record (DPOR)"),
        "PAL" => Some("Partner Admin Link (PAL)"),
        _ => None,
    }
}

/// Azure meter categories an Azure plan consumes (`MeterCategory`, also written as
/// `ServiceName`) and their `UsageUnits`.
pub const AZURE_METERS: [(&str, &str); 5] = [
    ("Virtual Machines", "1 Hour"),
    ("Storage", "1 GB/Month"),
    ("Azure App Service", "1 Hour"),
    ("SQL Database", "1 Hour"),
    ("Bandwidth", "1 GB"),
];

/// The EMSUsage services, in the order of its column groups (`AADP...`, `Intune...`,
/// `Azip...`), as the workloads formats.md reads them as.
pub const EMS_SERVICES: [&str; 3] = ["Entra ID P1/P2", "Intune", "Information Protection"];

/// Which [`EMS_SERVICES`] a SKU includes (none for a SKU outside Enterprise Mobility +
/// Security).
pub fn ems_services(sku: usize) -> [bool; 3] {
    match sku {
        EMS_E3 | EMS_E5 => [true, true, true],
        INTUNE => [false, true, false],
        ENTRA_P1 => [true, false, false],
        _ => [false; 3],
    }
}

/// Sales channels and their weights.
pub const CHANNELS: [(&str, u32); 4] = [
    ("Direct", 350),
    ("Indirect reseller", 350),
    ("Distributor", 180),
    ("Marketplace", 120),
];

/// The first part of customer names.
pub const NAME_WORDS: [&str; 40] = [
    "Contoso",
    "Fabrikam",
    "Northwind Traders",
    "Adventure Works",
    "Tailspin Toys",
    "Wingtip Toys",
    "Litware",
    "Proseware",
    "Woodgrove Bank",
    "Alpine Ski House",
    "Coho Winery",
    "Trey Research",
    "Blue Yonder Airlines",
    "Fourth Coffee",
    "Lamna Healthcare",
    "Margie's Travel",
    "Relecloud",
    "VanArsdel",
    "Wide World Importers",
    "Humongous Insurance",
    "Graphic Design Institute",
    "Consolidated Messenger",
    "A. Datum",
    "Southridge Video",
    "Lucerne Publishing",
    "Nod Publishers",
    "City Power & Light",
    "Best For You Organics",
    "Bellows College",
    "Munson's Pickles and Preserves",
    "Olympia",
    "Tasmanian Traders",
    "The Phone Company",
    "Awesome Computers",
    "Boulder Innovations",
    "First Up Consultants",
    "Liberty's Delightful Sinful Bakery & Cafe",
    "Nordic Fjord Logistics",
    "Société Générale d'Études",
    "Müller & Söhne Bau",
];

/// Names that exercise CSV quoting and HTML escaping (customer names are hostile input).
pub const ODD_NAMES: [&str; 5] = [
    "Smith, Jones & Partners",
    "\"Blue Sky\" Consulting",
    "<b>Bold</b> & <i>Italic</i> Design",
    "O'Brien, \"The\" Bakers",
    "株式会社 Tailspin",
];

/// Office workloads of OfficeUsage, with the usual share of entitled users active (per mille,
/// low..high).
pub const WORKLOADS: [(&str, i64, i64); 6] = [
    ("Exchange", 750, 980),
    ("SharePoint", 400, 850),
    ("OneDrive", 300, 800),
    ("Teams", 550, 960),
    ("Yammer", 40, 300),
    ("Skype for Business", 10, 120),
];

/// The REST workload code of a workload name.
pub fn workload_code(w: &str) -> &'static str {
    match w {
        "Exchange" => "EXO",
        "SharePoint" => "SPO",
        "OneDrive" => "ODB",
        "Teams" => "TEAMS",
        "Yammer" => "YAM",
        "Skype for Business" => "SFB",
        _ => "OTHER",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sku_families_follow_the_name_rules() {
        for s in SKUS {
            assert_eq!(crate::family::from_name(s.name), s.family, "{}", s.name);
            assert_eq!(
                crate::family::from_insights_product(s.insights_product),
                s.family,
                "{}",
                s.insights_product
            );
        }
    }

    #[test]
    fn locations_are_mpn_locations_and_places() {
        for c in COUNTRIES {
            for l in c.locations {
                assert!(!mpn_id(l).is_empty(), "{l}");
                assert!(crate::country::normalize(l).is_some(), "{l}");
            }
        }
        for (place, id) in MPN_LOCATIONS {
            assert!(id.bytes().all(|b| b.is_ascii_digit()), "{place}");
        }
        assert!(PGA_MPN_ID.bytes().all(|b| b.is_ascii_digit()));
    }

    /// `Words (ABBR) rest` reads as `ABBR rest` (formats.md).
    #[test]
    fn long_attributions_abbreviate_to_the_short_ones() {
        let mut longs = 0;
        for (short, _) in ATTRIBUTIONS {
            if let Some(long) = attribution_long(short) {
                longs += 1;
                let (_, after) = long.split_once('(').unwrap();
                let (abbr, rest) = after.split_once(')').unwrap();
                assert_eq!(format!("{abbr}{rest}"), short);
            }
        }
        assert_eq!(longs, 4);
    }

    #[test]
    fn countries_are_known_and_names_round_trip() {
        for c in COUNTRIES {
            assert_eq!(crate::country::normalize(c.code), Some(c.code));
            let en = crate::country::name(c.code, "en");
            assert_eq!(
                en.and_then(crate::country::normalize),
                Some(c.code),
                "{en:?}"
            );
            let i = crate::country::COUNTRIES.binary_search_by(|x| x.0.cmp(c.code));
            let official = i.ok().map(|i| crate::country::COUNTRIES[i].3);
            assert_eq!(official.and_then(crate::country::normalize), Some(c.code));
        }
    }
}

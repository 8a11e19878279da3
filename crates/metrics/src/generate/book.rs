//! The synthetic book: customers, their subscriptions as month intervals with monthly seats
//! (and, for Dynamics 365, Power BI and EMS, monthly active users; for Azure plans, monthly
//! consumption), and their Office workload usage. Every writer reads this one model, which is what makes the
//! bundle and the Insights files give the same report by construction.
//!
//! Months are indexes into the book's window: 0 is the first month, `months - 1` the end month.
//! A subscription may have started before the window (a negative index): the Insights datasets
//! and the bundle only show the window, the REST files show the real dates.

use super::catalog::{self, Unit, SKUS};
use super::rng::SplitMix64;
use super::Params;
use crate::date::Month;

/// One customer of the book.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Customer {
    /// Tenant id, a lower-case GUID.
    pub id: String,
    pub name: String,
    /// `<name>.onmicrosoft.com`-style domain (REST only).
    pub domain: String,
    /// ISO alpha-2, `None` when the country is unknown.
    pub country: Option<&'static str>,
    /// CustomerMarket; `None` when the country is unknown.
    pub market: Option<&'static str>,
    /// CustomerSegment.
    pub segment: &'static str,
    /// Insights `TopSegment`.
    pub top_segment: &'static str,
    /// The Insights CustomersAndTenants rows leave CustomerSegment empty and give only
    /// TopSegment (equal to `segment` for these customers).
    pub segment_only_in_top: bool,
    pub subscriptions: Vec<Subscription>,
    /// One entry per workload the customer uses.
    pub usage: Vec<WorkloadUsage>,
}

/// One subscription: active in window month i when `start <= i < end`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subscription {
    /// Lower-case GUID.
    pub id: String,
    /// Index into [`catalog::SKUS`].
    pub sku: usize,
    /// `None` for the few deals booked without a partner location.
    pub partner_location: Option<&'static str>,
    pub attribution: &'static str,
    pub sales_channel: &'static str,
    /// First active month (may be before the window: negative).
    pub start: i32,
    /// Day of month it started (1..=28).
    pub start_day: u32,
    /// First month no longer active, `None` when still active at the end of the window.
    pub end: Option<i32>,
    /// Day of the cancellation (1..=28) in the month `end`: it is no longer active at the end
    /// of that month.
    pub end_day: u32,
    pub auto_renew: bool,
    /// Annual term (else monthly).
    pub annual: bool,
    /// Seats sold per window month, from [`Subscription::first`] to [`Subscription::last`].
    pub sold: Vec<i64>,
    /// Seats assigned per window month, aligned with `sold`.
    pub assigned: Vec<i64>,
    /// Monthly active users per window month, aligned with `sold`: for Dynamics 365 and Power
    /// BI entry 0 (ActiveSeats); for Enterprise Mobility + Security one per
    /// [`catalog::EMS_SERVICES`] the SKU includes (0 for the others). Empty for other SKUs.
    pub active_users: Vec<[i64; 3]>,
    /// Azure plan consumption per window month, aligned with `sold`, in US cents (the month's
    /// `MonthlySubscriptionLevelACR`); 0 in a month without consumption. Empty for other SKUs.
    pub acr_cents: Vec<i64>,
    /// Index into [`catalog::AZURE_METERS`]: what an Azure plan mostly consumes.
    pub meter: usize,
}

impl Subscription {
    /// The first window month in which it is active.
    pub fn first(&self) -> i32 {
        self.start.max(0)
    }

    /// One past the last window month in which it is active.
    pub fn stop(&self, months: i32) -> i32 {
        self.end.map_or(months, |e| e.min(months))
    }

    /// Active in window month `i`.
    pub fn active(&self, i: i32) -> bool {
        self.start <= i && self.end.is_none_or(|e| i < e)
    }

    /// Seats (sold, assigned) in window month `i` (0, 0 when not active).
    pub fn seats(&self, i: i32) -> (i64, i64) {
        if !self.active(i) {
            return (0, 0);
        }
        let k = (i - self.first()) as usize;
        match (self.sold.get(k), self.assigned.get(k)) {
            (Some(&s), Some(&a)) => (s, a),
            _ => (0, 0),
        }
    }

    /// Monthly active users in window month `i` (see [`Subscription::active_users`]; zeros when
    /// not active or not known).
    pub fn users(&self, i: i32) -> [i64; 3] {
        if !self.active(i) {
            return [0; 3];
        }
        let k = (i - self.first()) as usize;
        self.active_users.get(k).copied().unwrap_or([0; 3])
    }

    /// Azure consumption in window month `i`, US cents (0 when none or not active).
    pub fn acr(&self, i: i32) -> i64 {
        if !self.active(i) {
            return 0;
        }
        let k = (i - self.first()) as usize;
        self.acr_cents.get(k).copied().unwrap_or(0)
    }

    pub fn sku(&self) -> &'static catalog::Sku {
        &SKUS[self.sku.min(SKUS.len() - 1)]
    }
}

/// Monthly usage of one workload by one customer over the usage window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkloadUsage {
    pub workload: &'static str,
    /// Entry k is window month `usage_start + k`: (active, entitled), `None` when the customer
    /// had no Office entitlement that month.
    pub months: Vec<Option<(i64, i64)>>,
}

/// The whole book.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Book {
    pub params: Params,
    /// The first month of the window.
    pub start: Month,
    pub customers: Vec<Customer>,
}

impl Book {
    /// Number of months in the window.
    pub fn months(&self) -> i32 {
        self.params.months as i32
    }

    /// The calendar month of window month `i`.
    pub fn month(&self, i: i32) -> Month {
        Month(self.start.0 + i)
    }

    /// The first window month with workload usage.
    pub fn usage_start(&self) -> i32 {
        self.months() - self.params.usage_months.min(self.params.months) as i32
    }
}

/// Per-mille probability helpers.
const fn pm(per_mille: u32) -> u32 {
    per_mille * 1000
}

/// Monthly churn hazard per segment, parts per million (1-2 %).
const CHURN_PPM: [u32; 7] = [20_000, 15_000, 10_000, 6_000, 8_000, 6_000, 16_000];
/// Seat ranges per segment.
const SEATS: [(i64, i64); 7] = [
    (1, 25),
    (10, 150),
    (50, 800),
    (300, 5000),
    (30, 1500),
    (20, 1200),
    (3, 60),
];

fn core_sku(r: &mut SplitMix64, segment: usize) -> usize {
    use catalog::*;
    let choices: &[(usize, u32)] = match segment {
        SMB => &[(M365_BASIC, 35), (M365_STANDARD, 40), (M365_PREMIUM, 25)],
        SMB_COMMERCIAL => &[
            (M365_STANDARD, 35),
            (M365_PREMIUM, 45),
            (M365_BASIC, 10),
            (O365_E1, 10),
        ],
        CORPORATE => &[
            (M365_E3, 40),
            (O365_E3, 25),
            (M365_PREMIUM, 20),
            (M365_E5, 15),
        ],
        ENTERPRISE => &[(M365_E3, 45), (M365_E5, 35), (O365_E3, 20)],
        EDUCATION => &[(O365_E1, 40), (O365_E3, 30), (M365_E3, 30)],
        GOVERNMENT => &[(O365_E3, 40), (M365_E3, 40), (M365_F3, 20)],
        _ => &[(M365_BASIC, 40), (M365_PREMIUM, 40), (M365_STANDARD, 20)],
    };
    let w: Vec<u32> = choices.iter().map(|c| c.1).collect();
    choices.get(r.weighted(&w)).map_or(M365_STANDARD, |c| c.0)
}

fn upgrade(sku: usize) -> Option<usize> {
    use catalog::*;
    match sku {
        M365_BASIC => Some(M365_STANDARD),
        M365_STANDARD => Some(M365_PREMIUM),
        M365_E3 => Some(M365_E5),
        O365_E1 => Some(O365_E3),
        O365_E3 => Some(M365_E3),
        _ => None,
    }
}

/// Add-ons: (SKU choices, probability per mille for small / large customers, seats as a per-mille
/// share of the core seats).
struct AddOn {
    skus: &'static [usize],
    small: u32,
    large: u32,
    share: (i64, i64),
}

#[rustfmt::skip]
const ADD_ONS: [AddOn; 10] = {
    use catalog::*;
    [
        AddOn { skus: &[AZURE_PLAN], small: 200, large: 450, share: (0, 0) },
        AddOn { skus: &[D365_BC_ESS, D365_BC_PREM], small: 80, large: 0, share: (100, 400) },
        AddOn {
            skus: &[D365_SALES_PRO, D365_SALES_ENT, D365_SERVICE],
            small: 0,
            large: 150,
            share: (50, 250),
        },
        AddOn { skus: &[INTUNE, ENTRA_P1], small: 100, large: 60, share: (500, 1000) },
        AddOn { skus: &[EMS_E3, EMS_E5], small: 0, large: 220, share: (500, 1000) },
        AddOn { skus: &[PBI_PRO, PBI_PRO, PBI_PPU], small: 150, large: 300, share: (50, 300) },
        AddOn { skus: &[WIN_E3, WIN_E5], small: 30, large: 150, share: (400, 1000) },
        AddOn { skus: &[DEFENDER_BIZ], small: 80, large: 0, share: (800, 1000) },
        AddOn { skus: &[DEFENDER_EP1], small: 0, large: 100, share: (500, 1000) },
        AddOn { skus: &[EXCHANGE_P1, TEAMS_ESSENTIALS], small: 60, large: 60, share: (50, 200) },
    ]
};

struct Ctx<'a> {
    r: &'a mut SplitMix64,
    months: i32,
    location: Option<&'static str>,
    locations: &'static [&'static str],
    attribution: &'static str,
    channel: &'static str,
    /// Per-mille share of seats assigned.
    deploy_rate: i64,
    /// Some months have more seats assigned than sold (licence transfers on staff turnover).
    over_deploy: bool,
}

fn skewed(r: &mut SplitMix64, lo: i64, hi: i64) -> i64 {
    // lo + (hi - lo) * u^2: most customers small, a few large
    let u = r.below(1000) as i64;
    lo + (hi - lo) * u * u / 1_000_000
}

fn weighted_str(r: &mut SplitMix64, items: &[(&'static str, u32)]) -> &'static str {
    let w: Vec<u32> = items.iter().map(|x| x.1).collect();
    items.get(r.weighted(&w)).map_or("", |x| x.0)
}

impl Ctx<'_> {
    /// A subscription of `sku` over `[start, end)` (`end >= months` means still active), with
    /// `seats` seats at its start.
    fn subscription(&mut self, sku: usize, start: i32, end: i32, seats: i64) -> Subscription {
        let r = &mut *self.r;
        let id = r.guid();
        let partner_location = if r.chance(pm(10)) {
            None
        } else if r.chance(pm(100)) {
            Some(r.pick(self.locations))
        } else {
            self.location
        };
        let attribution = if r.chance(pm(150)) {
            weighted_str(r, &catalog::ATTRIBUTIONS)
        } else {
            self.attribution
        };
        let sales_channel = if r.chance(pm(150)) {
            weighted_str(r, &catalog::CHANNELS)
        } else {
            self.channel
        };
        let unit = SKUS.get(sku).map_or(Unit::Seat, |s| s.unit);
        let first = start.max(0);
        let stop = end.min(self.months);
        let rate = (self.deploy_rate + r.range(-80, 40)).clamp(0, 1000);
        let over = self.over_deploy && unit == Unit::Seat && r.chance(pm(500));
        let mut s = match unit {
            Unit::Seat => seats.max(1),
            Unit::Plan => 1,
            Unit::Instance => r.range(1, 12),
        };
        let mut sold = Vec::new();
        let mut assigned = Vec::new();
        for _ in first..stop {
            if unit == Unit::Seat && r.chance(pm(60)) {
                let down = (s / 12).max(1);
                let up = (s / 8).max(1);
                s = (s + r.range(-down, up)).max(1);
            }
            let a = if unit != Unit::Seat {
                s
            } else if over && r.chance(pm(300)) {
                s + r.range(1, (s / 20).max(1) + 1)
            } else {
                (s * rate / 1000 + r.range(-1, 1)).clamp(0, s)
            };
            sold.push(s);
            assigned.push(a);
        }
        Subscription {
            id,
            sku,
            partner_location,
            attribution,
            sales_channel,
            start,
            start_day: r.range(1, 28) as u32,
            end: (end < self.months).then_some(end),
            end_day: r.range(1, 28) as u32,
            auto_renew: !r.chance(pm(150)),
            annual: r.chance(pm(600)),
            sold,
            assigned,
            active_users: Vec::new(),
            acr_cents: Vec::new(),
            meter: 0,
        }
    }
}

/// Builds the book of `p` (parameters already checked).
pub(super) fn build(p: &Params) -> Book {
    let months = p.months as i32;
    let start = Month(p.end.0 - months + 1);
    let customers = (0..p.customers).map(|c| customer(p, c, months)).collect();
    Book {
        params: p.clone(),
        start,
        customers,
    }
}

fn customer(p: &Params, index: u32, months: i32) -> Customer {
    let r = &mut SplitMix64::stream(p.seed, u64::from(index));
    // where
    let mut w: Vec<u32> = catalog::COUNTRIES.iter().map(|c| c.weight).collect();
    w.push(catalog::UNKNOWN_COUNTRY_WEIGHT);
    let country = catalog::COUNTRIES.get(r.weighted(&w));
    let segment = r.weighted(&catalog::SEGMENTS.map(|s| s.1));
    let (segment_name, _, top) = catalog::SEGMENTS[segment.min(catalog::SEGMENTS.len() - 1)];
    let segment_only_in_top = segment_name == top && r.chance(pm(15));
    // who
    let word = if r.chance(pm(4)) {
        r.pick(&catalog::ODD_NAMES)
    } else {
        r.pick(&catalog::NAME_WORDS)
    };
    let suffix = r.pick(country.map_or(&["Ltd", "Group"][..], |c| c.suffixes));
    let name = format!("{word} {suffix} {index:04}");
    let slug: String = word
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let domain = format!("{slug}{index:04}.onmicrosoft.com");
    let id = r.guid();
    let locations: &'static [&'static str] =
        country.map_or(&["United States"][..], |c| c.locations);
    let location = if r.chance(pm(750)) {
        locations.first().copied()
    } else {
        let all: Vec<&'static str> = catalog::COUNTRIES
            .iter()
            .filter_map(|c| c.locations.first().copied())
            .collect();
        Some(r.pick(&all))
    };
    let attribution = weighted_str(r, &catalog::ATTRIBUTIONS);
    let channel = weighted_str(r, &catalog::CHANNELS);
    let low_adoption = r.chance(pm(80));
    let deploy_rate = if low_adoption {
        r.range(80, 400)
    } else if r.chance(pm(150)) {
        r.range(400, 700)
    } else {
        r.range(650, 1000)
    };
    let over_deploy = r.chance(pm(25));
    let large = matches!(
        segment,
        catalog::CORPORATE | catalog::ENTERPRISE | catalog::EDUCATION | catalog::GOVERNMENT
    );
    let mut ctx = Ctx {
        r,
        months,
        location,
        locations,
        attribution,
        channel,
        deploy_rate,
        over_deploy,
    };

    // when: the first active period starts before the window for 30 % of the book (and
    // always for customer 0, who never leaves, so the end month always has activity)
    let present = index == 0 || months == 1 || ctx.r.chance(pm(300));
    let mut t = if present {
        -(ctx.r.range(1, 36) as i32)
    } else {
        1 + ctx.r.below((months - 1) as u64) as i32
    };
    let hazard = CHURN_PPM[segment.min(CHURN_PPM.len() - 1)];
    let (seat_lo, seat_hi) = SEATS[segment.min(SEATS.len() - 1)];
    let mut subscriptions = Vec::new();
    loop {
        // an active period [t, e); e >= months: still a customer at the end
        let mut e = months;
        if index != 0 {
            for k in (t + 1).max(1)..months {
                if ctx.r.chance(hazard) {
                    e = k;
                    break;
                }
            }
        }
        period(
            &mut ctx,
            &mut subscriptions,
            segment,
            large,
            t,
            e,
            (seat_lo, seat_hi),
        );
        if e >= months || !ctx.r.chance(pm(250)) {
            break;
        }
        // churned, and comes back after a gap
        t = e + 1 + ctx.r.below(8) as i32;
        if t >= months {
            break;
        }
    }
    let usage = workload_usage(&mut ctx, p, &subscriptions, low_adoption);
    // service usage and consumption draw from their own stream: the rest of the book does not
    // depend on them
    let u = &mut SplitMix64::stream(p.seed ^ 0x5345_5256_4943_4553, u64::from(index));
    for s in &mut subscriptions {
        service_usage(u, s, low_adoption);
    }
    Customer {
        id,
        name,
        domain,
        country: country.map(|c| c.code),
        market: country.map(|c| c.market),
        segment: segment_name,
        top_segment: top,
        segment_only_in_top,
        subscriptions,
        usage,
    }
}

/// The subscriptions of one active period `[t, e)`.
fn period(
    ctx: &mut Ctx<'_>,
    subs: &mut Vec<Subscription>,
    segment: usize,
    large: bool,
    t: i32,
    e: i32,
    (lo, hi): (i64, i64),
) {
    let seats = skewed(ctx.r, lo, hi);
    // a few customers buy only Azure, or only Business Central
    let core = if ctx.r.chance(pm(50)) {
        catalog::AZURE_PLAN
    } else if !large && ctx.r.chance(pm(20)) {
        catalog::D365_BC_ESS
    } else {
        core_sku(ctx.r, segment)
    };
    // an upgrade part-way: the old subscription stops, the new one starts the same month
    let up = upgrade(core).filter(|_| e - t >= 3 && ctx.r.chance(pm(120)));
    match up {
        Some(next) => {
            let u = ctx.r.range(i64::from(t.max(0) + 1), i64::from(e - 1)) as i32;
            if u > t && u < e {
                let s = ctx.subscription(core, t, u, seats);
                subs.push(s);
                let s = ctx.subscription(next, u, e, seats);
                subs.push(s);
            } else {
                let s = ctx.subscription(core, t, e, seats);
                subs.push(s);
            }
        }
        None => {
            let s = ctx.subscription(core, t, e, seats);
            subs.push(s);
        }
    }
    if segment == catalog::GOVERNMENT && ctx.r.chance(pm(300)) {
        let s = ctx.subscription(catalog::M365_F3, t, e, (seats / 3).max(1));
        subs.push(s);
    }
    if segment == catalog::EDUCATION && ctx.r.chance(pm(300)) {
        let s = ctx.subscription(catalog::MINECRAFT, t, e, (seats / 2).max(1));
        subs.push(s);
    }
    for add in &ADD_ONS {
        // two thirds of the listed rates: keeps the committed sample under 3 MB
        let p = (if large { add.large } else { add.small }) * 2 / 3;
        if p == 0 || !ctx.r.chance(pm(p)) {
            continue;
        }
        let sku = ctx.r.pick(add.skus);
        // bought with the core, or added later
        let s0 = if ctx.r.chance(pm(500)) {
            t
        } else {
            (ctx.r.range(i64::from(t.max(0)), i64::from(e - 1)) as i32).max(t)
        };
        if s0 >= e {
            continue;
        }
        // some add-ons stop before the customer leaves
        let e0 = if ctx.r.chance(pm(200)) {
            ctx.r.range(i64::from(s0.max(0) + 1), i64::from(e)) as i32
        } else {
            e
        };
        if e0 <= s0 || e0 <= 0 {
            continue;
        }
        let n = (seats * ctx.r.range(add.share.0, add.share.1) / 1000).max(1);
        let s = ctx.subscription(sku, s0, e0, n);
        subs.push(s);
    }
}

/// Office workload usage over the usage window: entitled = the seats of the customer's Office
/// subscriptions that month; active mostly below entitled, by a per-workload rate.
///
/// A few customer-workloads show more active users than entitled ones: trial activity counted
/// without trial entitlements (metrics.md lists it among the real causes of ratios above 100).
fn workload_usage(
    ctx: &mut Ctx<'_>,
    p: &Params,
    subs: &[Subscription],
    low_adoption: bool,
) -> Vec<WorkloadUsage> {
    let months = ctx.months;
    let from = months - p.usage_months.min(p.months) as i32;
    let entitled: Vec<i64> = (from..months)
        .map(|i| {
            subs.iter()
                .filter(|s| s.sku().office)
                .map(|s| s.seats(i).0)
                .sum()
        })
        .collect();
    // some tenants turn usage reporting off (or anonymise it): no OfficeUsage rows for them
    let reported = ctx.r.chance(pm(850));
    if !reported || entitled.iter().all(|&e| e == 0) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (k, &(workload, lo, hi)) in catalog::WORKLOADS.iter().enumerate() {
        let uses = match k {
            0 => true,
            1 => ctx.r.chance(pm(900)),
            2 => ctx.r.chance(pm(850)),
            3 => ctx.r.chance(pm(920)),
            4 => ctx.r.chance(pm(120)),
            _ => ctx.r.chance(pm(30)),
        };
        if !uses {
            continue;
        }
        let mut rate = ctx.r.range(lo, hi);
        if low_adoption {
            rate = rate * 2 / 5;
        }
        let trial = ctx.r.chance(pm(20));
        let months_usage = entitled
            .iter()
            .map(|&e| {
                if e == 0 {
                    return None;
                }
                let active = if trial {
                    e + ctx.r.range(1, 3 + e / 10)
                } else {
                    (e * (rate + ctx.r.range(-30, 30)).clamp(0, 1000) / 1000).clamp(0, e)
                };
                Some((active, e))
            })
            .collect();
        out.push(WorkloadUsage {
            workload,
            months: months_usage,
        });
    }
    out
}

/// Monthly active users of a Dynamics 365, Power BI or EMS subscription (mostly below the
/// seats assigned, per service for EMS), and the monthly consumption of an Azure plan (most
/// months; a month now and then without any).
fn service_usage(r: &mut SplitMix64, s: &mut Subscription, low_adoption: bool) {
    let sku = s.sku();
    let ems = catalog::ems_services(s.sku);
    if sku.family == crate::family::DYNAMICS || sku.family == crate::family::POWER_BI {
        let mut rate = r.range(450, 950);
        if low_adoption {
            rate = rate * 2 / 5;
        }
        s.active_users = s
            .assigned
            .iter()
            .map(|&a| {
                [
                    (a * (rate + r.range(-40, 40)).clamp(0, 1000) / 1000).clamp(0, a),
                    0,
                    0,
                ]
            })
            .collect();
    } else if ems.contains(&true) {
        let mut rates = [r.range(600, 980), r.range(500, 950), r.range(150, 700)];
        if low_adoption {
            rates = rates.map(|x| x * 2 / 5);
        }
        s.active_users = s
            .sold
            .iter()
            .map(|&n| {
                let mut v = [0; 3];
                for k in 0..3 {
                    if ems[k] {
                        v[k] =
                            (n * (rates[k] + r.range(-40, 40)).clamp(0, 1000) / 1000).clamp(0, n);
                    }
                }
                v
            })
            .collect();
    } else if s.sku == catalog::AZURE_PLAN {
        s.meter = r.below(catalog::AZURE_METERS.len() as u64) as usize;
        // a plan's monthly spend, US cents; some plans idle more often than others
        let base = r.range(2_000, 800_000);
        let idle = if r.chance(pm(200)) { pm(300) } else { pm(60) };
        s.acr_cents = s
            .sold
            .iter()
            .map(|_| {
                if r.chance(idle) {
                    0
                } else {
                    (base * r.range(600, 1400) / 1000).max(1)
                }
            })
            .collect();
    }
}

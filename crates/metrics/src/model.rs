//! The normalized, columnar model every input becomes (metrics.md, "Facts").
//!
//! Loaders never build a [`Dataset`] directly: they feed a [`DatasetBuilder`] one fact at a
//! time, and [`DatasetBuilder::finish`] resolves customers matched by name, merges customer
//! attributes and freezes the columns.

use crate::date::Month;
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// An interned string.
pub type Sym = u32;
/// The interned `"Unknown"`: a missing value of any dimension (metrics.md, "Filters").
pub const UNKNOWN: Sym = 0;
/// "Not known" for usage-fact product, SKU and workload (different from `UNKNOWN`: a usage fact
/// whose product is not known survives a product filter).
pub const NONE: Sym = u32::MAX;

/// Repeated strings (countries, SKUs, segments, ...) stored once and named by a [`Sym`].
#[derive(Clone, Debug)]
pub struct Interner {
    strings: Vec<Box<str>>,
    map: FxHashMap<Box<str>, Sym>,
}

impl Default for Interner {
    fn default() -> Self {
        let mut i = Interner {
            strings: Vec::new(),
            map: FxHashMap::default(),
        };
        i.intern("Unknown");
        i
    }
}

impl Interner {
    /// The symbol of `s`, adding it when new.
    pub fn intern(&mut self, s: &str) -> Sym {
        if let Some(&k) = self.map.get(s) {
            return k;
        }
        let k = self.strings.len() as Sym;
        self.strings.push(s.into());
        self.map.insert(s.into(), k);
        k
    }

    /// The symbol of `s` if it was interned.
    pub fn get(&self, s: &str) -> Option<Sym> {
        self.map.get(s).copied()
    }

    /// The text of a symbol (`""` for [`NONE`] or an unknown symbol).
    pub fn resolve(&self, k: Sym) -> &str {
        self.strings.get(k as usize).map_or("", |s| s)
    }

    pub fn len(&self) -> usize {
        self.strings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.strings.is_empty()
    }
}

/// When an interval fact stops being active (metrics.md, "Interval bounds").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// Active up to and excluding this month.
    At(Month),
    /// No end.
    Open,
    /// Ended at a time only partly known: the first of `known` (deprovisioned / current state
    /// end) and `commitment` when that is not after the as-of date, else the as-of month. The
    /// report resolves it once the as-of date is known and counts it in `warnings` when it falls
    /// back to the as-of month.
    Resolve {
        known: Option<Month>,
        commitment: Option<NaiveDate>,
    },
}

impl End {
    /// The end month for an as-of date, and whether it fell back to the as-of month.
    pub fn resolve(self, as_of: NaiveDate) -> (Option<Month>, bool) {
        match self {
            End::At(m) => (Some(m), false),
            End::Open => (None, false),
            End::Resolve { known, commitment } => {
                let c = commitment.filter(|c| *c <= as_of).map(Month::of);
                match (known, c) {
                    (Some(a), Some(b)) => (Some(a.min(b)), false),
                    (Some(a), None) | (None, Some(a)) => (Some(a), false),
                    (None, None) => (Some(Month::of(as_of)), true),
                }
            }
        }
    }
}

/// Where a row came from: the file's index in the load and the 1-based row (data rows, the CSV
/// header not counted; the element index + 1 in a JSON array).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Origin {
    pub file: u32,
    pub row: u64,
}

/// Customers, one entry per customer, indexed by customer number.
#[derive(Clone, Debug, Default)]
pub struct Customers {
    /// The identifier as first seen (tenant id, or the name for customers known only by name).
    pub id: Vec<Box<str>>,
    pub name: Vec<Sym>,
    /// ISO alpha-2, upper-case, or `UNKNOWN`.
    pub country: Vec<Sym>,
    /// CustomerMarket, falling back to the country.
    pub market: Vec<Sym>,
    /// CustomerSegment, falling back to TopSegment.
    pub segment: Vec<Sym>,
}

impl Customers {
    pub fn len(&self) -> usize {
        self.id.len()
    }
    pub fn is_empty(&self) -> bool {
        self.id.is_empty()
    }
}

/// Activity facts in columns.
#[derive(Clone, Debug, Default)]
pub struct Activity {
    pub customer: Vec<u32>,
    pub product: Vec<Sym>,
    pub sku: Vec<Sym>,
    pub partner_location: Vec<Sym>,
    pub attribution: Vec<Sym>,
    pub sales_channel: Vec<Sym>,
    /// Interned lower-case subscription id, or [`NONE`].
    pub subscription: Vec<Sym>,
    pub start: Vec<Month>,
    pub end: Vec<End>,
    pub origin: Vec<Origin>,
}

impl Activity {
    pub fn len(&self) -> usize {
        self.customer.len()
    }
    pub fn is_empty(&self) -> bool {
        self.customer.is_empty()
    }
}

/// Usage and deployment facts in columns, ordered by month, then customer (a stable sort at
/// [`DatasetBuilder::finish`]), so that one month's facts are one slice and one customer's facts
/// in a month are contiguous.
#[derive(Clone, Debug, Default)]
pub struct Usage {
    pub customer: Vec<u32>,
    pub month: Vec<Month>,
    /// Product family, or [`NONE`] when the source does not say.
    pub product: Vec<Sym>,
    /// SKU, or [`NONE`].
    pub sku: Vec<Sym>,
    /// Workload, or [`NONE`].
    pub workload: Vec<Sym>,
    pub sold: Vec<Option<i64>>,
    pub assigned: Vec<Option<i64>>,
    pub active: Vec<Option<i64>>,
    pub entitled: Vec<Option<i64>>,
}

impl Usage {
    pub fn len(&self) -> usize {
        self.customer.len()
    }

    /// The index range of the facts of month `m`.
    pub fn month_range(&self, m: Month) -> std::ops::Range<usize> {
        self.month.partition_point(|x| *x < m)..self.month.partition_point(|x| *x <= m)
    }

    fn sort_by_month(&mut self) {
        let key = |i: usize| (self.month[i], self.customer[i]);
        if (1..self.len()).all(|i| key(i - 1) <= key(i)) {
            return;
        }
        let mut order: Vec<usize> = (0..self.len()).collect();
        order.sort_by_key(|&i| key(i));
        fn permute<T: Copy>(col: &mut Vec<T>, order: &[usize]) {
            *col = order.iter().map(|&i| col[i]).collect();
        }
        permute(&mut self.customer, &order);
        permute(&mut self.month, &order);
        permute(&mut self.product, &order);
        permute(&mut self.sku, &order);
        permute(&mut self.workload, &order);
        permute(&mut self.sold, &order);
        permute(&mut self.assigned, &order);
        permute(&mut self.active, &order);
        permute(&mut self.entitled, &order);
    }
    pub fn is_empty(&self) -> bool {
        self.customer.is_empty()
    }
}

/// Consumption facts (metrics.md, "Facts"): the customer consumed a pay-as-you-go service in a
/// month (Insights AzureUsage, the daily rated usage reconciliation). They carry no counts: they
/// make their customer active that month and never enter adoption. Sorted by (customer, month,
/// product) and without duplicates after [`DatasetBuilder::finish`].
#[derive(Clone, Debug, Default)]
pub struct Consumption {
    pub customer: Vec<u32>,
    pub month: Vec<Month>,
    /// Product family (Azure).
    pub product: Vec<Sym>,
}

impl Consumption {
    pub fn len(&self) -> usize {
        self.customer.len()
    }
    pub fn is_empty(&self) -> bool {
        self.customer.is_empty()
    }

    fn truncate(&mut self, k: usize) {
        self.customer.truncate(k);
        self.month.truncate(k);
        self.product.truncate(k);
    }

    fn sort_dedup(&mut self) {
        let mut rows: Vec<(u32, Month, Sym)> = (0..self.len())
            .map(|i| (self.customer[i], self.month[i], self.product[i]))
            .collect();
        rows.sort_unstable();
        rows.dedup();
        self.customer = rows.iter().map(|r| r.0).collect();
        self.month = rows.iter().map(|r| r.1).collect();
        self.product = rows.iter().map(|r| r.2).collect();
    }
}

/// A partner-wide licence total (PartnerLicensesDeploymentInsights / UsageInsights): shown as
/// partner totals, never mixed into per-customer figures.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PartnerTotal {
    /// `deployment` or `usage`.
    #[serde(deserialize_with = "partner_kind")]
    pub kind: crate::date::Name,
    /// serviceName or workloadName.
    pub key: String,
    pub licenses_sold: Option<i64>,
    /// proratedDeploymentPercent or proratedLicensesUsagePercent, as given.
    pub percent: Option<f64>,
    pub month: Option<Month>,
}

/// Everything loaded, normalized. Built by [`DatasetBuilder`].
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    pub strings: Interner,
    pub customers: Customers,
    pub activity: Activity,
    pub usage: Usage,
    pub consumption: Consumption,
    pub partner_totals: Vec<PartnerTotal>,
    /// The names of the loaded files, indexed by [`Origin::file`].
    pub files: Vec<String>,
    /// The latest Month / processedDateTime / creationDate / effectiveStartDate seen.
    pub max_date: Option<NaiveDate>,
    /// Some loaded activity row carried a subscription id (before filters).
    pub has_subscription_ids: bool,
    /// Some loaded usage fact carried an `active` count, or some consumption fact was loaded
    /// (before filters): active customers are then counted, else null (metrics.md).
    pub has_active_counts: bool,
}

impl Dataset {
    /// The symbols whose text equals one of `values`, trimmed and ignoring case (a filter's
    /// allowed values). Text in ASCII, nearly all of it, is compared in place; only other text is
    /// lower-cased (before, every string of the table was lower-cased into a new one for every
    /// filter of every report).
    pub fn symbols_matching(&self, values: &[String]) -> rustc_hash::FxHashSet<Sym> {
        let wanted: Vec<String> = values.iter().map(|v| v.trim().to_lowercase()).collect();
        (0..self.strings.len() as Sym)
            .filter(|&k| {
                let s = self.strings.resolve(k);
                if s.is_ascii() {
                    wanted.iter().any(|w| w.eq_ignore_ascii_case(s))
                } else {
                    let s = s.to_lowercase();
                    wanted.contains(&s)
                }
            })
            .collect()
    }
}

/// How a row names its customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CustomerKey<'a> {
    /// A tenant id (matched case-insensitively).
    Id(&'a str),
    /// Only a name: matched to a customer of the same name in the load (case-insensitively),
    /// else a customer of its own identified by that name.
    Name(&'a str),
}

/// Customer attributes a row carries. `None` or empty means "not given".
#[derive(Clone, Copy, Debug, Default)]
pub struct CustomerAttrs<'a> {
    pub name: Option<&'a str>,
    /// ISO alpha-2 (any case) or a country name.
    pub country: Option<&'a str>,
    pub market: Option<&'a str>,
    pub segment: Option<&'a str>,
    /// Used for the segment when `segment` is empty.
    pub top_segment: Option<&'a str>,
}

/// One activity fact as a loader sees it.
#[derive(Clone, Copy, Debug)]
pub struct ActivityRow<'a> {
    pub product: &'static str,
    pub sku: Option<&'a str>,
    pub partner_location: Option<&'a str>,
    pub attribution: Option<&'a str>,
    pub sales_channel: Option<&'a str>,
    pub subscription: Option<&'a str>,
    pub start: Month,
    pub end: End,
}

/// One usage or deployment fact as a loader sees it.
#[derive(Clone, Copy, Debug, Default)]
pub struct UsageRow<'a> {
    pub month: Option<Month>,
    pub product: Option<&'static str>,
    pub sku: Option<&'a str>,
    pub workload: Option<&'a str>,
    pub sold: Option<i64>,
    pub assigned: Option<i64>,
    pub active: Option<i64>,
    pub entitled: Option<i64>,
}

/// A state of a [`DatasetBuilder`] that [`DatasetBuilder::rollback`] returns to: a file refused
/// after some of its rows were fed (truncated JSON) leaves no trace. Interned strings stay (they
/// are never listed by themselves).
#[derive(Clone, Debug)]
pub struct Checkpoint {
    customers: usize,
    attrs: [Vec<Sym>; 4],
    activity: usize,
    usage: usize,
    consumption: usize,
    partner_totals: usize,
    max_date: Option<NaiveDate>,
    has_subscription_ids: bool,
    has_active_counts: bool,
    name_rows: u64,
    /// Billing subscriptions as they stood (a file may extend their usage spans and change
    /// their attributes), and the number of charge spans.
    billing_subs: Vec<BillingSub>,
    charge_spans: usize,
}

/// A subscription of the billing reconciliation files (formats.md section 4), as a loader sees
/// one of its lines.
#[derive(Clone, Copy, Debug)]
pub struct BillingRow<'a> {
    /// SubscriptionId.
    pub subscription: &'a str,
    pub product: &'static str,
    pub sku: Option<&'a str>,
    pub partner_location: Option<&'a str>,
    pub sales_channel: Option<&'a str>,
}

/// One subscription of the billing files: its attributes (those of its latest line) and, for a
/// usage-based one, the months of its first and last consumption.
#[derive(Clone, Copy, Debug)]
struct BillingSub {
    customer: u32,
    product: Sym,
    sku: Sym,
    partner_location: Sym,
    sales_channel: Sym,
    /// Interned lower-case subscription id.
    subscription: Sym,
    /// From the daily rated usage (else from charge lines).
    usage_based: bool,
    usage: Option<(Month, Month)>,
    /// Its first line.
    origin: Origin,
}

/// A charge line: quantity in force from `start` to `end`, inclusive, in millionths (exact sums
/// of fractional quantities, so a credit cancels its charge exactly).
#[derive(Clone, Copy, Debug)]
struct ChargeSpan {
    sub: u32,
    start: NaiveDate,
    end: NaiveDate,
    quantity: i64,
}

/// Charge lines and daily rated usage, kept per subscription across every file of a load (a
/// credit in one month's file subtracts from a charge of an earlier one) and turned into
/// activity facts by [`DatasetBuilder::finish`]: a year of daily rated usage (hundreds of MB)
/// is a few numbers per subscription.
#[derive(Clone, Debug, Default)]
struct Billing {
    /// (usage-based, subscription symbol) -> index into `subs`.
    index: FxHashMap<(bool, Sym), u32>,
    subs: Vec<BillingSub>,
    spans: Vec<ChargeSpan>,
    /// The subscription id of the last line as written, whether usage-based, and its index:
    /// lines of one subscription follow each other (a subscription's days of usage).
    last_text: String,
    last: Option<(bool, u32)>,
}

impl Billing {
    /// Adds a subscription, or gives an existing one (same key) `s`'s attributes and customer,
    /// its usage months merged. Returns its index.
    fn merge_sub(&mut self, s: BillingSub) -> u32 {
        let key = (s.usage_based, s.subscription);
        match self.index.get(&key) {
            Some(&i) => {
                if let Some(t) = self.subs.get_mut(i as usize) {
                    let usage = match (t.usage, s.usage) {
                        (Some((a, z)), Some((b, y))) => Some((a.min(b), z.max(y))),
                        (u, v) => u.or(v),
                    };
                    *t = BillingSub {
                        usage,
                        origin: t.origin,
                        ..s
                    };
                }
                i
            }
            None => {
                let i = self.subs.len() as u32;
                self.subs.push(s);
                self.index.insert(key, i);
                i
            }
        }
    }
}

/// Collects facts from any number of files; see the module docs.
#[derive(Debug, Default)]
pub struct DatasetBuilder {
    ds: Dataset,
    /// Lower-case tenant id -> customer.
    ids: FxHashMap<Box<str>, u32>,
    /// Lower-case name -> customer, for rows that name their customer only by name.
    names: FxHashMap<Box<str>, u32>,
    /// Country as written -> its code (normalizing a name is a table look-up per row otherwise).
    countries: FxHashMap<Box<str>, Option<&'static str>>,
    /// A reused buffer for lower-casing keys without allocating per row.
    scratch: String,
    /// The customer key of the last row as written, whether it was a name, and its customer:
    /// rows of one customer usually follow each other, and this spares their look-up.
    last_key: String,
    last: Option<(bool, u32)>,
    by_name: Vec<bool>,
    /// Rows whose customer was given by name only, per file.
    pub name_rows: Vec<u64>,
    file: u32,
    /// The last value of each text column of activity facts (product, SKU, partner location,
    /// attribution, sales channel) and its symbol.
    recent: [Recent; 5],
    billing: Billing,
}

/// The last text a column interned and its symbol: consecutive rows repeat their product, SKU,
/// partner location, ... so this spares most hash look-ups (and the attribution's rewriting).
#[derive(Debug, Default)]
struct Recent {
    text: String,
    sym: Sym,
}

impl Recent {
    /// The symbol of `v` (trimmed; missing or empty is `UNKNOWN`) after `norm`.
    fn sym<'v>(
        &mut self,
        st: &mut Interner,
        v: Option<&'v str>,
        norm: impl Fn(&'v str) -> std::borrow::Cow<'v, str>,
    ) -> Sym {
        let Some(v) = clean(v) else {
            return UNKNOWN;
        };
        if self.sym != UNKNOWN && same(self.text.as_bytes(), v.as_bytes()) {
            return self.sym;
        }
        let n = norm(v);
        let n = n.trim();
        self.sym = if n.is_empty() { UNKNOWN } else { st.intern(n) };
        self.text.clear();
        self.text.push_str(v);
        self.sym
    }
}

fn clean(s: Option<&str>) -> Option<&str> {
    s.map(trimmed).filter(|s| !s.is_empty())
}

/// `s.trim()`, without looking at the characters when `s` starts and ends with a visible ASCII
/// character (almost every value): `trim` decodes UTF-8 to test each end for Unicode whitespace.
pub(crate) fn trimmed(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// `a == b`, eight bytes at a time: in wasm a slice comparison calls a byte-by-byte `memcmp`,
/// and the loaders compare every key of every row, and most customer ids, with the last one.
pub(crate) fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (a8, b8) = (a.chunks_exact(8), b.chunks_exact(8));
    let word = |c: &[u8]| c.try_into().map_or(0, u64::from_ne_bytes);
    a8.remainder() == b8.remainder() && a8.zip(b8).all(|(x, y)| word(x) == word(y))
}

/// Lower-cases `s` into `buf` (ASCII fast path: ids and most names are ASCII).
fn lower_into<'b>(buf: &'b mut String, s: &str) -> &'b str {
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&s.to_lowercase());
    }
    buf
}

impl DatasetBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts a new file; later rows come from it. Returns its index.
    pub fn begin_file(&mut self, name: &str) -> u32 {
        self.ds.files.push(name.to_string());
        self.name_rows.push(0);
        self.file = (self.ds.files.len() - 1) as u32;
        // a subscription's attributes are taken again from the first of its lines in each file
        // (so that files loaded on several threads and joined agree)
        self.billing.last = None;
        self.file
    }

    /// The index of the current file.
    pub fn file(&self) -> u32 {
        self.file
    }

    /// Records a date that counts for the as-of date (Month, processedDateTime, creationDate,
    /// effectiveStartDate). Far-future sentinels are ignored.
    pub fn saw_date(&mut self, d: NaiveDate) {
        if crate::date::is_far_future(d) {
            return;
        }
        if self.ds.max_date.is_none_or(|m| d > m) {
            self.ds.max_date = Some(d);
        }
    }

    /// Records that a month-valued field (a snapshot's `Month`) was seen: it counts as the last
    /// day of that month, so a dataset whose latest Month is 2026-10 is as of 2026-10-31.
    pub fn saw_month(&mut self, m: Month) {
        if let Some(d) = m.last_day() {
            self.saw_date(d);
        }
    }

    /// Finds or adds the customer and merges the attributes (a non-empty value wins over an empty
    /// one; between two non-empty values the later row wins). Returns the customer number, or
    /// `None` when the key is empty.
    pub fn customer(&mut self, key: CustomerKey<'_>, attrs: CustomerAttrs<'_>) -> Option<u32> {
        let (raw, by_name) = match key {
            CustomerKey::Id(id) => (clean(Some(id))?, false),
            CustomerKey::Name(n) => (clean(Some(n))?, true),
        };
        if by_name {
            if let Some(c) = self.name_rows.get_mut(self.file as usize) {
                *c += 1;
            }
        }
        if let Some((n, c)) = self.last {
            if n == by_name && same(self.last_key.as_bytes(), raw.as_bytes()) {
                self.merge(c as usize, attrs);
                return Some(c);
            }
        }
        self.last_key.clear();
        self.last_key.push_str(raw);
        let lower = lower_into(&mut self.scratch, raw);
        let map = if by_name {
            &mut self.names
        } else {
            &mut self.ids
        };
        let c = match map.get(lower) {
            Some(&c) => c,
            None => {
                let c = self.ds.customers.id.len() as u32;
                map.insert(lower.into(), c);
                let cs = &mut self.ds.customers;
                cs.id.push(raw.into());
                cs.name.push(UNKNOWN);
                cs.country.push(UNKNOWN);
                cs.market.push(UNKNOWN);
                cs.segment.push(UNKNOWN);
                self.by_name.push(by_name);
                if by_name {
                    let s = self.ds.strings.intern(raw);
                    self.ds.customers.name[c as usize] = s;
                }
                c
            }
        };
        self.last = Some((by_name, c));
        self.merge(c as usize, attrs);
        Some(c)
    }

    /// The ISO code of a country given as a code or a name (cached: rows repeat a few values).
    fn country_code(&mut self, v: &str) -> Option<&'static str> {
        match self.countries.get(v) {
            Some(code) => *code,
            None => {
                let code = crate::country::normalize(v);
                self.countries.insert(v.into(), code);
                code
            }
        }
    }

    fn merge(&mut self, c: usize, a: CustomerAttrs<'_>) {
        let country = clean(a.country).and_then(|v| self.country_code(v));
        // a market that names a country is its ISO code (`United States` -> `US`), as the
        // country fallback is; any other market is kept as given (metrics.md, "Customer")
        let market = clean(a.market).map(|v| self.country_code(v).unwrap_or(v));
        let st = &mut self.ds.strings;
        let cs = &mut self.ds.customers;
        // Rows of one customer repeat the same attributes: compare before hashing.
        let mut set = |col: &mut Vec<Sym>, v: Option<&str>| {
            if let Some(v) = v {
                if st.resolve(col[c]) != v {
                    col[c] = st.intern(v);
                }
            }
        };
        set(&mut cs.name, clean(a.name));
        set(&mut cs.country, country);
        set(&mut cs.market, market);
        set(&mut cs.segment, clean(a.segment).or(clean(a.top_segment)));
    }

    /// Adds an activity fact of customer `c` (from [`DatasetBuilder::customer`]) at `row`.
    pub fn activity(&mut self, c: u32, row: u64, a: ActivityRow<'_>) {
        let sub = match clean(a.subscription) {
            Some(s) => {
                self.ds.has_subscription_ids = true;
                let lower = lower_into(&mut self.scratch, s);
                self.ds.strings.intern(lower)
            }
            None => NONE,
        };
        let st = &mut self.ds.strings;
        let [r_product, r_sku, r_pl, r_at, r_ch] = &mut self.recent;
        let as_is = std::borrow::Cow::Borrowed;
        let product = r_product.sym(st, Some(a.product), as_is);
        let sku = r_sku.sym(st, a.sku, as_is);
        let pl = r_pl.sym(st, a.partner_location, as_is);
        let at = r_at.sym(st, a.attribution, crate::attribution::canonical);
        let ch = r_ch.sym(st, a.sales_channel, as_is);
        let f = &mut self.ds.activity;
        f.customer.push(c);
        f.product.push(product);
        f.sku.push(sku);
        f.partner_location.push(pl);
        f.attribution.push(at);
        f.sales_channel.push(ch);
        f.subscription.push(sub);
        f.start.push(a.start);
        f.end.push(a.end);
        f.origin.push(Origin {
            file: self.file,
            row,
        });
    }

    /// Notes that a subscription id was loaded even though the row makes no activity fact (a
    /// pending subscription): `subscriptions` is then 0 rather than null.
    pub fn saw_subscription_id(&mut self) {
        self.ds.has_subscription_ids = true;
    }

    /// Adds a usage or deployment fact of customer `c`. Facts without a month are ignored (the
    /// loader reports them).
    pub fn usage(&mut self, c: u32, u: UsageRow<'_>) {
        let Some(month) = u.month else { return };
        if u.active.is_some() {
            self.ds.has_active_counts = true;
        }
        let st = &mut self.ds.strings;
        let mut sym = |v: Option<&str>| clean(v).map_or(NONE, |v| st.intern(v));
        let product = sym(u.product);
        let sku = sym(u.sku);
        let workload = sym(u.workload.map(crate::family::workload));
        let f = &mut self.ds.usage;
        f.customer.push(c);
        f.month.push(month);
        f.product.push(product);
        f.sku.push(sku);
        f.workload.push(workload);
        f.sold.push(u.sold);
        f.assigned.push(u.assigned);
        f.active.push(u.active);
        f.entitled.push(u.entitled);
    }

    /// Adds a consumption fact of customer `c`: it used `product` (Azure) in `month`.
    pub fn consumption(&mut self, c: u32, month: Month, product: &'static str) {
        self.ds.has_active_counts = true;
        let p = self.ds.strings.intern(product);
        let f = &mut self.ds.consumption;
        let n = f.len();
        // rows of one customer and month usually follow each other (one per meter and day)
        if n > 0 && f.customer[n - 1] == c && f.month[n - 1] == month && f.product[n - 1] == p {
            return;
        }
        f.customer.push(c);
        f.month.push(month);
        f.product.push(p);
    }

    /// The billing subscription of a line, found or added; its attributes become the line's
    /// at the first line of each run of lines of one subscription (a later file's win).
    /// `None` when the line has no subscription id.
    fn billing_sub(
        &mut self,
        c: u32,
        row: u64,
        usage_based: bool,
        s: &BillingRow<'_>,
    ) -> Option<u32> {
        let raw = clean(Some(s.subscription))?;
        self.ds.has_subscription_ids = true;
        if let Some((u, i)) = self.billing.last {
            if u == usage_based && same(self.billing.last_text.as_bytes(), raw.as_bytes()) {
                return Some(i);
            }
        }
        let st = &mut self.ds.strings;
        let subscription = st.intern(lower_into(&mut self.scratch, raw));
        let mut sym = |v: Option<&str>| clean(v).map_or(UNKNOWN, |v| st.intern(v));
        let attrs = BillingSub {
            customer: c,
            product: sym(Some(s.product)),
            sku: sym(s.sku),
            partner_location: sym(s.partner_location),
            sales_channel: sym(s.sales_channel),
            subscription,
            usage_based,
            usage: None,
            origin: Origin {
                file: self.file,
                row,
            },
        };
        let bl = &mut self.billing;
        let i = bl.merge_sub(attrs);
        bl.last_text.clear();
        bl.last_text.push_str(raw);
        bl.last = Some((usage_based, i));
        Some(i)
    }

    /// A charge line of the invoice reconciliation (formats.md section 4): `quantity` of
    /// subscription `s` of customer `c` in force from `start` to `end` inclusive (negative for
    /// credits and cancellations). A line without a subscription id is ignored.
    pub fn charge(
        &mut self,
        c: u32,
        row: u64,
        s: BillingRow<'_>,
        span: (NaiveDate, NaiveDate),
        quantity: f64,
    ) {
        let Some(sub) = self.billing_sub(c, row, false, &s) else {
            return;
        };
        // millionths, saturating (`as` saturates; NaN cannot come from a parsed finite value)
        let quantity = (quantity * 1e6).round() as i64;
        self.billing.spans.push(ChargeSpan {
            sub,
            start: span.0,
            end: span.1,
            quantity,
        });
    }

    /// A day of consumption (Quantity above 0) of the usage-based subscription `s` in `month`
    /// (the daily rated usage): its activity runs from its first such month to its last. The
    /// consumption fact itself is [`DatasetBuilder::consumption`]'s.
    pub fn consumed(&mut self, c: u32, row: u64, s: BillingRow<'_>, month: Month) {
        let Some(i) = self.billing_sub(c, row, true, &s) else {
            return;
        };
        if let Some(sub) = self.billing.subs.get_mut(i as usize) {
            sub.usage = Some(match sub.usage {
                None => (month, month),
                Some((a, z)) => (a.min(month), z.max(month)),
            });
        }
    }

    /// Notes a usage-based subscription line without consumption: its customer and its id are
    /// known (subscriptions count 0 rather than null), it is not active.
    pub fn billing_line_seen(&mut self, subscription: Option<&str>) {
        if clean(subscription).is_some() {
            self.ds.has_subscription_ids = true;
        }
    }

    /// The billing subscriptions as activity facts (formats.md section 4): a charge-line
    /// subscription is active in month m when the quantity of its lines whose period contains
    /// the last day of m is above 0; a usage-based one from the month of its first consumption
    /// to that of its last. Consecutive active months are one fact.
    fn billing_facts(&mut self) {
        let bl = std::mem::take(&mut self.billing);
        let mut order: Vec<u32> = (0..bl.spans.len() as u32).collect();
        order.sort_by_key(|&k| bl.spans[k as usize].sub);
        let mut at = 0usize;
        let mut events: Vec<(Month, i128)> = Vec::new();
        for (i, sub) in bl.subs.iter().enumerate() {
            let mut intervals: Vec<(Month, Month)> = Vec::new();
            if let Some((a, z)) = sub.usage {
                intervals.push((a, Month(z.0.saturating_add(1))));
            }
            events.clear();
            while let Some(span) = order.get(at).map(|&k| bl.spans[k as usize]) {
                if span.sub as usize != i {
                    break;
                }
                at += 1;
                // the months whose last day the period contains
                let first = Month::of(span.start);
                let end = Month::of(span.end);
                let last = if end.last_day() == Some(span.end) {
                    end
                } else {
                    Month(end.0.saturating_sub(1))
                };
                if span.start <= span.end && first <= last {
                    events.push((first, span.quantity.into()));
                    events.push((Month(last.0.saturating_add(1)), -i128::from(span.quantity)));
                }
            }
            events.sort_unstable_by_key(|e| e.0);
            let (mut q, mut open, mut k) = (0i128, None, 0);
            while let Some(&(m, _)) = events.get(k) {
                while let Some(&(_, d)) = events.get(k).filter(|e| e.0 == m) {
                    q += d;
                    k += 1;
                }
                match (open, q > 0) {
                    (None, true) => open = Some(m),
                    (Some(s), false) => {
                        intervals.push((s, m));
                        open = None;
                    }
                    _ => {}
                }
            }
            let f = &mut self.ds.activity;
            for (start, end) in intervals {
                f.customer.push(sub.customer);
                f.product.push(sub.product);
                f.sku.push(sub.sku);
                f.partner_location.push(sub.partner_location);
                f.attribution.push(UNKNOWN);
                f.sales_channel.push(sub.sales_channel);
                f.subscription.push(sub.subscription);
                f.start.push(start);
                f.end.push(End::At(end));
                f.origin.push(sub.origin);
            }
        }
    }

    /// Adds a partner-wide total.
    pub fn partner_total(&mut self, t: PartnerTotal) {
        self.ds.partner_totals.push(t);
    }

    /// The current state, to return to with [`DatasetBuilder::rollback`].
    pub fn checkpoint(&self) -> Checkpoint {
        let cs = &self.ds.customers;
        Checkpoint {
            customers: cs.len(),
            attrs: [
                cs.name.clone(),
                cs.country.clone(),
                cs.market.clone(),
                cs.segment.clone(),
            ],
            activity: self.ds.activity.len(),
            usage: self.ds.usage.len(),
            consumption: self.ds.consumption.len(),
            partner_totals: self.ds.partner_totals.len(),
            max_date: self.ds.max_date,
            has_subscription_ids: self.ds.has_subscription_ids,
            has_active_counts: self.ds.has_active_counts,
            name_rows: self.name_rows.get(self.file as usize).copied().unwrap_or(0),
            billing_subs: self.billing.subs.clone(),
            charge_spans: self.billing.spans.len(),
        }
    }

    /// Forgets every customer, fact and date added since `cp` (taken in the same file).
    pub fn rollback(&mut self, cp: Checkpoint) {
        let n = cp.customers;
        let cs = &mut self.ds.customers;
        cs.id.truncate(n);
        let [name, country, market, segment] = cp.attrs;
        cs.name = name;
        cs.country = country;
        cs.market = market;
        cs.segment = segment;
        self.by_name.truncate(n);
        self.last = None;
        self.ids.retain(|_, c| (*c as usize) < n);
        self.names.retain(|_, c| (*c as usize) < n);
        let a = &mut self.ds.activity;
        let k = cp.activity;
        a.customer.truncate(k);
        a.product.truncate(k);
        a.sku.truncate(k);
        a.partner_location.truncate(k);
        a.attribution.truncate(k);
        a.sales_channel.truncate(k);
        a.subscription.truncate(k);
        a.start.truncate(k);
        a.end.truncate(k);
        a.origin.truncate(k);
        let u = &mut self.ds.usage;
        let k = cp.usage;
        u.customer.truncate(k);
        u.month.truncate(k);
        u.product.truncate(k);
        u.sku.truncate(k);
        u.workload.truncate(k);
        u.sold.truncate(k);
        u.assigned.truncate(k);
        u.active.truncate(k);
        u.entitled.truncate(k);
        self.ds.consumption.truncate(cp.consumption);
        self.ds.partner_totals.truncate(cp.partner_totals);
        self.ds.max_date = cp.max_date;
        self.ds.has_subscription_ids = cp.has_subscription_ids;
        self.ds.has_active_counts = cp.has_active_counts;
        if let Some(r) = self.name_rows.get_mut(self.file as usize) {
            *r = cp.name_rows;
        }
        let bl = &mut self.billing;
        let k = cp.billing_subs.len() as u32;
        bl.subs = cp.billing_subs;
        bl.index.retain(|_, i| *i < k);
        bl.spans.truncate(cp.charge_spans);
        bl.last = None;
    }

    /// Appends what `other` collected from the files that follow this builder's: the result is
    /// what one builder fed every file in turn would hold (customers numbered in order of first
    /// appearance, facts in file order, attributes of a later file winning), so that files can
    /// be parsed on several threads and joined (see [`crate::load::load_parallel`]).
    pub fn append(&mut self, other: DatasetBuilder) {
        let o = other.ds;
        let smap: Vec<Sym> = (0..o.strings.len() as Sym)
            .map(|k| self.ds.strings.intern(o.strings.resolve(k)))
            .collect();
        let sym = |k: Sym| if k == NONE { NONE } else { smap[k as usize] };
        let file0 = self.ds.files.len() as u32;
        self.ds.files.extend(o.files);
        self.name_rows.extend(other.name_rows);
        // customers: the same key (tenant id, or name for those known only by name) is the same
        // customer; a non-empty attribute of the later files wins
        let oc = &o.customers;
        let mut cmap = Vec::with_capacity(oc.len());
        for c in 0..oc.len() {
            let by_name = other.by_name[c];
            let lower = lower_into(&mut self.scratch, &oc.id[c]);
            let map = if by_name {
                &mut self.names
            } else {
                &mut self.ids
            };
            let attrs = [oc.name[c], oc.country[c], oc.market[c], oc.segment[c]].map(sym);
            let cs = &mut self.ds.customers;
            let n = match map.get(lower) {
                Some(&n) => {
                    let cols = [
                        &mut cs.name,
                        &mut cs.country,
                        &mut cs.market,
                        &mut cs.segment,
                    ];
                    for (col, v) in cols.into_iter().zip(attrs) {
                        if v != UNKNOWN {
                            col[n as usize] = v;
                        }
                    }
                    n
                }
                None => {
                    let n = cs.id.len() as u32;
                    map.insert(lower.into(), n);
                    cs.id.push(oc.id[c].clone());
                    let [name, country, market, segment] = attrs;
                    cs.name.push(name);
                    cs.country.push(country);
                    cs.market.push(market);
                    cs.segment.push(segment);
                    self.by_name.push(by_name);
                    n
                }
            };
            cmap.push(n);
        }
        let cust = |c: &u32| cmap[*c as usize];
        let (a, oa) = (&mut self.ds.activity, o.activity);
        a.customer.extend(oa.customer.iter().map(cust));
        for (col, ocol) in [
            (&mut a.product, &oa.product),
            (&mut a.sku, &oa.sku),
            (&mut a.partner_location, &oa.partner_location),
            (&mut a.attribution, &oa.attribution),
            (&mut a.sales_channel, &oa.sales_channel),
            (&mut a.subscription, &oa.subscription),
        ] {
            col.extend(ocol.iter().map(|k| sym(*k)));
        }
        a.start.extend(oa.start);
        a.end.extend(oa.end);
        a.origin.extend(oa.origin.iter().map(|o| Origin {
            file: o.file + file0,
            row: o.row,
        }));
        let (u, ou) = (&mut self.ds.usage, o.usage);
        u.customer.extend(ou.customer.iter().map(cust));
        u.month.extend(ou.month);
        for (col, ocol) in [
            (&mut u.product, &ou.product),
            (&mut u.sku, &ou.sku),
            (&mut u.workload, &ou.workload),
        ] {
            col.extend(ocol.iter().map(|k| sym(*k)));
        }
        u.sold.extend(ou.sold);
        u.assigned.extend(ou.assigned);
        u.active.extend(ou.active);
        u.entitled.extend(ou.entitled);
        let (k, ok) = (&mut self.ds.consumption, o.consumption);
        k.customer.extend(ok.customer.iter().map(cust));
        k.month.extend(ok.month);
        k.product.extend(ok.product.iter().map(|p| sym(*p)));
        self.ds.partner_totals.extend(o.partner_totals);
        if let Some(d) = o.max_date {
            self.saw_date(d);
        }
        self.ds.has_subscription_ids |= o.has_subscription_ids;
        self.ds.has_active_counts |= o.has_active_counts;
        // billing subscriptions: the same key is the same subscription, the later files'
        // attributes winning, usage months merged; charge spans follow in file order
        let ob = other.billing;
        let bmap: Vec<u32> = ob
            .subs
            .iter()
            .map(|s| {
                self.billing.merge_sub(BillingSub {
                    customer: cust(&s.customer),
                    product: sym(s.product),
                    sku: sym(s.sku),
                    partner_location: sym(s.partner_location),
                    sales_channel: sym(s.sales_channel),
                    subscription: sym(s.subscription),
                    origin: Origin {
                        file: s.origin.file + file0,
                        row: s.origin.row,
                    },
                    ..*s
                })
            })
            .collect();
        self.billing
            .spans
            .extend(ob.spans.iter().map(|sp| ChargeSpan {
                sub: bmap[sp.sub as usize],
                ..*sp
            }));
        self.billing.last = None;
        self.file = (self.ds.files.len() as u32).saturating_sub(1);
        self.last = None;
    }

    /// Resolves customers known only by name, applies the market fallback, and returns the
    /// dataset.
    pub fn finish(mut self) -> Dataset {
        self.billing_facts();
        let n = self.ds.customers.len();
        // name (lower-case) -> first customer with a real id of that name
        let mut named: HashMap<String, u32> = HashMap::new();
        for c in 0..n {
            if !self.by_name[c] {
                let name = self.ds.strings.resolve(self.ds.customers.name[c]);
                if self.ds.customers.name[c] != UNKNOWN {
                    named.entry(name.to_lowercase()).or_insert(c as u32);
                }
            }
        }
        let mut remap: Vec<u32> = (0..n as u32).collect();
        let mut keep = vec![true; n];
        for c in 0..n {
            if !self.by_name[c] {
                continue;
            }
            let name = self
                .ds
                .strings
                .resolve(self.ds.customers.name[c])
                .to_lowercase();
            if let Some(&t) = named.get(&name) {
                remap[c] = t;
                keep[c] = false;
                // the id-keyed customer's non-empty attributes stand; fill its gaps
                let cs = &mut self.ds.customers;
                let t = t as usize;
                for col in [&mut cs.country, &mut cs.market, &mut cs.segment] {
                    if col[t] == UNKNOWN {
                        col[t] = col[c];
                    }
                }
            }
        }
        // compact
        let mut new_index = vec![0u32; n];
        let mut next = 0u32;
        for c in 0..n {
            if keep[c] {
                new_index[c] = next;
                next += 1;
            }
        }
        for c in 0..n {
            remap[c] = new_index[remap[c] as usize];
        }
        let cs = std::mem::take(&mut self.ds.customers);
        let mut out = Customers::default();
        for c in 0..n {
            if keep[c] {
                out.id.push(cs.id[c].clone());
                out.name.push(cs.name[c]);
                out.country.push(cs.country[c]);
                let market = if cs.market[c] == UNKNOWN {
                    cs.country[c]
                } else {
                    cs.market[c]
                };
                out.market.push(market);
                out.segment.push(cs.segment[c]);
            }
        }
        self.ds.customers = out;
        for c in self.ds.activity.customer.iter_mut() {
            *c = remap[*c as usize];
        }
        for c in self.ds.usage.customer.iter_mut() {
            *c = remap[*c as usize];
        }
        for c in self.ds.consumption.customer.iter_mut() {
            *c = remap[*c as usize];
        }
        self.ds.usage.sort_by_month();
        self.ds.consumption.sort_dedup();
        self.ds
    }
}

/// The `kind` of a [`PartnerTotal`], read back (the engine's answer crossing to the page).
fn partner_kind<'de, D: serde::Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let name = <String as serde::Deserialize>::deserialize(d)?;
    crate::date::known(&name, &["deployment", "usage"])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_values_match_symbols_trimmed_and_ignoring_case() {
        let mut ds = Dataset::default();
        let words = [
            "US",
            "us",
            "Zürich",
            "ZÜRICH",
            "Straße",
            "STRASSE",
            "Microsoft 365",
            "FR",
        ];
        let syms: Vec<Sym> = words.iter().map(|w| ds.strings.intern(w)).collect();
        let got = |values: &[&str]| {
            let values: Vec<String> = values.iter().map(|v| v.to_string()).collect();
            let m = ds.symbols_matching(&values);
            let mut out: Vec<&str> = syms
                .iter()
                .zip(words)
                .filter(|(k, _)| m.contains(k))
                .map(|(_, w)| w)
                .collect();
            out.sort_unstable();
            out
        };
        assert_eq!(got(&[" uS "]), ["US", "us"]);
        assert_eq!(got(&["zürich"]), ["ZÜRICH", "Zürich"]);
        // lower-casing keeps ß (it is not "ss"), as before
        assert_eq!(got(&["straße"]), ["Straße"]);
        assert_eq!(
            got(&["strasse", "microsoft 365"]),
            ["Microsoft 365", "STRASSE"]
        );
        assert!(got(&["u"]).is_empty());
        assert!(got(&[]).is_empty());
    }

    #[test]
    fn same_is_eq() {
        let words = [
            "",
            "a",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "774daf80-23f0-4c84-b456-07a04cf64875",
        ];
        for a in words {
            for b in words {
                assert_eq!(same(a.as_bytes(), b.as_bytes()), a == b, "{a} {b}");
            }
            let mut c = a.as_bytes().to_vec();
            if let Some(last) = c.last_mut() {
                *last ^= 1;
                assert!(!same(a.as_bytes(), &c), "{a}");
            }
        }
    }

    fn attrs(name: &str) -> CustomerAttrs<'_> {
        CustomerAttrs {
            name: Some(name),
            ..Default::default()
        }
    }

    #[test]
    fn ids_match_case_insensitively_and_attributes_merge() -> Result<(), Box<dyn std::error::Error>>
    {
        let mut b = DatasetBuilder::new();
        b.begin_file("a.csv");
        let a = b
            .customer(
                CustomerKey::Id("ABC-1"),
                CustomerAttrs {
                    name: Some("Contoso"),
                    country: Some("fr"),
                    ..Default::default()
                },
            )
            .ok_or("no customer")?;
        let b2 = b
            .customer(
                CustomerKey::Id("abc-1"),
                CustomerAttrs {
                    country: Some(""),
                    segment: None,
                    top_segment: Some("SMB"),
                    ..Default::default()
                },
            )
            .ok_or("no customer")?;
        assert_eq!(a, b2);
        let ds = b.finish();
        assert_eq!(ds.customers.len(), 1);
        assert_eq!(ds.strings.resolve(ds.customers.country[0]), "FR");
        // market falls back to the country
        assert_eq!(ds.strings.resolve(ds.customers.market[0]), "FR");
        assert_eq!(ds.strings.resolve(ds.customers.segment[0]), "SMB");
        assert_eq!(ds.strings.resolve(ds.customers.name[0]), "Contoso");
        Ok(())
    }

    #[test]
    fn names_resolve_to_ids_at_finish() -> Result<(), Box<dyn std::error::Error>> {
        let mut b = DatasetBuilder::new();
        b.begin_file("usage.json");
        let by_name = b
            .customer(CustomerKey::Name("CONTOSO"), attrs(""))
            .ok_or("no customer")?;
        let lone = b
            .customer(CustomerKey::Name("Fabrikam"), attrs(""))
            .ok_or("no customer")?;
        b.usage(
            by_name,
            UsageRow {
                month: Some(Month::new(2024, 1)),
                active: Some(3),
                ..Default::default()
            },
        );
        b.usage(
            lone,
            UsageRow {
                month: Some(Month::new(2024, 1)),
                ..Default::default()
            },
        );
        b.begin_file("customers.json");
        let id = b
            .customer(CustomerKey::Id("t1"), attrs("Contoso"))
            .ok_or("no customer")?;
        assert_eq!(b.name_rows, vec![2, 0]);
        let ds = b.finish();
        assert_eq!(ds.customers.len(), 2);
        // usage facts are reordered by (month, customer): find them by their counts
        let of = |active: Option<i64>| {
            let i = ds.usage.active.iter().position(|a| *a == active)?;
            Some(&*ds.customers.id[ds.usage.customer[i] as usize])
        };
        assert_eq!(of(Some(3)), Some("t1"));
        assert_eq!(of(None), Some("Fabrikam"));
        assert!(ds.has_active_counts);
        let _ = id;
        Ok(())
    }

    #[test]
    fn billing_aggregates_roll_back_and_append() -> Result<(), Box<dyn std::error::Error>> {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
        let row = |sid| BillingRow {
            subscription: sid,
            product: "Azure",
            sku: Some("Azure plan"),
            partner_location: None,
            sales_channel: Some("Direct"),
        };
        let feed_first = |b: &mut DatasetBuilder| -> Result<(), Box<dyn std::error::Error>> {
            b.begin_file("a.csv");
            let c = b
                .customer(CustomerKey::Id("t1"), attrs("A"))
                .ok_or("no customer")?;
            b.consumed(c, 1, row("S1"), Month::new(2024, 3));
            b.charge(c, 2, row("L1"), (d(2024, 1, 15)?, d(2024, 2, 14)?), 5.0);
            Ok(())
        };
        let feed_second = |b: &mut DatasetBuilder| -> Result<(), Box<dyn std::error::Error>> {
            b.begin_file("b.csv");
            let c = b
                .customer(CustomerKey::Id("T1"), attrs("A"))
                .ok_or("no customer")?;
            b.consumed(c, 1, row("s1"), Month::new(2024, 1));
            b.charge(c, 2, row("L1"), (d(2024, 2, 15)?, d(2024, 3, 14)?), 5.0);
            Ok(())
        };
        let facts = |ds: &Dataset| {
            let a = &ds.activity;
            (0..a.len())
                .map(|i| {
                    (
                        ds.strings.resolve(a.subscription[i]).to_string(),
                        a.start[i],
                        a.end[i],
                    )
                })
                .collect::<Vec<_>>()
        };
        // a file rolled back leaves the first file's spans as they were
        let mut b = DatasetBuilder::new();
        feed_first(&mut b)?;
        let alone = {
            let mut b2 = DatasetBuilder::new();
            feed_first(&mut b2)?;
            facts(&b2.finish())
        };
        b.begin_file("c.csv");
        let cp = b.checkpoint();
        let c = b
            .customer(CustomerKey::Id("t1"), attrs("A"))
            .ok_or("no customer")?;
        b.consumed(c, 1, row("S1"), Month::new(2023, 1));
        b.charge(c, 2, row("L1"), (d(2024, 3, 1)?, d(2024, 9, 30)?), 1.0);
        b.charge(c, 3, row("L2"), (d(2024, 3, 1)?, d(2024, 9, 30)?), 1.0);
        b.rollback(cp);
        assert_eq!(facts(&b.finish()), alone);
        // two files in one builder, or in two joined: the same facts
        let mut one = DatasetBuilder::new();
        feed_first(&mut one)?;
        feed_second(&mut one)?;
        let mut a = DatasetBuilder::new();
        feed_first(&mut a)?;
        let mut z = DatasetBuilder::new();
        feed_second(&mut z)?;
        a.append(z);
        let (one, joined) = (facts(&one.finish()), facts(&a.finish()));
        assert_eq!(one, joined);
        let m = Month::new;
        assert_eq!(
            one,
            [
                ("s1".to_string(), m(2024, 1), End::At(m(2024, 4))),
                ("l1".to_string(), m(2024, 1), End::At(m(2024, 3))),
            ]
        );
        Ok(())
    }

    #[test]
    fn end_resolution() -> Result<(), Box<dyn std::error::Error>> {
        let asof = NaiveDate::from_ymd_opt(2024, 6, 30).ok_or("bad date")?;
        let m = Month::new;
        assert_eq!(End::Open.resolve(asof), (None, false));
        let r = End::Resolve {
            known: None,
            commitment: NaiveDate::from_ymd_opt(2025, 1, 1),
        };
        assert_eq!(r.resolve(asof), (Some(m(2024, 6)), true));
        let r = End::Resolve {
            known: Some(m(2024, 5)),
            commitment: NaiveDate::from_ymd_opt(2024, 2, 1),
        };
        assert_eq!(r.resolve(asof), (Some(m(2024, 2)), false));
        Ok(())
    }
}

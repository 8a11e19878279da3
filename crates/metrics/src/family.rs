//! Product families (formats.md, "Product family").

/// The product families the dashboard groups by, in the order of the name rules.
pub const FAMILIES: [&str; 7] = [
    "Azure",
    "Dynamics 365",
    "Enterprise Mobility + Security",
    "Power BI",
    "Microsoft 365",
    "Windows",
    "Other",
];

pub const AZURE: &str = "Azure";
pub const DYNAMICS: &str = "Dynamics 365";
pub const EMS: &str = "Enterprise Mobility + Security";
pub const POWER_BI: &str = "Power BI";
pub const M365: &str = "Microsoft 365";
pub const WINDOWS: &str = "Windows";
pub const OTHER: &str = "Other";

fn contains_ci(hay: &str, needle: &str) -> bool {
    // needles are ASCII lower-case; a byte window compare avoids allocating per row
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    h.len() >= n.len() && h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// Derives the family from an offer or product name by the rules of formats.md, in order.
///
/// # Examples
/// ```
/// use metrics::family::from_name;
/// assert_eq!(from_name("Dynamics 365 for Project Operations"), "Dynamics 365");
/// assert_eq!(from_name("Office 365 E3"), "Microsoft 365");
/// assert_eq!(from_name("Something else"), "Other");
/// ```
pub fn from_name(name: &str) -> &'static str {
    const RULES: [(&str, &[&str]); 6] = [
        (AZURE, &["azure"]),
        (DYNAMICS, &["dynamics", "crm"]),
        (EMS, &["enterprise mobility", "ems", "intune", "entra"]),
        (POWER_BI, &["power bi"]),
        (
            M365,
            &[
                "microsoft 365",
                "office 365",
                "office",
                "exchange",
                "sharepoint",
                "teams",
                "onedrive",
                "project",
                "visio",
                "calling plan",
                "skype",
            ],
        ),
        (WINDOWS, &["windows"]),
    ];
    RULES
        .iter()
        .find(|(_, needles)| needles.iter().any(|n| contains_ci(name, n)))
        .map_or(OTHER, |(f, _)| f)
}

/// The family of a REST license record: `serviceCode` `crm` / `o365` first, else the name rules.
pub fn from_service(service_code: Option<&str>, name: Option<&str>) -> &'static str {
    match service_code.map(str::trim) {
        Some(c) if c.eq_ignore_ascii_case("crm") => DYNAMICS,
        Some(c) if c.eq_ignore_ascii_case("o365") => M365,
        _ => name.map_or(OTHER, from_name),
    }
}

/// Maps an analytics `subscriptionType`.
///
/// # Examples
/// ```
/// use metrics::family::from_subscription_type;
/// assert_eq!(from_subscription_type("M365"), "Microsoft 365");
/// assert_eq!(from_subscription_type("UNKNOWN"), "Other");
/// ```
pub fn from_subscription_type(t: &str) -> &'static str {
    let t = t.trim();
    let is = |s: &str| t.eq_ignore_ascii_case(s);
    if is("Office") || is("Microsoft365") || is("M365") {
        M365
    } else if is("Azure") {
        AZURE
    } else if is("Dynamics") {
        DYNAMICS
    } else if is("EMS") {
        EMS
    } else if is("Windows") {
        WINDOWS
    } else {
        OTHER
    }
}

/// Maps an Insights `Product` value: `Office 365`, `O365` (older exports) and `Microsoft 365`
/// are Microsoft 365, `Microsoft Azure` is Azure, anything else goes through the name rules.
pub fn from_insights_product(p: &str) -> &'static str {
    let p = p.trim();
    if ["Office 365", "O365", "Microsoft 365"]
        .iter()
        .any(|n| p.eq_ignore_ascii_case(n))
    {
        M365
    } else if p.eq_ignore_ascii_case("Microsoft Azure") {
        AZURE
    } else {
        from_name(p)
    }
}

/// Canonical workload names: OneDrive counts with SharePoint (formats.md), REST workload codes
/// map to the names the Insights datasets use.
///
/// # Examples
/// ```
/// use metrics::family::workload;
/// assert_eq!(workload("OneDrive for Business"), "SharePoint");
/// assert_eq!(workload("EXO"), "Exchange");
/// assert_eq!(workload("Planner"), "Planner");
/// ```
pub fn workload(name: &str) -> &str {
    let n = name.trim();
    let is = |s: &str| n.eq_ignore_ascii_case(s);
    if contains_ci(n, "onedrive") || contains_ci(n, "sharepoint") || is("SPO") || is("ODB") {
        "SharePoint"
    } else if contains_ci(n, "exchange") || is("EXO") {
        "Exchange"
    } else if contains_ci(n, "teams") || is("TEAMS") {
        "Teams"
    } else if contains_ci(n, "skype") || is("SFB") {
        "Skype for Business"
    } else if contains_ci(n, "yammer") || is("YAM") {
        "Yammer"
    } else {
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_rules_in_order() {
        assert_eq!(from_name("Azure plan"), AZURE);
        assert_eq!(from_name("Microsoft Azure"), AZURE);
        assert_eq!(from_name("Dynamics 365 Sales"), DYNAMICS);
        assert_eq!(from_name("CRM Online"), DYNAMICS);
        assert_eq!(from_name("Microsoft Intune"), EMS);
        assert_eq!(from_name("Microsoft Entra ID P1"), EMS);
        assert_eq!(from_name("EMS E3"), EMS);
        assert_eq!(from_name("Power BI Pro"), POWER_BI);
        assert_eq!(from_name("Microsoft 365 Business Premium"), M365);
        assert_eq!(from_name("Project Plan 3"), M365);
        assert_eq!(from_name("Visio Plan 2"), M365);
        assert_eq!(from_name("Microsoft Teams Phone with Calling Plan"), M365);
        assert_eq!(from_name("Windows 11 Enterprise E3"), WINDOWS);
        assert_eq!(from_name(""), OTHER);
        // rules are ordered: Azure before everything
        assert_eq!(from_name("Azure Active Directory Premium"), AZURE);
    }

    #[test]
    fn mappings() {
        assert_eq!(from_insights_product("Office 365"), M365);
        assert_eq!(from_insights_product("O365"), M365);
        assert_eq!(from_insights_product("microsoft azure"), AZURE);
        assert_eq!(from_insights_product("Dynamics 365"), DYNAMICS);
        assert_eq!(from_insights_product("Enterprise Mobility + Security"), EMS);
        assert_eq!(from_subscription_type("office"), M365);
        assert_eq!(from_subscription_type("Dynamics"), DYNAMICS);
        assert_eq!(from_subscription_type("EMS"), EMS);
        assert_eq!(from_subscription_type("Windows"), WINDOWS);
        assert_eq!(from_subscription_type("Azure"), AZURE);
        assert_eq!(from_service(Some("CRM"), Some("x")), DYNAMICS);
        assert_eq!(from_service(Some("o365"), None), M365);
        assert_eq!(from_service(None, Some("Power BI Pro")), POWER_BI);
    }
}

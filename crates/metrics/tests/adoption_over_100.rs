//! Each documented cause of an adoption figure above 100% (issue 6), as Partner Center rows:
//! the ratio is shown as it is, never capped, and flagged with `over_100`.

use metrics::{load, report, Input, Query};

fn adoption(files: &[(&str, &str)]) -> metrics::report::Adoption {
    let inputs: Vec<Input<'_>> = files
        .iter()
        .map(|(name, text)| Input {
            name,
            bytes: text.as_bytes(),
        })
        .collect();
    let l = load(&inputs);
    for f in &l.files {
        assert_eq!(f.problem_count, 0, "{:?}", f.problems);
    }
    report(&l.dataset, &Query::default())
        .adoption
        .expect("adoption section")
}

const SEATS_HEADER: &str = "SubscriptionId,SubscriptionState,Month,CustomerTenantId,CustomerName,Product,SKU,TotalSoldSeats,TotalAssignedSeats\n";
const USAGE_HEADER: &str =
    "CustomerTenantId,CustomerName,WorkloadName,Month,PaidAvailableUnits,MonthlyActiveUsers\n";

#[test]
fn licence_transferred_to_a_new_user_on_staff_turnover() {
    // 20 paid Exchange licences; a leaver's licence went to the new hire during the month, so
    // both were active in the 28-day window: 21 active users for 20 entitlements
    let usage = format!("{USAGE_HEADER}t1,Contoso,Exchange,2024-06-01,20,21\n");
    let a = adoption(&[("usage.csv", &usage)]);
    let c = &a.customers[0];
    assert_eq!(c.usage_pct, Some(105.0));
    assert!(c.over_100 && c.workloads[0].over_100);
    assert!(a.portfolio.over_100);
}

#[test]
fn two_subscriptions_of_one_sku_with_one_in_grace_period() {
    // the renewed subscription sells 10 seats; users are still assigned on the old one in its
    // grace period (Churned state, no seats sold any more): 14 assigned for 10 sold
    let seats = format!(
        "{SEATS_HEADER}s-new,Active,2024-06-01,t1,Contoso,Microsoft 365,Microsoft 365 E3,10,10\n\
         s-old,Churned,2024-06-01,t1,Contoso,Microsoft 365,Microsoft 365 E3,0,4\n"
    );
    let a = adoption(&[("seats.csv", &seats)]);
    let c = &a.customers[0];
    assert_eq!((c.sold, c.assigned), (10, 14));
    assert_eq!(c.deployment_pct, Some(140.0));
    assert!(c.over_100 && c.products[0].over_100);
}

#[test]
fn trial_activity_counted_without_trial_entitlements() {
    // 5 paid Teams licences, 3 more users active on a trial whose units are not "paid available"
    let usage = format!("{USAGE_HEADER}t1,Contoso,Teams,2024-06-01,5,8\n");
    let a = adoption(&[("usage.csv", &usage)]);
    assert_eq!(a.customers[0].usage_pct, Some(160.0));
    assert!(a.customers[0].over_100);
}

#[test]
fn workload_used_beyond_its_entitlement() {
    // SharePoint (OneDrive counts with it) used by more people than it is entitled for, while
    // Exchange stays under: the workload is flagged, the customer total is a ratio of sums
    let usage = format!(
        "{USAGE_HEADER}t1,Contoso,SharePoint,2024-06-01,10,9\n\
         t1,Contoso,OneDrive,2024-06-01,0,4\n\
         t1,Contoso,Exchange,2024-06-01,30,12\n"
    );
    let a = adoption(&[("usage.csv", &usage)]);
    let c = &a.customers[0];
    let sp = c.workloads.iter().find(|w| w.key == "SharePoint").unwrap();
    assert_eq!((sp.active, sp.entitled, sp.over_100), (13, 10, true));
    assert_eq!(sp.usage_pct, Some(130.0));
    let ex = c.workloads.iter().find(|w| w.key == "Exchange").unwrap();
    assert!(!ex.over_100);
    // (13 + 12) / (10 + 30): not above 100 overall, never an average of ratios
    assert_eq!(c.usage_pct, Some(62.5));
    assert!(!c.over_100);
    assert_eq!(
        a.portfolio
            .by_workload
            .iter()
            .filter(|w| w.over_100)
            .count(),
        1
    );
}

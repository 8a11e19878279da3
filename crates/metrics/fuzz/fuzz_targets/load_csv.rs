//! Arbitrary bytes as the data rows of each CSV dataset header (comma and `;`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use metrics::load::{load, Input};

const HEADERS: &[&str] = &[
    "CustomerTenantId,CustomerName,CustomerTenantCountry,CustomerMarket,CustomerSegment,TopSegment,CustomerStatus,Product,RawProductName,SKU,Month,PartnerLocationID,PartnerAttributionType,SalesChannel,IsDuplicateRowForPGA\n",
    "SubscriptionId;SubscriptionState;Month;CustomerTenantId;CustomerName;Product;SKU;TotalSoldSeats;TotalAssignedSeats\n",
    "CustomerTenantId,CustomerName,WorkloadName,Month,PaidAvailableUnits,MonthlyActiveUsers,IsDuplicateRowForPGA\n",
    "customerTenantId,customerName,id,status,productName,subscriptionType,creationDate,effectiveStartDate,commitmentEndDate,currentStateEndDate,deprovisionedDate\n",
];

fuzz_target!(|data: &[u8]| {
    for h in HEADERS {
        let mut bytes = h.as_bytes().to_vec();
        bytes.extend_from_slice(data);
        let l = load(&[Input { name: "fuzz.csv", bytes: &bytes }]);
        let f = &l.files[0];
        assert_eq!(f.rows_read, f.rows_used + f.rows_skipped);
        let _ = metrics::report(&l.dataset, &metrics::Query::default());
    }
});

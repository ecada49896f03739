//! The staff app's chunks: sign-in, the shell and the workbench are the first load; every other
//! page arrives with its chunk when first opened ([`waypost_frontend::lazy`]). A chunk is the pages of
//! one area; code that several chunks use is split out once, as a shared chunk, by the splitter —
//! one per distinct set of users, so finer chunks multiply the files (nine chunks made 151).

use waypost_frontend::chunk;
use waypost_frontend::pages;

chunk!(customers:
    customers => pages::customers::CustomersPage,
    customer_detail => pages::customer_detail::CustomerDetailPage,
    at_risk => pages::at_risk::AtRiskPage,
);

chunk!(customer_edit:
    customer_form => pages::customer_form::CustomerFormPage,
    handover => pages::handover::HandoverPage,
    customer_import => pages::customer_import::CustomerImportPage,
    customer_quality => pages::customer_quality::CustomerQualityPage,
);

chunk!(logistics:
    shipments => pages::shipments::ShipmentsPage,
    shipment_detail => pages::shipments::ShipmentDetailPage,
    pickups => pages::pickups::PickupsPage,
    pickup_new => pages::pickups::PickupNewPage,
    pickup_detail => pages::pickups::PickupDetailPage,
    pickup_today => pages::pickup_today::PickupTodayPage,
);

chunk!(service:
    requests => pages::requests::RequestsPage,
    request_new => pages::requests::RequestNewPage,
    request_detail => pages::requests::RequestDetailPage,
    complaints => pages::complaints::ComplaintsPage,
    lookup => pages::lookup::LookupPage,
    kb => pages::kb::KbPage,
    kb_article => pages::kb::KbArticlePage,
    kb_edit => pages::kb::KbEditPage,
    notices => pages::notices::NoticesPage,
);

chunk!(admin:
    orgs => pages::orgs::OrgsPage,
    org_form => pages::org_form::OrgFormPage,
    staff => pages::staff::StaffPage,
    staff_form => pages::staff_form::StaffFormPage,
    audit => pages::audit::AuditPage,
    account => pages::account::AccountPage,
);

// The settings pages are a chunk of their own: with them, the people pages' chunk came to 155 KB on
// a cold open (the SLA matrix alone is a quarter of it), over the 150 KB a page may cost.
chunk!(settings:
    custom_fields => pages::custom_fields::CustomFieldsPage,
    api_keys => pages::api_keys::ApiKeysPage,
    commitments => pages::commitments::CommitmentsPage,
    outbox => pages::outbox::OutboxPage,
    canned => pages::canned::CannedPage,
    sla_settings => pages::sla_settings::SlaSettingsPage,
    value_rules => pages::value_rules::ValueRulesPage,
);

// Reports: their own chunk, so that charts cost nothing to those who never open them.
chunk!(reports:
    value_report => pages::reports::ValueReportPage,
);

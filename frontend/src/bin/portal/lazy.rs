//! The portal's chunks: the sign-in page, the shell and the shipment list are the first load
//! (what a customer opens most); every other page arrives with its chunk when first opened.

use waypost_frontend::chunk;
use waypost_frontend::pages::portal;

chunk!(portal_join:
    register => portal::auth::PortalRegisterPage,
    activate => portal::auth::PortalActivatePage,
    reset => portal::auth::PortalResetPage,
);

chunk!(portal_shipment:
    shipment => portal::shipments::PortalShipmentPage,
);

chunk!(portal_pickups:
    pickups => portal::pickups::PortalPickupsPage,
    book => portal::pickups::PortalBookPage,
    pickup => portal::pickups::PortalPickupPage,
    addresses => portal::addresses::PortalAddressesPage,
);

chunk!(portal_requests:
    requests => portal::requests::PortalRequestsPage,
    request_new => portal::requests::PortalRequestNewPage,
    request => portal::requests::PortalRequestPage,
);

chunk!(portal_account:
    notices => portal::notices::PortalNoticesPage,
    account => portal::notices::PortalAccountPage,
);

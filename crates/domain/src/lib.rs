//! The Hulian domain: the vocabulary of Shanghai–Dalian counterpart cooperation
//! (sectors, regions, listing types, modes), the records of the public exchange
//! format, and their validation.
//!
//! No I/O and no ORM live here: every other crate depends on this one and this
//! one depends on nothing of ours. Validation lives here, in one place, so the
//! API, the importer and the demo generator all accept and reject the same data.

pub mod cooperation;
pub mod enums;
pub mod exchange;
pub mod listing;
pub mod organization;
pub mod region;
pub mod taxonomy;
pub mod validation;

pub use cooperation::{AuditAction, IntroductionKind, IntroductionStatus, SideResponse, Stage};
pub use enums::{ListingStatus, ListingType, Mode, OrgRole, OrgType, Ownership, PlatformRole};
pub use exchange::{ExportLine, ParsedLine, Record, parse_ndjson, parse_record};
pub use listing::ListingRecord;
pub use organization::{Contact, OrganizationRecord};
pub use region::{Counterparts, Region};
pub use taxonomy::{SECTORS, Sector, SubSector};
pub use validation::{FieldError, ValidationErrors};

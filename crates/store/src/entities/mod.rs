//! Plain sea-orm entities, one per table. Behaviour lives in the domain and the
//! service; these only say how rows look.

pub mod alert_cursor;
pub mod alert_mark;
pub mod audit_entry;
pub mod change_log;
pub mod cooperation;
pub mod cooperation_event;
pub mod introduction;
pub mod listing;
pub mod match_feedback;
pub mod membership;
pub mod notification;
pub mod organization;
pub mod refresh_token;
pub mod saved_search;
pub mod user;
pub mod webhook;
pub mod webhook_delivery;
pub mod webhook_job;

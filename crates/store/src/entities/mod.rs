//! Plain sea-orm entities, one per table. Behaviour lives in the domain and the
//! service; these only say how rows look.

pub mod change_log;
pub mod listing;
pub mod match_feedback;
pub mod membership;
pub mod organization;
pub mod refresh_token;
pub mod user;
pub mod alert_cursor;
pub mod alert_mark;
pub mod notification;
pub mod saved_search;
pub mod webhook;
pub mod webhook_delivery;
pub mod webhook_job;

//! Users, their memberships of organizations, and refresh tokens.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

use crate::entities::{membership, organization, refresh_token, user};
use crate::error::StoreError;
use crate::page::{Page, PageRequest};

pub use crate::entities::membership::Model as MembershipRow;
pub use crate::entities::refresh_token::Model as RefreshTokenRow;
pub use crate::entities::user::Model as UserRow;

pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    email: &str,
    password_hash: &str,
    display_name: &str,
    role: &str,
    now: DateTime<Utc>,
) -> Result<UserRow, StoreError> {
    Ok(user::ActiveModel {
        email: Set(email.to_owned()),
        password_hash: Set(password_hash.to_owned()),
        display_name: Set(display_name.to_owned()),
        role: Set(role.to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?)
}

pub async fn find_by_email<C: ConnectionTrait>(conn: &C, email: &str) -> Result<Option<UserRow>, StoreError> {
    Ok(user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(conn)
        .await?)
}

pub async fn find_by_id<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Option<UserRow>, StoreError> {
    Ok(user::Entity::find_by_id(id).one(conn).await?)
}

pub async fn list<C: ConnectionTrait>(conn: &C, page: PageRequest) -> Result<Page<UserRow>, StoreError> {
    let query = user::Entity::find();
    let query = query.order_by_asc(user::Column::Id);
    crate::page::fetch(conn, query, page).await
}

pub async fn set_role<C: ConnectionTrait>(conn: &C, row: UserRow, role: &str) -> Result<UserRow, StoreError> {
    let mut active: user::ActiveModel = row.into();
    active.role = Set(role.to_owned());
    Ok(active.update(conn).await?)
}

pub async fn set_password<C: ConnectionTrait>(
    conn: &C,
    row: UserRow,
    password_hash: &str,
) -> Result<UserRow, StoreError> {
    let mut active: user::ActiveModel = row.into();
    active.password_hash = Set(password_hash.to_owned());
    Ok(active.update(conn).await?)
}

// --- memberships ---

pub async fn add_membership<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    organization_id: i64,
    role: &str,
    now: DateTime<Utc>,
) -> Result<MembershipRow, StoreError> {
    Ok(membership::ActiveModel {
        user_id: Set(user_id),
        organization_id: Set(organization_id),
        role: Set(role.to_owned()),
        created_at: Set(now),
    }
    .insert(conn)
    .await?)
}

pub async fn membership<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    organization_id: i64,
) -> Result<Option<MembershipRow>, StoreError> {
    Ok(membership::Entity::find_by_id((user_id, organization_id))
        .one(conn)
        .await?)
}

pub async fn remove_membership<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    organization_id: i64,
) -> Result<bool, StoreError> {
    let result = membership::Entity::delete_by_id((user_id, organization_id))
        .exec(conn)
        .await?;
    Ok(result.rows_affected > 0)
}

/// The ids of the organizations a user belongs to.
pub async fn organization_ids_of_user<C: ConnectionTrait>(conn: &C, user_id: i64) -> Result<Vec<i64>, StoreError> {
    Ok(membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .all(conn)
        .await?
        .into_iter()
        .map(|m| m.organization_id)
        .collect())
}

/// The organizations a user belongs to, with the role there.
pub async fn memberships_of_user<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
) -> Result<Vec<(MembershipRow, organization::Model)>, StoreError> {
    let rows = membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .order_by_asc(membership::Column::OrganizationId)
        .all(conn)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|m| m.organization_id).collect();
    let orgs = crate::organizations::find_by_ids(conn, &ids).await?;
    Ok(rows
        .into_iter()
        .filter_map(|m| orgs.iter().find(|o| o.id == m.organization_id).cloned().map(|o| (m, o)))
        .collect())
}

/// The members of an organization, with their users.
pub async fn members_of_organization<C: ConnectionTrait>(
    conn: &C,
    organization_id: i64,
) -> Result<Vec<(MembershipRow, UserRow)>, StoreError> {
    let rows = membership::Entity::find()
        .filter(membership::Column::OrganizationId.eq(organization_id))
        .order_by_asc(membership::Column::UserId)
        .all(conn)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|m| m.user_id).collect();
    let users = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|m| users.iter().find(|u| u.id == m.user_id).cloned().map(|u| (m, u)))
        .collect())
}

// --- refresh tokens ---

pub async fn insert_refresh_token<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    token_hash: &str,
    family: &str,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<RefreshTokenRow, StoreError> {
    Ok(refresh_token::ActiveModel {
        user_id: Set(user_id),
        token_hash: Set(token_hash.to_owned()),
        family: Set(family.to_owned()),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?)
}

pub async fn find_refresh_token<C: ConnectionTrait>(
    conn: &C,
    token_hash: &str,
) -> Result<Option<RefreshTokenRow>, StoreError> {
    Ok(refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(token_hash))
        .one(conn)
        .await?)
}

/// Revokes one token if it is still live; returns whether this call revoked it
/// (false when another request got there first).
pub async fn revoke_refresh_token<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let result = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, sea_orm::sea_query::Expr::value(now))
        .filter(refresh_token::Column::Id.eq(id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

pub async fn revoke_refresh_family<C: ConnectionTrait>(
    conn: &C,
    family: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, sea_orm::sea_query::Expr::value(now))
        .filter(refresh_token::Column::Family.eq(family))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

pub async fn count<C: ConnectionTrait>(conn: &C) -> Result<u64, StoreError> {
    Ok(user::Entity::find().count(conn).await?)
}

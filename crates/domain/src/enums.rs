//! The closed vocabularies of the exchange format, as Rust enums that know their
//! slug and their Chinese and English names.

/// Declares a slug enum: serde uses the slug, and every variant carries its
/// Chinese and English label so that the API, the CLI and the demo generator
/// never spell them twice.
macro_rules! slug_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $slug:literal, $zh:literal, $en:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize, ::utoipa::ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $(
                #[doc = $en]
                #[serde(rename = $slug)]
                $variant,
            )+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $slug),+ }
            }

            pub fn zh(self) -> &'static str {
                match self { $($name::$variant => $zh),+ }
            }

            pub fn en(self) -> &'static str {
                match self { $($name::$variant => $en),+ }
            }

            pub fn parse(slug: &str) -> Option<Self> {
                match slug { $($slug => Some($name::$variant),)+ _ => None }
            }

            /// The accepted slugs, for error messages.
            pub fn slugs() -> String {
                [$($slug),+].join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s).ok_or_else(|| format!("expected one of {}", Self::slugs()))
            }
        }
    };
}
pub(crate) use slug_enum;

slug_enum! {
    /// What kind of body an organization is.
    OrgType {
        Enterprise = "enterprise", "企业", "enterprise";
        Park = "park", "园区", "industrial park";
        Fund = "fund", "基金", "investment fund";
        Agency = "agency", "政府/招商机构", "government or investment-promotion agency";
        Association = "association", "协会商会", "association";
        Institute = "institute", "高校院所", "university or research institute";
    }
}

slug_enum! {
    /// Who owns an organization.
    Ownership {
        Soe = "soe", "国有", "state-owned";
        Private = "private", "民营", "private";
        Foreign = "foreign", "外资", "foreign-invested";
        Mixed = "mixed", "混合所有制", "mixed ownership";
        Public = "public", "事业单位/公共机构", "public institution";
    }
}

slug_enum! {
    /// The kinds of listing; see [`ListingType::counterparts`].
    ListingType {
        Project = "project", "招商项目", "investment project";
        Need = "need", "合作需求", "cooperation need";
        Offer = "offer", "合作供给", "cooperation offer";
        ParkSpace = "park_space", "园区载体", "park space";
        FundMandate = "fund_mandate", "投资意向", "fund mandate";
        Technology = "technology", "科技成果", "technology";
    }
}

impl ListingType {
    /// The natural counterpart types of a listing type (the exchange format's
    /// table): what a listing of this type is looking for.
    pub fn counterparts(self) -> &'static [ListingType] {
        use ListingType::*;
        match self {
            Project => &[FundMandate, Offer, ParkSpace, Technology],
            Need => &[Offer, Technology],
            Offer => &[Need, Project],
            ParkSpace => &[Project, Need],
            FundMandate => &[Project],
            Technology => &[Need, Project],
        }
    }
}

slug_enum! {
    /// The lifecycle of a listing. `expired` is not a status: it is derived from the deadline.
    ListingStatus {
        Draft = "draft", "草稿", "draft";
        Published = "published", "已发布", "published";
        Closed = "closed", "已关闭", "closed";
    }
}

impl ListingStatus {
    /// Whether an owner may move a listing from `self` to `next`
    /// (draft → published → closed; staying put is always allowed).
    pub fn can_become(self, next: ListingStatus) -> bool {
        use ListingStatus::*;
        matches!(
            (self, next),
            (Draft, Draft | Published | Closed) | (Published, Published | Closed) | (Closed, Closed)
        )
    }
}

slug_enum! {
    /// Ways of cooperating.
    Mode {
        Equity = "equity", "股权投资", "equity investment";
        JointVenture = "joint_venture", "合资合作", "joint venture";
        Procurement = "procurement", "产需对接/采购", "procurement";
        Supply = "supply", "供货", "supply";
        Relocation = "relocation", "产业转移/设立基地", "relocation or production base";
        Branch = "branch", "设立分支机构", "branch office";
        TechTransfer = "tech_transfer", "技术转让", "technology transfer";
        Licensing = "licensing", "许可", "licensing";
        CoDevelopment = "co_development", "联合研发", "joint development";
        Outsourcing = "outsourcing", "服务外包", "outsourcing";
        Lease = "lease", "租赁/入驻", "lease or move-in";
    }
}

slug_enum! {
    /// A user's role on the platform as a whole.
    PlatformRole {
        Member = "member", "会员", "member";
        Promoter = "promoter", "招商专员", "investment-promotion officer";
        Admin = "admin", "管理员", "administrator";
    }
}

slug_enum! {
    /// A user's role inside one organization.
    OrgRole {
        Owner = "owner", "所有者", "owner";
        Editor = "editor", "编辑", "editor";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip_through_serde_and_parse() {
        for t in ListingType::ALL {
            let json = serde_json::to_string(t).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", t.as_str()));
            assert_eq!(ListingType::parse(t.as_str()), Some(*t));
        }
        assert_eq!(Mode::parse("nope"), None);
    }

    #[test]
    fn counterpart_table_matches_the_spec() {
        assert_eq!(
            ListingType::Project.counterparts(),
            &[
                ListingType::FundMandate,
                ListingType::Offer,
                ListingType::ParkSpace,
                ListingType::Technology
            ]
        );
        assert_eq!(ListingType::FundMandate.counterparts(), &[ListingType::Project]);
    }

    #[test]
    fn status_moves_forward_only() {
        assert!(ListingStatus::Draft.can_become(ListingStatus::Published));
        assert!(ListingStatus::Published.can_become(ListingStatus::Closed));
        assert!(!ListingStatus::Closed.can_become(ListingStatus::Published));
        assert!(!ListingStatus::Published.can_become(ListingStatus::Draft));
    }
}

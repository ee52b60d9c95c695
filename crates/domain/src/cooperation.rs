//! The vocabulary of introductions and cooperations: how two sides meet, and
//! the stages a cooperation goes through until its project lands
//! (签约 → 开工 → 投产). Not the storage or the rules of who may act.

use crate::enums::slug_enum;

/// Longest introduction message and stage note, in characters.
pub const MAX_MESSAGE: usize = 2_000;
pub const MAX_NOTE: usize = 2_000;
/// The largest agreed amount accepted, in yuan (10 万亿元).
pub const MAX_AGREED_AMOUNT_CNY: i64 = 10_000_000_000_000;

slug_enum! {
    /// How an introduction came about.
    IntroductionKind {
        Interest = "interest", "意向表达", "expression of interest";
        Brokered = "brokered", "招商撮合", "brokered by a promoter";
    }
}

slug_enum! {
    /// Where an introduction stands as a whole.
    IntroductionStatus {
        Pending = "pending", "待回应", "pending";
        Accepted = "accepted", "已接受", "accepted";
        Declined = "declined", "已婉拒", "declined";
        Withdrawn = "withdrawn", "已撤回", "withdrawn";
    }
}

slug_enum! {
    /// One side's answer to an introduction.
    SideResponse {
        Pending = "pending", "待回应", "pending";
        Accepted = "accepted", "已接受", "accepted";
        Declined = "declined", "已婉拒", "declined";
    }
}

slug_enum! {
    /// The stages of a cooperation, in order; `dropped` ends one at any point.
    Stage {
        Interest = "interest", "意向", "interest";
        Negotiation = "negotiation", "洽谈", "negotiation";
        Signed = "signed", "签约", "signed";
        Construction = "construction", "开工", "construction started";
        Production = "production", "投产", "in production";
        Dropped = "dropped", "终止", "dropped";
    }
}

impl Stage {
    /// Position along the pipeline; `dropped` is off it.
    pub fn rank(self) -> Option<u8> {
        match self {
            Stage::Interest => Some(0),
            Stage::Negotiation => Some(1),
            Stage::Signed => Some(2),
            Stage::Construction => Some(3),
            Stage::Production => Some(4),
            Stage::Dropped => None,
        }
    }

    /// Production and dropped are where a cooperation ends.
    pub fn is_terminal(self) -> bool {
        matches!(self, Stage::Production | Stage::Dropped)
    }

    /// A cooperation moves forward, possibly skipping stages that happened
    /// off the platform, or is dropped; it never moves back and never leaves
    /// an end.
    pub fn can_move_to(self, next: Stage) -> bool {
        if self.is_terminal() {
            return false;
        }
        match (self.rank(), next.rank()) {
            (_, None) => true,
            (Some(now), Some(then)) => then > now,
            (None, Some(_)) => false,
        }
    }

    /// From signing on, a cooperation has an agreed amount.
    pub fn needs_amount(self) -> bool {
        self.rank().is_some_and(|rank| rank >= 2)
    }
}

slug_enum! {
    /// The sensitive actions the audit log records.
    AuditAction {
        ContactReveal = "contact_reveal", "查看联系方式", "contact revealed";
        RoleChange = "role_change", "角色变更", "role changed";
        MembershipChange = "membership_change", "成员变更", "membership changed";
        Verification = "verification", "认证变更", "verification changed";
        Import = "import", "批量导入", "import";
        Export = "export", "批量导出", "export";
        Deletion = "deletion", "删除", "deletion";
        KeyProject = "key_project", "重点项目标记", "key project flag changed";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_move_forward_or_drop_and_never_leave_an_end() {
        use Stage::*;
        assert!(Interest.can_move_to(Negotiation));
        assert!(
            Interest.can_move_to(Signed),
            "skipping stages that happened off the platform"
        );
        assert!(Signed.can_move_to(Production));
        assert!(Negotiation.can_move_to(Dropped));
        assert!(!Signed.can_move_to(Negotiation), "never back");
        assert!(!Signed.can_move_to(Signed), "not to itself");
        for &end in &[Production, Dropped] {
            for &next in Stage::ALL {
                assert!(!end.can_move_to(next), "{end} is an end");
            }
        }
    }

    #[test]
    fn an_amount_is_needed_from_signing_on() {
        let needing: Vec<Stage> = Stage::ALL.iter().copied().filter(|s| s.needs_amount()).collect();
        assert_eq!(needing, vec![Stage::Signed, Stage::Construction, Stage::Production]);
    }
}

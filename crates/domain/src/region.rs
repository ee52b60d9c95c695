//! Regions and the counterpart pairs between them.
//!
//! Which regions pair with which is configuration, not code: the default is the
//! Shanghai–Dalian plan (shanghai ↔ dalian, and the other Liaoning coastal
//! cities ↔ shanghai, plan task 24), and a deployment may name its own pairs.

use crate::enums::slug_enum;

slug_enum! {
    /// Where an organization is based or a listing's subject is.
    Region {
        Shanghai = "shanghai", "上海", "Shanghai";
        Dalian = "dalian", "大连", "Dalian";
        Dandong = "dandong", "丹东", "Dandong";
        Jinzhou = "jinzhou", "锦州", "Jinzhou";
        Yingkou = "yingkou", "营口", "Yingkou";
        Panjin = "panjin", "盘锦", "Panjin";
        Huludao = "huludao", "葫芦岛", "Huludao";
        Other = "other", "其他", "other";
    }
}

/// Symmetric counterpart pairs between regions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counterparts {
    pairs: Vec<(Region, Region)>,
}

impl Default for Counterparts {
    fn default() -> Self {
        use Region::*;
        Counterparts {
            pairs: vec![
                (Shanghai, Dalian),
                (Shanghai, Dandong),
                (Shanghai, Jinzhou),
                (Shanghai, Yingkou),
                (Shanghai, Panjin),
                (Shanghai, Huludao),
            ],
        }
    }
}

impl Counterparts {
    pub fn new(pairs: Vec<(Region, Region)>) -> Self {
        Counterparts { pairs }
    }

    /// Parses `shanghai:dalian,shanghai:dandong` (whitespace ignored).
    pub fn parse(spec: &str) -> Result<Self, String> {
        let mut pairs = Vec::new();
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (a, b) = part
                .split_once(':')
                .ok_or_else(|| format!("pair `{part}` is not of the form region:region"))?;
            let a = Region::parse(a.trim()).ok_or_else(|| format!("unknown region `{}`", a.trim()))?;
            let b = Region::parse(b.trim()).ok_or_else(|| format!("unknown region `{}`", b.trim()))?;
            if a == b {
                return Err(format!("region `{a}` cannot be its own counterpart"));
            }
            pairs.push((a, b));
        }
        if pairs.is_empty() {
            return Err("no counterpart pairs given".to_owned());
        }
        Ok(Counterparts { pairs })
    }

    pub fn pairs(&self) -> &[(Region, Region)] {
        &self.pairs
    }

    /// The counterpart regions of `region`, in configuration order.
    pub fn of(&self, region: Region) -> Vec<Region> {
        let mut out = Vec::new();
        for &(a, b) in &self.pairs {
            let other = if a == region {
                b
            } else if b == region {
                a
            } else {
                continue;
            };
            if !out.contains(&other) {
                out.push(other);
            }
        }
        out
    }

    pub fn are_counterparts(&self, a: Region, b: Region) -> bool {
        self.pairs
            .iter()
            .any(|&(x, y)| (x == a && y == b) || (x == b && y == a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_pairs_follow_the_plan() {
        let c = Counterparts::default();
        assert_eq!(c.of(Region::Dalian), vec![Region::Shanghai]);
        assert_eq!(c.of(Region::Shanghai).len(), 6);
        assert!(c.are_counterparts(Region::Panjin, Region::Shanghai));
        assert!(!c.are_counterparts(Region::Panjin, Region::Dalian));
        assert!(c.of(Region::Other).is_empty());
    }

    #[test]
    fn parse_rejects_bad_pairs() {
        assert!(Counterparts::parse("shanghai:dalian, dandong:shanghai").is_ok());
        assert!(Counterparts::parse("shanghai").is_err());
        assert!(Counterparts::parse("shanghai:mars").is_err());
        assert!(Counterparts::parse("dalian:dalian").is_err());
        assert!(Counterparts::parse("").is_err());
    }
}

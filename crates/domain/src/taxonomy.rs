//! The sector taxonomy of the Shanghai–Dalian plan: top-level sectors with their
//! GB/T 4754-2017 divisions, and the platform's sub-sectors (`parent.child`),
//! which count for their parent wherever sectors are compared or filtered.

use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub struct Sector {
    pub slug: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    /// Indicative GB/T 4754-2017 divisions, for mapping registry data.
    pub gbt4754: &'static str,
    pub subsectors: &'static [SubSector],
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub struct SubSector {
    /// The child part of the slug; the full slug is `parent.child`.
    pub slug: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

const fn sub(slug: &'static str, zh: &'static str, en: &'static str) -> SubSector {
    SubSector { slug, zh, en }
}

pub static SECTORS: &[Sector] = &[
    Sector {
        slug: "equipment",
        zh: "装备制造",
        en: "equipment manufacturing",
        gbt4754: "C33–C37, C40",
        subsectors: &[
            sub(
                "shipbuilding",
                "船舶与海洋工程装备",
                "shipbuilding and offshore equipment",
            ),
            sub("machine_tools", "数控机床", "CNC machine tools"),
            sub("rail", "轨道交通装备", "rail transit equipment"),
            sub("bearings", "轴承及基础零部件", "bearings and basic components"),
            sub("heavy_machinery", "重型机械", "heavy machinery"),
        ],
    },
    Sector {
        slug: "petrochemical",
        zh: "石化",
        en: "petrochemicals and chemicals",
        gbt4754: "C25, C26, C29",
        subsectors: &[
            sub("refining", "炼化一体化", "integrated refining"),
            sub("fine_chemicals", "精细化工", "fine chemicals"),
        ],
    },
    Sector {
        slug: "port_logistics",
        zh: "港航物流",
        en: "ports, shipping and logistics",
        gbt4754: "G53–G60",
        subsectors: &[
            sub("shipping", "航运", "shipping"),
            sub("cold_chain", "冷链物流", "cold-chain logistics"),
            sub("cruise", "邮轮", "cruise"),
            sub("warehousing", "仓储", "warehousing"),
        ],
    },
    Sector {
        slug: "finance",
        zh: "金融",
        en: "finance",
        gbt4754: "J66–J69",
        subsectors: &[
            sub("equity_investment", "股权投资", "equity investment"),
            sub("leasing", "融资租赁", "financial leasing"),
            sub("futures", "期货", "futures"),
        ],
    },
    Sector {
        slug: "trade",
        zh: "贸易",
        en: "trade and commerce",
        gbt4754: "F51, F52",
        subsectors: &[],
    },
    Sector {
        slug: "health",
        zh: "卫生健康",
        en: "health care and elderly care",
        gbt4754: "Q84, Q85",
        subsectors: &[sub("elderly_care", "养老服务", "elderly care")],
    },
    Sector {
        slug: "tourism",
        zh: "旅游",
        en: "tourism and hospitality",
        gbt4754: "H61, H62, N786",
        subsectors: &[
            sub("smart_tourism", "智慧旅游", "smart tourism"),
            sub("hotels", "酒店", "hotels"),
        ],
    },
    Sector {
        slug: "exhibition",
        zh: "会展",
        en: "conventions and exhibitions",
        gbt4754: "L728",
        subsectors: &[],
    },
    Sector {
        slug: "software_it",
        zh: "软件和信息服务",
        en: "software, IT services, big data, cloud, IoT, industrial software",
        gbt4754: "I63–I65",
        subsectors: &[
            sub("industrial_software", "工业软件", "industrial software"),
            sub("iot", "物联网", "internet of things"),
            sub("cloud", "云计算与大数据", "cloud and big data"),
        ],
    },
    Sector {
        slug: "robotics",
        zh: "机器人与智能装备",
        en: "robots and intelligent equipment",
        gbt4754: "C3491, C3963",
        subsectors: &[],
    },
    Sector {
        slug: "biomedicine",
        zh: "生物医药",
        en: "biomedicine",
        gbt4754: "C27, C358",
        subsectors: &[],
    },
    Sector {
        slug: "new_materials",
        zh: "新材料",
        en: "new materials",
        gbt4754: "C26, C30–C32 (parts)",
        subsectors: &[sub("composites", "复合材料", "composite materials")],
    },
    Sector {
        slug: "new_energy",
        zh: "新能源及储能",
        en: "new energy and energy storage",
        gbt4754: "D4414–D4416, C384",
        subsectors: &[
            sub("energy_storage", "储能", "energy storage"),
            sub("hydrogen", "氢能", "hydrogen"),
            sub("wind", "风电", "wind power"),
            sub("solar", "光伏", "solar power"),
        ],
    },
    Sector {
        slug: "auto",
        zh: "汽车及新能源汽车",
        en: "automotive and new-energy vehicles",
        gbt4754: "C36",
        subsectors: &[sub("nev", "新能源汽车", "new-energy vehicles")],
    },
    Sector {
        slug: "aerospace",
        zh: "航空航天",
        en: "aviation and aerospace",
        gbt4754: "C374",
        subsectors: &[],
    },
    Sector {
        slug: "green_tech",
        zh: "节能环保",
        en: "energy saving and environmental protection",
        gbt4754: "N77 (parts)",
        subsectors: &[],
    },
    Sector {
        slug: "agriculture",
        zh: "现代农业",
        en: "modern agriculture and green food",
        gbt4754: "A01–A05, C13–C14",
        subsectors: &[
            sub("seafood", "海产品", "seafood"),
            sub("green_food", "绿色食品", "green food"),
        ],
    },
    Sector {
        slug: "education",
        zh: "教育培训",
        en: "education and vocational training",
        gbt4754: "P83",
        subsectors: &[],
    },
    Sector {
        slug: "culture_sports",
        zh: "文化体育",
        en: "culture, creative industries, sports",
        gbt4754: "R86–R89",
        subsectors: &[],
    },
];

/// The top-level sector a slug belongs to (`equipment.shipbuilding` → `equipment`).
pub fn top_level(slug: &str) -> &str {
    slug.split_once('.').map_or(slug, |(parent, _)| parent)
}

/// Looks up a top-level sector.
pub fn sector(slug: &str) -> Option<&'static Sector> {
    SECTORS.iter().find(|s| s.slug == slug)
}

/// Whether `slug` is a top-level sector or one of the platform's sub-sectors.
pub fn is_known(slug: &str) -> bool {
    match slug.split_once('.') {
        None => sector(slug).is_some(),
        Some((parent, child)) => sector(parent).is_some_and(|s| s.subsectors.iter().any(|sub| sub.slug == child)),
    }
}

/// Chinese and English names of a (sub-)sector slug.
pub fn names(slug: &str) -> Option<(&'static str, &'static str)> {
    match slug.split_once('.') {
        None => sector(slug).map(|s| (s.zh, s.en)),
        Some((parent, child)) => sector(parent)
            .and_then(|s| s.subsectors.iter().find(|sub| sub.slug == child))
            .map(|sub| (sub.zh, sub.en)),
    }
}

/// Every slug a record's sectors count for: each slug itself and, for a
/// sub-sector, its parent. Order is kept; duplicates are dropped.
pub fn expand(slugs: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(slugs.len() * 2);
    for slug in slugs {
        for candidate in [slug.as_str(), top_level(slug)] {
            if !out.iter().any(|s| s == candidate) {
                out.push(candidate.to_owned());
            }
        }
    }
    out
}

/// All known slugs, top-level first then sub-sectors.
pub fn all_slugs() -> Vec<String> {
    let mut out: Vec<String> = SECTORS.iter().map(|s| s.slug.to_owned()).collect();
    for s in SECTORS {
        out.extend(s.subsectors.iter().map(|sub| format!("{}.{}", s.slug, sub.slug)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_names_nineteen_sectors() {
        assert_eq!(SECTORS.len(), 19);
        assert!(is_known("equipment"));
        assert!(is_known("port_logistics.cold_chain"));
        assert!(!is_known("port_logistics.teleportation"));
        assert!(!is_known("mining"));
    }

    #[test]
    fn subsectors_count_for_their_parent() {
        let expanded = expand(&["equipment.shipbuilding".to_owned(), "equipment".to_owned()]);
        assert_eq!(expanded, vec!["equipment.shipbuilding", "equipment"]);
        assert_eq!(top_level("new_energy.energy_storage"), "new_energy");
    }

    #[test]
    fn every_slug_has_names() {
        for slug in all_slugs() {
            assert!(names(&slug).is_some(), "{slug}");
        }
    }
}

//! Places: the cities of each region, their districts with the industries they
//! are known for, and the zones, ports and parks inside them.
//!
//! Real place names only (the plan is about real places); every organization
//! placed in them is fictional.

use hulian_domain::Region;

use crate::rng::Rng;
use crate::text::{Term, t};

pub(crate) struct District {
    pub name: Term,
    /// Top-level sector slugs the district is known for.
    pub focus: &'static [&'static str],
    /// Zones, parks and ports inside the district.
    pub areas: &'static [Area],
}

/// A zone, park or port inside a district.
pub(crate) struct Area {
    pub name: Term,
    /// Top-level sector slugs that belong there; empty for a general-purpose industrial zone.
    pub focus: &'static [&'static str],
}

/// Sectors that do not set up in a general-purpose industrial zone.
const NOT_INDUSTRIAL: &[&str] = &[
    "tourism",
    "health",
    "education",
    "culture_sports",
    "finance",
    "exhibition",
    "trade",
    "agriculture",
    "petrochemical",
];

impl Area {
    /// Whether a listing of `sector` (top-level slug) can sensibly be sited here.
    pub(crate) fn suits(&self, sector: &str) -> bool {
        if self.focus.is_empty() {
            !NOT_INDUSTRIAL.contains(&sector)
        } else {
            self.focus.contains(&sector)
        }
    }
}

const fn a(zh: &'static str, en: &'static str, focus: &'static [&'static str]) -> Area {
    Area { name: t(zh, en), focus }
}

pub(crate) struct City {
    pub region: Region,
    pub name: Term,
    /// Telephone area code, for demo phone numbers.
    pub area_code: &'static str,
    pub port: Option<Term>,
    pub districts: &'static [District],
}

const fn d(name: Term, focus: &'static [&'static str], areas: &'static [Area]) -> District {
    District { name, focus, areas }
}

pub(crate) static CITIES: &[City] = &[
    City {
        region: Region::Shanghai,
        name: t("上海", "Shanghai"),
        area_code: "021",
        port: Some(t("洋山深水港", "Yangshan Deep-Water Port")),
        districts: &[
            d(
                t("浦东新区", "Pudong New Area"),
                &[
                    "equipment",
                    "biomedicine",
                    "finance",
                    "port_logistics",
                    "aerospace",
                    "new_energy",
                    "software_it",
                    "trade",
                ],
                &[
                    a("临港新片区", "Lingang Special Area", &[]),
                    a(
                        "张江科学城",
                        "Zhangjiang Science City",
                        &["biomedicine", "software_it", "robotics", "new_materials"],
                    ),
                    a(
                        "外高桥保税区",
                        "Waigaoqiao Free Trade Zone",
                        &["trade", "port_logistics", "finance"],
                    ),
                    a("陆家嘴金融城", "Lujiazui Financial City", &["finance", "trade"]),
                    a(
                        "金桥开发区",
                        "Jinqiao Development Zone",
                        &["auto", "equipment", "software_it", "robotics"],
                    ),
                    a(
                        "洋山特殊综合保税区",
                        "Yangshan Special Comprehensive Bonded Zone",
                        &["port_logistics", "trade"],
                    ),
                    a("祝桥航空城", "Zhuqiao Aviation City", &["aerospace"]),
                ],
            ),
            d(
                t("嘉定区", "Jiading District"),
                &["auto", "new_energy", "robotics", "software_it"],
                &[
                    a("安亭汽车城", "Anting Auto City", &["auto"]),
                    a("嘉定工业区", "Jiading Industrial Zone", &[]),
                    a("嘉定氢能港", "Jiading Hydrogen Hub", &["new_energy", "auto"]),
                ],
            ),
            d(
                t("闵行区", "Minhang District"),
                &["equipment", "aerospace", "robotics", "software_it", "biomedicine"],
                &[
                    a(
                        "紫竹高新区",
                        "Zizhu Hi-tech Park",
                        &["software_it", "aerospace", "biomedicine", "new_materials"],
                    ),
                    a("莘庄工业区", "Xinzhuang Industrial Zone", &[]),
                ],
            ),
            d(
                t("宝山区", "Baoshan District"),
                &["port_logistics", "new_materials", "robotics", "tourism"],
                &[
                    a(
                        "吴淞口国际邮轮港",
                        "Wusongkou International Cruise Terminal",
                        &["port_logistics", "tourism"],
                    ),
                    a("宝山城市工业园区", "Baoshan Urban Industrial Park", &[]),
                    a("顾村机器人产业园", "Gucun Robotics Park", &["robotics"]),
                ],
            ),
            d(
                t("松江区", "Songjiang District"),
                &["software_it", "robotics", "biomedicine", "new_materials"],
                &[
                    a("G60科创走廊", "G60 Science and Innovation Corridor", &[]),
                    a(
                        "松江综合保税区",
                        "Songjiang Bonded Zone",
                        &["trade", "port_logistics", "software_it"],
                    ),
                ],
            ),
            d(
                t("青浦区", "Qingpu District"),
                &["exhibition", "port_logistics", "trade"],
                &[
                    a(
                        "国家会展中心（上海）",
                        "National Exhibition and Convention Center (Shanghai)",
                        &["exhibition"],
                    ),
                    a(
                        "西虹桥商务区",
                        "West Hongqiao Business District",
                        &["trade", "exhibition", "finance", "software_it"],
                    ),
                ],
            ),
            d(
                t("奉贤区", "Fengxian District"),
                &["biomedicine", "new_materials", "health"],
                &[
                    a("东方美谷", "Oriental Beauty Valley", &["biomedicine", "health"]),
                    a(
                        "杭州湾经济技术开发区",
                        "Hangzhou Bay Economic and Technological Development Zone",
                        &[],
                    ),
                ],
            ),
            d(
                t("金山区", "Jinshan District"),
                &["petrochemical", "new_materials", "agriculture", "green_tech"],
                &[
                    a(
                        "上海化学工业区",
                        "Shanghai Chemical Industry Park",
                        &["petrochemical", "new_materials"],
                    ),
                    a("金山第二工业区", "Jinshan No. 2 Industrial Zone", &[]),
                ],
            ),
            d(
                t("杨浦区", "Yangpu District"),
                &["software_it", "education", "culture_sports"],
                &[
                    a("杨浦滨江", "Yangpu Riverside", &["software_it", "culture_sports"]),
                    a(
                        "环同济知识经济圈",
                        "Tongji Knowledge Economy Circle",
                        &["education", "software_it", "green_tech"],
                    ),
                ],
            ),
            d(
                t("徐汇区", "Xuhui District"),
                &["software_it", "health", "culture_sports", "biomedicine"],
                &[
                    a(
                        "漕河泾开发区",
                        "Caohejing Hi-tech Park",
                        &["software_it", "robotics", "biomedicine"],
                    ),
                    a("徐汇滨江", "West Bund", &["culture_sports", "software_it", "tourism"]),
                    a(
                        "枫林生命健康产业园",
                        "Fenglin Life Science Park",
                        &["biomedicine", "health"],
                    ),
                ],
            ),
            d(
                t("静安区", "Jing'an District"),
                &["finance", "trade", "culture_sports", "software_it"],
                &[a("市北高新园区", "Shibei Hi-tech Park", &["software_it"])],
            ),
            d(
                t("长宁区", "Changning District"),
                &["aerospace", "trade", "software_it"],
                &[a(
                    "虹桥临空经济示范区",
                    "Hongqiao Airport Economic Zone",
                    &["aerospace", "trade", "software_it"],
                )],
            ),
            d(
                t("虹口区", "Hongkou District"),
                &["port_logistics", "finance"],
                &[a(
                    "北外滩航运服务集聚区",
                    "North Bund shipping services cluster",
                    &["port_logistics", "finance"],
                )],
            ),
            d(
                t("黄浦区", "Huangpu District"),
                &["finance", "trade", "tourism", "exhibition"],
                &[a("外滩金融集聚带", "Bund Financial Belt", &["finance"])],
            ),
            d(
                t("普陀区", "Putuo District"),
                &["software_it", "trade"],
                &[a("桃浦智创城", "Taopu Smart City", &["software_it", "new_materials"])],
            ),
            d(
                t("崇明区", "Chongming District"),
                &["equipment", "agriculture", "tourism", "green_tech"],
                &[
                    a(
                        "长兴岛海洋装备产业基地",
                        "Changxing Island Marine Equipment Base",
                        &["equipment"],
                    ),
                    a(
                        "崇明生态岛",
                        "Chongming Eco-island",
                        &["agriculture", "tourism", "green_tech", "culture_sports", "health"],
                    ),
                ],
            ),
        ],
    },
    City {
        region: Region::Dalian,
        name: t("大连", "Dalian"),
        area_code: "0411",
        port: Some(t("大连港大窑湾港区", "Dayaowan Port Area of Dalian Port")),
        districts: &[
            d(
                t("金普新区", "Jinpu New Area"),
                &[
                    "equipment",
                    "petrochemical",
                    "auto",
                    "port_logistics",
                    "new_energy",
                    "trade",
                    "biomedicine",
                ],
                &[
                    a(
                        "大连经济技术开发区",
                        "Dalian Economic and Technological Development Zone",
                        &[],
                    ),
                    a(
                        "中英（大连）先进制造产业示范园",
                        "Sino-UK (Dalian) Advanced Manufacturing Industrial Park",
                        &["equipment", "auto", "robotics", "new_materials", "aerospace"],
                    ),
                    a(
                        "辽宁自贸试验区大连片区",
                        "Dalian Area of the China (Liaoning) Pilot Free Trade Zone",
                        &["trade", "port_logistics", "finance", "auto"],
                    ),
                    a("大窑湾港区", "Dayaowan Port Area", &["port_logistics", "trade"]),
                    a("大孤山半岛", "Dagushan Peninsula", &["petrochemical"]),
                ],
            ),
            d(
                t("高新区", "Dalian Hi-tech Zone"),
                &["software_it", "biomedicine", "robotics", "new_energy", "education"],
                &[
                    a("大连软件园", "Dalian Software Park", &["software_it", "education"]),
                    a(
                        "旅顺南路软件产业带",
                        "Lüshun South Road Software Belt",
                        &["software_it"],
                    ),
                    a(
                        "英歌石科学城",
                        "Yinggeshi Science City",
                        &[
                            "new_energy",
                            "biomedicine",
                            "new_materials",
                            "software_it",
                            "robotics",
                            "green_tech",
                        ],
                    ),
                    a(
                        "七贤岭产业化基地",
                        "Qixianling Industrialisation Base",
                        &["software_it", "biomedicine"],
                    ),
                ],
            ),
            d(
                t("甘井子区", "Ganjingzi District"),
                &["equipment", "port_logistics", "trade", "software_it"],
                &[
                    a(
                        "大连湾临港工业区",
                        "Dalian Bay Port Industrial Zone",
                        &["equipment", "port_logistics"],
                    ),
                    a("甘井子工业园", "Ganjingzi Industrial Park", &[]),
                ],
            ),
            d(
                t("旅顺口区", "Lüshunkou District"),
                &["equipment", "tourism", "biomedicine"],
                &[
                    a(
                        "旅顺经济技术开发区",
                        "Lüshun Economic and Technological Development Zone",
                        &["equipment", "biomedicine"],
                    ),
                    a("双岛湾", "Shuangdao Bay", &["petrochemical", "new_materials"]),
                ],
            ),
            d(
                t("瓦房店市", "Wafangdian"),
                &["equipment", "agriculture", "new_energy"],
                &[
                    a("瓦房店轴承产业园", "Wafangdian Bearing Industrial Park", &["equipment"]),
                    a(
                        "太平湾合作创新区",
                        "Taiping Bay Cooperation and Innovation Zone",
                        &["port_logistics", "equipment", "new_energy", "trade"],
                    ),
                ],
            ),
            d(
                t("长兴岛经济区", "Changxing Island Economic Zone"),
                &["petrochemical", "equipment", "port_logistics", "new_materials"],
                &[
                    a(
                        "长兴岛石化产业基地",
                        "Changxing Island Petrochemical Base",
                        &["petrochemical"],
                    ),
                    a(
                        "长兴岛临港工业区",
                        "Changxing Island Port Industrial Zone",
                        &["equipment", "port_logistics", "new_materials"],
                    ),
                ],
            ),
            d(
                t("普兰店区", "Pulandian District"),
                &["agriculture", "equipment", "new_materials", "auto"],
                &[a("普兰店经济开发区", "Pulandian Economic Development Zone", &[])],
            ),
            d(
                t("庄河市", "Zhuanghe"),
                &["agriculture", "tourism", "new_energy", "equipment"],
                &[
                    a(
                        "花园口经济区",
                        "Huayuankou Economic Zone",
                        &["new_materials", "biomedicine", "health"],
                    ),
                    a("庄河海洋牧场", "Zhuanghe Marine Ranch", &["agriculture"]),
                ],
            ),
            d(
                t("长海县", "Changhai County"),
                &["agriculture", "tourism"],
                &[
                    a("广鹿岛", "Guanglu Island", &["agriculture", "tourism"]),
                    a("海洋岛", "Haiyang Island", &["agriculture", "tourism"]),
                ],
            ),
            d(
                t("中山区", "Zhongshan District"),
                &["finance", "tourism", "trade", "port_logistics"],
                &[
                    a(
                        "东港商务区",
                        "Donggang Business District",
                        &["finance", "trade", "exhibition", "tourism"],
                    ),
                    a(
                        "大连港国际邮轮中心",
                        "Dalian Port International Cruise Center",
                        &["port_logistics", "tourism"],
                    ),
                ],
            ),
            d(
                t("西岗区", "Xigang District"),
                &["health", "trade", "culture_sports"],
                &[],
            ),
            d(
                t("沙河口区", "Shahekou District"),
                &["software_it", "education", "culture_sports", "health", "exhibition"],
                &[a(
                    "星海湾商务区",
                    "Xinghai Bay Business District",
                    &["finance", "exhibition", "tourism", "culture_sports"],
                )],
            ),
            d(
                t("保税区", "Dalian Free Trade Zone"),
                &["auto", "trade", "port_logistics"],
                &[a(
                    "大连汽车码头",
                    "Dalian Automobile Terminal",
                    &["auto", "port_logistics", "trade"],
                )],
            ),
        ],
    },
    City {
        region: Region::Dandong,
        name: t("丹东", "Dandong"),
        area_code: "0415",
        port: Some(t("丹东港", "Dandong Port")),
        districts: &[
            d(
                t("振兴区", "Zhenxing District"),
                &["equipment", "trade", "software_it"],
                &[a(
                    "丹东仪器仪表产业园",
                    "Dandong Instrument Industrial Park",
                    &["equipment", "software_it"],
                )],
            ),
            d(
                t("元宝区", "Yuanbao District"),
                &["trade", "tourism", "culture_sports"],
                &[a("鸭绿江畔", "Yalu Riverside", &["tourism", "culture_sports"])],
            ),
            d(
                t("振安区", "Zhen'an District"),
                &["trade", "port_logistics"],
                &[a(
                    "丹东边境经济合作区",
                    "Dandong Border Economic Cooperation Zone",
                    &["trade", "port_logistics", "equipment"],
                )],
            ),
            d(
                t("东港市", "Donggang"),
                &["agriculture", "port_logistics", "tourism"],
                &[a(
                    "丹东港大东港区",
                    "Dadong Port Area of Dandong Port",
                    &["port_logistics", "agriculture"],
                )],
            ),
            d(t("凤城市", "Fengcheng"), &["auto", "agriculture", "tourism"], &[]),
        ],
    },
    City {
        region: Region::Jinzhou,
        name: t("锦州", "Jinzhou"),
        area_code: "0416",
        port: Some(t("锦州港", "Jinzhou Port")),
        districts: &[
            d(
                t(
                    "锦州经济技术开发区",
                    "Jinzhou Economic and Technological Development Zone",
                ),
                &["new_energy", "petrochemical", "port_logistics", "auto"],
                &[
                    a(
                        "锦州光伏产业园",
                        "Jinzhou Photovoltaic Industrial Park",
                        &["new_energy", "new_materials"],
                    ),
                    a("锦州港", "Jinzhou Port", &["port_logistics", "petrochemical"]),
                ],
            ),
            d(
                t("太和区", "Taihe District"),
                &["auto", "equipment", "agriculture"],
                &[a(
                    "锦州汽车零部件产业园",
                    "Jinzhou Auto Parts Industrial Park",
                    &["auto"],
                )],
            ),
            d(
                t("古塔区", "Guta District"),
                &["trade", "culture_sports", "tourism"],
                &[],
            ),
            d(t("凌河区", "Linghe District"), &["trade", "health", "education"], &[]),
            d(
                t("松山新区", "Songshan New Area"),
                &["software_it", "education", "new_materials"],
                &[],
            ),
        ],
    },
    City {
        region: Region::Yingkou,
        name: t("营口", "Yingkou"),
        area_code: "0417",
        port: Some(t("营口港鲅鱼圈港区", "Bayuquan Port Area of Yingkou Port")),
        districts: &[
            d(
                t("鲅鱼圈区", "Bayuquan District"),
                &["port_logistics", "equipment", "new_materials", "auto", "trade"],
                &[
                    a("营口港鲅鱼圈港区", "Bayuquan Port Area", &["port_logistics", "trade"]),
                    a(
                        "辽宁自贸试验区营口片区",
                        "Yingkou Area of the China (Liaoning) Pilot Free Trade Zone",
                        &["trade", "port_logistics", "finance", "auto"],
                    ),
                ],
            ),
            d(
                t("大石桥市", "Dashiqiao"),
                &["new_materials", "green_tech"],
                &[a(
                    "大石桥镁质材料产业园",
                    "Dashiqiao Magnesia Materials Industrial Park",
                    &["new_materials"],
                )],
            ),
            d(
                t("老边区", "Laobian District"),
                &["equipment", "petrochemical"],
                &[a(
                    "仙人岛能源化工区",
                    "Xianrendao Energy and Chemical Zone",
                    &["petrochemical", "new_energy"],
                )],
            ),
            d(t("站前区", "Zhanqian District"), &["trade", "health"], &[]),
            d(t("盖州市", "Gaizhou"), &["agriculture", "tourism"], &[]),
        ],
    },
    City {
        region: Region::Panjin,
        name: t("盘锦", "Panjin"),
        area_code: "0427",
        port: Some(t("盘锦港", "Panjin Port")),
        districts: &[
            d(
                t("辽东湾新区", "Liaodong Bay New Area"),
                &["petrochemical", "port_logistics", "equipment", "new_materials"],
                &[
                    a(
                        "盘锦精细化工产业园",
                        "Panjin Fine Chemical Industrial Park",
                        &["petrochemical", "new_materials"],
                    ),
                    a("盘锦港", "Panjin Port", &["port_logistics"]),
                ],
            ),
            d(
                t("兴隆台区", "Xinglongtai District"),
                &["petrochemical", "equipment", "trade"],
                &[a("辽河油田", "Liaohe Oilfield", &["petrochemical", "equipment"])],
            ),
            d(
                t("大洼区", "Dawa District"),
                &["agriculture", "tourism"],
                &[a(
                    "红海滩国家风景廊道",
                    "Red Beach National Scenic Corridor",
                    &["tourism", "agriculture"],
                )],
            ),
            d(
                t("双台子区", "Shuangtaizi District"),
                &["trade", "health", "green_tech"],
                &[],
            ),
            d(t("盘山县", "Panshan County"), &["agriculture"], &[]),
        ],
    },
    City {
        region: Region::Huludao,
        name: t("葫芦岛", "Huludao"),
        area_code: "0429",
        port: Some(t("葫芦岛港", "Huludao Port")),
        districts: &[
            d(
                t("龙港区", "Longgang District"),
                &["equipment", "port_logistics"],
                &[a(
                    "葫芦岛北港工业区",
                    "Huludao North Port Industrial Zone",
                    &["equipment", "port_logistics", "petrochemical"],
                )],
            ),
            d(
                t("连山区", "Lianshan District"),
                &["petrochemical", "new_materials"],
                &[],
            ),
            d(
                t("兴城市", "Xingcheng"),
                &["culture_sports", "tourism", "trade"],
                &[
                    a(
                        "兴城泳装产业园",
                        "Xingcheng Swimwear Industrial Park",
                        &["culture_sports", "trade"],
                    ),
                    a("兴城古城", "Xingcheng Ancient City", &["tourism", "culture_sports"]),
                ],
            ),
            d(
                t("绥中县", "Suizhong County"),
                &["agriculture", "tourism", "port_logistics"],
                &[a(
                    "东戴河新区",
                    "Dongdaihe New Area",
                    &["tourism", "health", "agriculture"],
                )],
            ),
        ],
    },
    City {
        region: Region::Other,
        name: t("北京", "Beijing"),
        area_code: "010",
        port: None,
        districts: &[
            d(
                t("海淀区", "Haidian District"),
                &["software_it", "education", "aerospace", "robotics"],
                &[a(
                    "中关村",
                    "Zhongguancun",
                    &["software_it", "robotics", "aerospace", "biomedicine", "education"],
                )],
            ),
            d(
                t("朝阳区", "Chaoyang District"),
                &["finance", "trade", "culture_sports"],
                &[],
            ),
        ],
    },
    City {
        region: Region::Other,
        name: t("深圳", "Shenzhen"),
        area_code: "0755",
        port: None,
        districts: &[
            d(
                t("南山区", "Nanshan District"),
                &["software_it", "robotics", "new_energy", "biomedicine"],
                &[],
            ),
            d(t("福田区", "Futian District"), &["finance", "trade"], &[]),
        ],
    },
    City {
        region: Region::Other,
        name: t("苏州", "Suzhou"),
        area_code: "0512",
        port: None,
        districts: &[d(
            t("苏州工业园区", "Suzhou Industrial Park"),
            &["biomedicine", "new_materials", "software_it", "equipment"],
            &[],
        )],
    },
    City {
        region: Region::Other,
        name: t("沈阳", "Shenyang"),
        area_code: "024",
        port: None,
        districts: &[
            d(
                t("浑南区", "Hunnan District"),
                &["software_it", "robotics", "biomedicine"],
                &[],
            ),
            d(t("铁西区", "Tiexi District"), &["equipment", "auto"], &[]),
        ],
    },
    City {
        region: Region::Other,
        name: t("天津", "Tianjin"),
        area_code: "022",
        port: None,
        districts: &[d(
            t("滨海新区", "Binhai New Area"),
            &["petrochemical", "aerospace", "port_logistics", "finance"],
            &[],
        )],
    },
    City {
        region: Region::Other,
        name: t("杭州", "Hangzhou"),
        area_code: "0571",
        port: None,
        districts: &[d(t("滨江区", "Binjiang District"), &["software_it", "trade"], &[])],
    },
];

/// Picks a district of `region`, busier districts (more industries) more often.
pub(crate) fn pick_place(rng: &mut Rng, region: Region) -> (&'static City, &'static District) {
    let cities: Vec<&'static City> = cities(region).collect();
    let city = *rng.pick(&cities);
    let weights: Vec<u32> = city.districts.iter().map(|d| 2 + d.focus.len() as u32).collect();
    (city, &city.districts[rng.weighted(&weights)])
}

/// Picks a district of `region` known for `sector` (a top-level slug) when there is one.
pub(crate) fn pick_place_for(rng: &mut Rng, region: Region, sector: &str) -> (&'static City, &'static District) {
    let known: Vec<(&'static City, &'static District)> = cities(region)
        .flat_map(|city| city.districts.iter().map(move |district| (city, district)))
        .filter(|(_, district)| district.focus.contains(&sector))
        .collect();
    if known.is_empty() || rng.percent(15) {
        pick_place(rng, region)
    } else {
        *rng.pick(&known)
    }
}

/// A zone of the district that suits `sector`, some of the time.
pub(crate) fn pick_area(rng: &mut Rng, district: &'static District, sector: &str) -> Option<&'static Area> {
    let suitable: Vec<&'static Area> = district.areas.iter().filter(|a| a.suits(sector)).collect();
    if suitable.is_empty() || rng.percent(45) {
        None
    } else {
        Some(*rng.pick(&suitable))
    }
}

/// The cities of a region (one city per region except `other`).
pub(crate) fn cities(region: Region) -> impl Iterator<Item = &'static City> {
    CITIES.iter().filter(move |c| c.region == region)
}

/// A district on the other side of the partnership, for listings that name whom they serve:
/// Dalian or a coastal city for Shanghai, a Shanghai district for everyone else.
pub(crate) fn counterpart_district(rng: &mut Rng, region: Region) -> Term2 {
    let region = match region {
        Region::Shanghai if rng.percent(70) => Region::Dalian,
        Region::Shanghai => *rng.pick(&[
            Region::Dandong,
            Region::Jinzhou,
            Region::Yingkou,
            Region::Panjin,
            Region::Huludao,
        ]),
        Region::Other if rng.percent(50) => Region::Dalian,
        _ => Region::Shanghai,
    };
    let (city, district) = pick_place(rng, region);
    let en = if district.name.en.starts_with(city.name.en) {
        district.name.en.to_owned()
    } else {
        format!("{}, {}", district.name.en, city.name.en)
    };
    Term2 {
        zh: format!("{}{}", city.name.zh, district.name.zh),
        en,
    }
}

/// A place name built at run time.
pub(crate) struct Term2 {
    pub zh: String,
    pub en: String,
}

/// The region where partners are usually sought, as Chinese and English prose.
pub(crate) fn counterpart_phrase(region: Region) -> Term {
    match region {
        Region::Shanghai => t("大连及辽宁沿海城市", "Dalian and the Liaoning coastal cities"),
        Region::Dalian => t("上海及长三角地区", "Shanghai and the Yangtze River Delta"),
        Region::Other => t("沪连两地", "Shanghai and Dalian"),
        _ => t("上海和大连", "Shanghai and Dalian"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hulian_domain::taxonomy;

    #[test]
    fn every_region_has_a_city_and_every_focus_is_a_sector() {
        for region in Region::ALL {
            assert!(cities(*region).next().is_some(), "{region}");
        }
        for city in CITIES {
            assert!(!city.districts.is_empty());
            for district in city.districts {
                assert!(district.name.zh.chars().count() <= 100);
                for slug in district
                    .focus
                    .iter()
                    .chain(district.areas.iter().flat_map(|a| a.focus.iter()))
                {
                    assert!(taxonomy::sector(slug).is_some(), "{slug}");
                }
            }
        }
    }
}

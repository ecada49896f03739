//! What the generators share: a small deterministic PRNG (every run produces the same firm),
//! the parts of Chinese names, and the demo customers' stages and tiers (which `data` writes and
//! `history` gives matching shipments).

pub(crate) const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何",
    "林", "罗", "高",
];
pub(crate) const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英",
    "丽", "建华", "志强", "海燕", "晓东", "文博", "雨涵",
];
pub(crate) const PINYIN: &[&str] = &[
    "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu",
    "hu", "guo", "he", "lin", "luo", "gao",
];

/// xorshift64*: deterministic, dependency-free.
pub(crate) struct Rng(pub(crate) u64);
impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub(crate) fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

/// The demo customers' lifecycle stage and tier, by id - 1 modulo 8 ([`crate::history`] gives
/// them the shipments that make the value rules agree).
pub const DEMO_STATUSES: [&str; 8] =
    ["active", "contracted", "prospect", "registered", "at_risk", "active", "contracted", "lost"];
pub const DEMO_TIERS: [&str; 8] =
    ["vip", "key", "regular", "regular", "potential", "key", "regular", "regular"];
/// How many demo customers there are (ids 1…).
pub const DEMO_CUSTOMERS: i64 = 16;
